using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tidu.Application;
using Tidu.Application.Workflow;
using Tidu.Data;
using Tidu.Data.Entities.Workflow;
using Tidu.Data.Identity;
using Tidu.Data.Registry;
using Tidu.Data.Scoping;
using Tidu.Domain.Regions;
using Tidu.Web.Security;

namespace Tidu.Web.Seeding;

/// <summary>
/// Demo data: an earlier round of Zhejiang's specialized SMEs whose one application (a qualifying 上城区 enterprise, not
/// the demo enterprise user's) went through county, city and province review and a publicity that ended before today —
/// so a province officer can try recognition (认定) at once, without moving the clock. Every step is taken by the same
/// use cases as in the pages, by the demo officers, each on a clock set to the day it happened (eight to two weeks ago).
/// </summary>
public static class DemoHistory
{
    public const string TitleSuffix = "（演示：公示已结束，待认定）";

    public static async Task SeedAsync(IServiceProvider sp, string enterpriseUserCreditCode, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(sp);
        // A qualifying enterprise of a county with a demo county officer (上城区, 拱墅区), not the demo enterprise user's.
        var counties = DemoAccounts.All.Where(a => a.Role == Roles.CountyOfficer && a.RegionCode is not null).Select(a => a.RegionCode!).ToList();
        var candidate = await sp.GetRequiredService<TiduDbContext>().Enterprises.AsNoTracking()
            .Where(e => counties.Contains(e.RegionCode) && e.CreditCode != enterpriseUserCreditCode)
            .Where(e => e.TierOutcomes.Any(t => t.Tier == DemoRound.Tier && t.Qualified))
            .OrderBy(e => e.Id).Select(e => e.CreditCode).FirstOrDefaultAsync().ConfigureAwait(false);
        if (candidate is not null)
        {
            await RunAsync(sp, candidate, log).ConfigureAwait(false); // none in a very small demo database: nothing to show
        }
    }

    /// <summary>The earlier round and <paramref name="creditCode"/>'s application in it, up to publicity; its id, or null when a step was refused.</summary>
    public static async Task<long?> RunAsync(IServiceProvider sp, string creditCode, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(sp);
        ArgumentNullException.ThrowIfNull(log);
        var today = ChinaCalendar.Today(sp.GetRequiredService<TimeProvider>());
        var db = sp.GetRequiredService<TiduDbContext>();
        var regions = sp.GetRequiredService<RegionTree>();
        var workflow = sp.GetRequiredService<IOptions<WorkflowOptions>>().Value;
        var region = await db.Enterprises.AsNoTracking().Where(e => e.CreditCode == creditCode).Select(e => e.RegionCode).SingleAsync().ConfigureAwait(false);
        var cityCode = regions.Find(region)?.Parent ?? region;

        // The round opened eight weeks ago for four weeks; publicity started three weeks ago.
        var opened = today.AddDays(-56);
        var submitted = opened.AddDays(7);
        var publicityStart = sp.GetRequiredService<Tidu.Rules.Calendar.WorkingDayCalendar>().FirstOnOrAfter(today.AddDays(-21));
        var version = DemoRound.VersionOn(sp, opened);
        if (version is null)
        {
            return null;
        }
        var round = new Round
        {
            Title = $"{opened.Year} 年浙江省专精特新中小企业认定{TitleSuffix}",
            Tier = DemoRound.Tier,
            RegionCode = DemoRound.Province,
            OpensOn = opened,
            ClosesOn = opened.AddDays(28),
            RuleSetVersion = $"{DemoRound.Tier}@{version.VersionId}",
            OpenedBy = "zj-province",
            OpenedAt = At(opened),
            PublicityWorkingDays = workflow.PublicityWorkingDays,
            ValidityYears = workflow.RecognitionValidityYears,
            Quotas = [.. regions.All.Where(r => r.Level == "city" && regions.IsWithin(r.Code, DemoRound.Province))
                .Select(r => new RoundQuota { CityCode = r.Code, Quota = 3 })],
        };
        db.Rounds.Add(round);
        await db.SaveChangesAsync().ConfigureAwait(false);

        var enterprise = new Actor("system:demo", Roles.Enterprise, RegionScope.OneEnterprise("system:demo", creditCode));
        var county = Officer(DemoLogin(Roles.CountyOfficer, region), Roles.CountyOfficer, region);
        var city = Officer(DemoLogin(Roles.CityOfficer, cityCode), Roles.CityOfficer, cityCode);
        var province = Officer("zj-province", Roles.ProvinceOfficer, DemoRound.Province);
        var scopes = sp.GetRequiredService<IServiceScopeFactory>();
        async Task<Data.Entities.Workflow.Application?> Step(Actor actor, DateOnly day, Func<ApplicationService, PublicityService, Task<Outcome<Decided>>> work)
        {
            using var scope = scopes.CreateScope();
            scope.ServiceProvider.GetRequiredService<HttpRegionScopeSource>().Override = actor.Scope;
            var clock = new DayClock(At(day));
            var actors = new FixedActor(actor);
            var applications = ActivatorUtilities.CreateInstance<ApplicationService>(scope.ServiceProvider, clock, actors);
            var publicity = ActivatorUtilities.CreateInstance<PublicityService>(scope.ServiceProvider, applications, clock, actors);
            var outcome = await work(applications, publicity).ConfigureAwait(false);
            if (outcome.Refusal is { } refused)
            {
                log.LogWarning("demo round with ended publicity left incomplete: {Actor} was refused: {Reason}", actor.Name, refused.En);
            }
            return outcome.Value?.Application;
        }
        var a = await Step(enterprise, submitted, (apps, _) => apps.SubmitAsync(round.Id, declaredTrue: true, CancellationToken.None)).ConfigureAwait(false);
        a = a is null ? null : await Step(county, submitted.AddDays(5), (apps, _) => apps.DecideAsync(a.Id, "approve", "材料齐全，数据经核对无误", a.Revision, null, CancellationToken.None)).ConfigureAwait(false);
        a = a is null ? null : await Step(city, submitted.AddDays(10), (apps, _) => apps.DecideAsync(a.Id, "recommend", null, a.Revision, null, CancellationToken.None)).ConfigureAwait(false);
        a = a is null ? null : await Step(province, publicityStart.AddDays(-3), (apps, _) => apps.DecideAsync(a.Id, "approve", "符合认定条件", a.Revision, null, CancellationToken.None)).ConfigureAwait(false);
        a = a is null ? null : await Step(province, publicityStart, (_, publicity) => publicity.StartAsync(a.Id, a.Revision, CancellationToken.None)).ConfigureAwait(false);
        return a?.Id;
    }

    /// <summary>The demo officer of a role and region, or the demo data job where the demo has none.</summary>
    private static string DemoLogin(string role, string region) =>
        DemoAccounts.All.FirstOrDefault(a => a.Role == role && a.RegionCode == region)?.UserName ?? "system:demo";

    private static Actor Officer(string name, string role, string region) => new(name, role, RegionScope.Region(name, region));

    /// <summary>Nine in the morning of a China date, as UTC (PostgreSQL stores instants in UTC only).</summary>
    private static DateTimeOffset At(DateOnly day) => new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8)).ToUniversalTime();

    /// <summary>A clock standing on one instant: the day a demo step is taken.</summary>
    private sealed class DayClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}
