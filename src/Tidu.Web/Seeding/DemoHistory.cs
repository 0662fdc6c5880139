using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tidu.Data;
using Tidu.Data.Entities.Workflow;
using Tidu.Data.Registry;
using Tidu.Domain.Regions;
using Tidu.Rules;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Gaps;
using Tidu.Web.Workflow;

namespace Tidu.Web.Seeding;

/// <summary>
/// Demo data: an earlier round of Zhejiang's specialized SMEs whose one application (a qualifying 上城区 enterprise, not
/// the demo enterprise user's) went through county, city and province review and a publicity that ended before today —
/// so a province officer can try recognition (认定) at once, without moving the clock. The steps are written as the
/// review chain writes them, dated in the past, by the demo officers.
/// </summary>
public static class DemoHistory
{
    public const string TitleSuffix = "（演示：公示已结束，待认定）";

    public static async Task SeedAsync(IServiceProvider sp, string enterpriseUserCreditCode)
    {
        ArgumentNullException.ThrowIfNull(sp);
        var clock = sp.GetRequiredService<TimeProvider>();
        var today = ChinaCalendar.Today(clock);
        var db = sp.GetRequiredService<TiduDbContext>();
        var registry = sp.GetRequiredService<EnterpriseRegistry>();
        var evaluator = sp.GetRequiredService<Evaluator>();
        var gaps = sp.GetRequiredService<GapAnalyzer>();
        var regions = sp.GetRequiredService<RegionTree>();
        var workflow = sp.GetRequiredService<IOptions<WorkflowOptions>>().Value;

        // The round opened eight weeks ago and closed four weeks ago; publicity started three weeks ago.
        var opened = today.AddDays(-56);
        var submitted = opened.AddDays(7);
        var publicityStart = WorkingDays.FirstOnOrAfter(today.AddDays(-21));
        var publicityEnd = WorkingDays.LastOf(publicityStart, workflow.PublicityWorkingDays);
        var candidate = await db.Enterprises.AsNoTracking()
            .Where(e => e.RegionCode == "330102" && e.CreditCode != enterpriseUserCreditCode)
            .Where(e => e.TierOutcomes.Any(t => t.Tier == DemoRound.Tier && t.Qualified))
            .OrderBy(e => e.Id).Select(e => e.CreditCode).FirstOrDefaultAsync().ConfigureAwait(false);
        if (candidate is null || await registry.FindAsync(candidate).ConfigureAwait(false) is not { } enterprise
            || ProfileMapping.ToProfile(enterprise).Profile is not { } profile
            || PreEvaluation.Of(profile, submitted, DemoRound.Tier, evaluator, gaps) is not { } pre)
        {
            return; // no qualifying demo enterprise in 上城区 (a very small demo database): nothing to show
        }
        var round = new Round
        {
            Title = $"{opened.Year} 年浙江省专精特新中小企业认定{TitleSuffix}",
            Tier = DemoRound.Tier,
            RegionCode = DemoRound.Province,
            OpensOn = opened,
            ClosesOn = opened.AddDays(28),
            RuleSetVersion = pre.RuleVersion,
            OpenedBy = "zj-province",
            OpenedAt = At(opened, 9),
            PublicityWorkingDays = workflow.PublicityWorkingDays,
            ValidityYears = workflow.RecognitionValidityYears,
            Quotas = [.. regions.All.Where(r => r.Level == "city" && regions.IsWithin(r.Code, DemoRound.Province))
                .Select(r => new RoundQuota { CityCode = r.Code, Quota = 3, Recommended = r.Code == "330100" ? 1 : 0 })],
        };
        var application = new Application
        {
            Round = round,
            EnterpriseId = enterprise.Id,
            Enterprise = enterprise,
            State = ApplicationState.Submitted,
            DeclaredTrue = true,
            SubmittedAt = At(submitted, 10),
            PreEvaluation = pre.TraceJson,
            PreEvaluationQualified = pre.Qualified,
            PreEvaluationRuleVersion = pre.RuleVersion,
        };
        void Step(string level, string decision, ApplicationState to, string actor, DateOnly day, string? reason)
        {
            application.Decisions.Add(ReviewerEvaluation.Record(application, level, decision, to, actor, At(day, 10), reason));
            application.State = to;
            application.Revision++;
            application.UpdatedAt = At(day, 10);
        }
        Step("enterprise", "submit", ApplicationState.Submitted, "enterprise", submitted, null);
        Step("county", "approve", ApplicationState.CountyApproved, "sc-county", submitted.AddDays(5), "材料齐全，数据经核对无误");
        Step("city", "recommend", ApplicationState.CityRecommended, "hz-city", submitted.AddDays(10), null);
        Step("province", "approve", ApplicationState.ProvinceApproved, "zj-province", publicityStart.AddDays(-3), "符合认定条件");
        Step("province", "publicize", ApplicationState.Publicity, "zj-province", publicityStart, $"公示 {publicityStart:yyyy-MM-dd} 至 {publicityEnd:yyyy-MM-dd}");
        application.PublicityStartsOn = publicityStart;
        application.PublicityEndsOn = publicityEnd;
        db.Applications.Add(application);
        db.ApplicationDeclarations.Add(DeclaredValues.Snapshot(application, enterprise, "enterprise", At(submitted, 10)));
        db.RuleSetVersion = pre.RuleVersion;
        await db.SaveChangesAsync().ConfigureAwait(false);
    }

    /// <summary>A time of day on a China date, as a UTC instant.</summary>
    private static DateTimeOffset At(DateOnly day, int hour) => new(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.FromHours(8));
}
