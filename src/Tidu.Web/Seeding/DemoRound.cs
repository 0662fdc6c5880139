using Microsoft.Extensions.Options;
using Tidu.Application.Workflow;
using Tidu.Data;
using Tidu.Data.Entities.Workflow;
using Tidu.Data.Registry;
using Tidu.Domain.Regions;
using Tidu.Rules;

namespace Tidu.Web.Seeding;

/// <summary>
/// The demo database's open recognition round, so the workflow pages have something to act on at once: Zhejiang's
/// specialized SMEs under the rule version in force today, open from today for the configured number of days, with
/// the configured demo quota for every city. Demo data only; a real round is opened by a province officer.
/// </summary>
public static class DemoRound
{
    public const string Province = "330000";
    public const string Tier = "specialized-sme";

    /// <summary>As the evaluator picks it: the most specific rule set of the tier with a version in force on <paramref name="day"/>.</summary>
    public static Tidu.Rules.Model.RuleVersionInfo? VersionOn(IServiceProvider sp, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(sp);
        return sp.GetRequiredService<RuleLibrary>().TiersFor(Province).SingleOrDefault(g => g[0].Id == Tier)?
            .Select(t => t.VersionOn(day)?.Info).FirstOrDefault(v => v is not null);
    }

    public static async Task SeedAsync(IServiceProvider sp, DemoOptions demo)
    {
        ArgumentNullException.ThrowIfNull(sp);
        ArgumentNullException.ThrowIfNull(demo);
        var clock = sp.GetRequiredService<TimeProvider>();
        var today = ChinaCalendar.Today(clock);
        var version = VersionOn(sp, today);
        if (version is null)
        {
            return; // no version in force today: nothing to open a round on
        }
        var regions = sp.GetRequiredService<RegionTree>();
        var workflow = sp.GetRequiredService<IOptions<WorkflowOptions>>().Value;
        var db = sp.GetRequiredService<TiduDbContext>();
        db.Rounds.Add(new Round
        {
            Title = $"{today.Year} 年浙江省专精特新中小企业认定（演示批次）",
            Tier = Tier,
            RegionCode = Province,
            OpensOn = today,
            ClosesOn = today.AddDays(demo.RoundOpenDays),
            RuleSetVersion = $"{Tier}@{version.VersionId}",
            OpenedBy = "zj-province",
            OpenedAt = clock.GetUtcNow(),
            PublicityWorkingDays = workflow.PublicityWorkingDays,
            ValidityYears = workflow.RecognitionValidityYears,
            Quotas = [.. regions.All.Where(r => r.Level == "city" && regions.IsWithin(r.Code, Province))
                .Select(r => new RoundQuota { CityCode = r.Code, Quota = demo.RoundQuotaPerCity })],
        });
        await db.SaveChangesAsync().ConfigureAwait(false);
    }
}
