using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Shouldly;
using Tidu.Web.Tests.Infrastructure;
using Tidu.Web.Tests.Service;
using Xunit;
using static Tidu.Web.Tests.Monitoring.MonitoringData;

namespace Tidu.Web.Tests.Monitoring;

/// <summary>
/// The service charts of the dashboard and the monthly report — requests answered on time per county and month, pool
/// movement per month, tier and pool — for 杭州市 (hz-city): requests and pool stays are made here through the API,
/// then every cell is compared with a count made here from the stored rows (China dates taken from the UTC stamps).
/// </summary>
public abstract class ServiceChartsTests(TiduAppFixture app)
{
    private const string City = "330100";
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private static DateOnly ChinaDay(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(China).DateTime);

    private static string Month(DateOnly d) => d.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>Two requests of 上城区 (one answered today), one of 拱墅区; an enterprise entered into a pool and another entered then taken out.</summary>
    private async Task SeedAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var sc = await ServiceTestData.EnterpriseAsync(app, "330102", 9301);
        var gs = await ServiceTestData.EnterpriseAsync(app, "330105", 9302);
        using (var user = await Sessions.LoginAsync(app, await ServiceTestData.EnterpriseUserAsync(app, sc)))
        {
            var raised = await user.PostJsonAsync("/api/v1/requests", Body("finance"));
            raised.Status.ShouldBe(HttpStatusCode.Created, raised.Text);
            (await user.PostJsonAsync("/api/v1/requests", Body("policy"))).Status.ShouldBe(HttpStatusCode.Created);
            using var county = await Sessions.LoginAsync(app, "sc-county");
            var replied = await county.PostJsonAsync($"/api/v1/requests/{raised.Json!["id"]!.GetValue<long>()}/replies", new JsonObject { ["text"] = "已办", ["revision"] = raised.Json!["revision"]?.GetValue<int>() ?? 0 });
            replied.Status.ShouldBe(HttpStatusCode.OK, replied.Text);
        }
        using (var user = await Sessions.LoginAsync(app, await ServiceTestData.EnterpriseUserAsync(app, gs)))
        {
            (await user.PostJsonAsync("/api/v1/requests", Body("legal"))).Status.ShouldBe(HttpStatusCode.Created);
        }
        using var officer = await Sessions.LoginAsync(app, "hz-city");
        foreach (var code in new[] { sc, gs })
        {
            // A stay of an earlier run of this test may still be open: take it out first so the entry is new.
            var open = await app.WithDbAsync(db => db.PoolMemberships.Where(m => m.Enterprise.CreditCode == code && m.ExitedOn == null).Select(m => m.Id).ToListAsync(ct));
            foreach (var id in open)
            {
                (await officer.PostJsonAsync($"/api/v1/pools/{id}/exit", new JsonObject { ["reason"] = "测试重置" })).Status.ShouldBe(HttpStatusCode.OK);
            }
            var entered = await officer.PostJsonAsync("/api/v1/pools/entries", new JsonObject { ["creditCode"] = code, ["tier"] = "specialized-sme", ["pool"] = code == sc ? "reserve" : "nurture", ["reason"] = "测试入库" });
            entered.Status.ShouldBe(HttpStatusCode.Created, entered.Text);
        }
        var gsStay = await app.WithDbAsync(db => db.PoolMemberships.Where(m => m.Enterprise.CreditCode == gs && m.ExitedOn == null).Select(m => m.Id).SingleAsync(ct));
        (await officer.PostJsonAsync($"/api/v1/pools/{gsStay}/exit", new JsonObject { ["reason"] = "测试出库" })).Status.ShouldBe(HttpStatusCode.OK);
    }

    private static JsonObject Body(string category) => new() { ["category"] = category, ["title"] = "图表测试诉求", ["description"] = "图表测试诉求内容" };

    private sealed record RequestCounts(int Raised, int Answered, int OnTime);

    /// <summary>杭州市's stored requests raised from <paramref name="from"/> to <paramref name="to"/>, by "county name · month raised".</summary>
    private async Task<Dictionary<string, RequestCounts>> RequestsAsync(DateOnly from, DateOnly to)
    {
        var stored = await app.WithDbAsync(db => db.EnterpriseRequests.AsNoTracking().Include(r => r.Enterprise).Where(r => r.Enterprise.CityCode == City).ToListAsync());
        var names = await app.WithDbAsync(db => db.Regions.AsNoTracking().Where(r => r.Code.StartsWith("3301")).ToDictionaryAsync(r => r.Code, r => r.Name));
        return stored
            .Where(r => ChinaDay(r.SubmittedAt) >= from && ChinaDay(r.SubmittedAt) <= to)
            .GroupBy(r => $"{names[r.Enterprise.RegionCode]} · {Month(ChinaDay(r.SubmittedAt))}")
            .ToDictionary(g => g.Key, g => new RequestCounts(g.Count(),
                g.Count(r => r.FirstRepliedAt is { } at && ChinaDay(at) <= to),
                g.Count(r => r.FirstRepliedAt is { } at && ChinaDay(at) <= to && ChinaDay(at) <= r.FirstDueOn)));
    }

    /// <summary>杭州市's stored pool entries and exits from <paramref name="from"/> to <paramref name="to"/>, by "month · tier · pool".</summary>
    private async Task<(Dictionary<string, int> Entries, Dictionary<string, int> Exits)> MovementAsync(DateOnly from, DateOnly to)
    {
        var stays = await app.WithDbAsync(db => db.PoolMemberships.AsNoTracking().Include(m => m.Enterprise).Where(m => m.Enterprise.CityCode == City).ToListAsync());
        string Pool(Tidu.Data.Entities.Dynamic.CultivationPool p) => p switch
        {
            Tidu.Data.Entities.Dynamic.CultivationPool.Reserve => "储备库",
            Tidu.Data.Entities.Dynamic.CultivationPool.Nurture => "培育库",
            _ => "提升库",
        };
        var entries = stays.Where(m => ChinaDay(m.EnteredAt) >= from && ChinaDay(m.EnteredAt) <= to)
            .GroupBy(m => $"{Month(ChinaDay(m.EnteredAt))} · {TierTitles[m.Tier]} · {Pool(m.Pool)}").ToDictionary(g => g.Key, g => g.Count());
        var exits = stays.Where(m => m.ExitedAt is { } at && ChinaDay(at) >= from && ChinaDay(at) <= to)
            .GroupBy(m => $"{Month(ChinaDay(m.ExitedAt!.Value))} · {TierTitles[m.Tier]} · {Pool(m.Pool)}").ToDictionary(g => g.Key, g => g.Count());
        return (entries, exits);
    }

    private static string Share(int onTime, int raised) =>
        (Math.Round(100m * onTime / raised, 1, MidpointRounding.AwayFromZero)).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static void ShouldMatchRequests(PageTable table, Dictionary<string, RequestCounts> expected)
    {
        table.Cells.Keys.ShouldBe(expected.Keys, ignoreOrder: true);
        foreach (var (category, n) in expected)
        {
            var row = table.Cells[category];
            row["提出诉求"].ShouldBe(Text(n.Raised), category);
            row["已答复"].ShouldBe(Text(n.Answered), category);
            row["按时答复"].ShouldBe(Text(n.OnTime), category);
            row["按时答复率"].ShouldBe(Share(n.OnTime, n.Raised), category);
        }
        table.ColumnTotals["提出诉求"].ShouldBe(Text(expected.Values.Sum(n => n.Raised)));
        table.ColumnTotals["按时答复"].ShouldBe(Text(expected.Values.Sum(n => n.OnTime)));
        table.ColumnTotals["按时答复率"].ShouldBe(Share(expected.Values.Sum(n => n.OnTime), expected.Values.Sum(n => n.Raised)));
        // Raised and answered are not parts of one whole: no total column.
        table.RowTotals.ShouldBeEmpty();
    }

    private static void ShouldMatchMovement(PageTable table, (Dictionary<string, int> Entries, Dictionary<string, int> Exits) expected)
    {
        table.Cells.Keys.ShouldBe(expected.Entries.Keys.Union(expected.Exits.Keys), ignoreOrder: true);
        foreach (var (category, row) in table.Cells)
        {
            row["入库"].ShouldBe(Text(expected.Entries.GetValueOrDefault(category)), category);
            row["出库"].ShouldBe(Text(expected.Exits.GetValueOrDefault(category)), category);
        }
    }

    [Fact]
    public async Task The_dashboards_service_charts_equal_counts_of_the_stored_rows_of_the_region()
    {
        await SeedAsync();
        var today = ChinaToday;
        using var client = await Sessions.LoginAsync(app, "hz-city");
        using var r = await client.GetAsync(Http.Url($"/Monitoring?on={Day(today)}&year={today.Year}"), TestContext.Current.CancellationToken);
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        var from = new DateOnly(today.Year, 1, 1);
        var requests = await RequestsAsync(from, today);
        requests[$"上城区 · {Month(today)}"].OnTime.ShouldBeGreaterThanOrEqualTo(1, "the seeded reply was given on its day");
        ShouldMatchRequests(PageTable.Read(html, "requests-on-time"), requests);
        var movement = await MovementAsync(from, today);
        movement.Exits[$"{Month(today)} · 专精特新中小企业 · 培育库"].ShouldBeGreaterThanOrEqualTo(1);
        ShouldMatchMovement(PageTable.Read(html, "pool-movement"), movement);

        // A year before any request: the table is empty and says so.
        using var past = await client.GetAsync(Http.Url($"/Monitoring?on={Day(today)}&year=2000"), TestContext.Current.CancellationToken);
        var pastHtml = await past.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        PageTable.Read(pastHtml, "requests-on-time").Cells.ShouldBeEmpty();
        pastHtml.ShouldContain("该期间没有企业诉求。");
    }

    [Fact]
    public async Task The_requests_chart_exports_as_xlsx_with_the_share_column()
    {
        await SeedAsync();
        var today = ChinaToday;
        using var client = await Sessions.LoginAsync(app, "hz-city");
        using var r = await client.GetAsync(Http.Url($"/Monitoring?handler=Export&chart=requests-on-time&on={Day(today)}&year={today.Year}"), TestContext.Current.CancellationToken);
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var stream = new MemoryStream(await r.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();

        var expected = await RequestsAsync(new DateOnly(today.Year, 1, 1), today);
        foreach (var (category, n) in expected)
        {
            var row = rows.Single(x => (string)x["地区 · 提出月份"] == category);
            Convert.ToInt32(row["提出诉求"], CultureInfo.InvariantCulture).ShouldBe(n.Raised);
            Convert.ToInt32(row["按时答复"], CultureInfo.InvariantCulture).ShouldBe(n.OnTime);
            ((string)row["按时答复率"]).ShouldBe(Share(n.OnTime, n.Raised));
        }
        var total = rows.Single(x => (string)x["地区 · 提出月份"] == "合计");
        Convert.ToInt32(total["提出诉求"], CultureInfo.InvariantCulture).ShouldBe(expected.Values.Sum(n => n.Raised));
    }

    [Fact]
    public async Task The_monthly_report_has_the_months_requests_and_pool_movement()
    {
        await SeedAsync();
        var today = ChinaToday;
        using var client = await Sessions.LoginAsync(app, "hz-city");
        using var r = await client.GetAsync(Http.Url($"/Monitoring/Report?month={Month(today)}"), TestContext.Current.CancellationToken);
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        var from = new DateOnly(today.Year, today.Month, 1);
        ShouldMatchRequests(PageTable.Read(html, "requests-in-month"), await RequestsAsync(from, today));
        ShouldMatchMovement(PageTable.Read(html, "pool-movement-in-month"), await MovementAsync(from, today));
    }
}

[Collection(SqliteApp.Name)]
public sealed class SqliteServiceChartsTests(SqliteAppFixture app) : ServiceChartsTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresServiceChartsTests(PostgresAppFixture app) : ServiceChartsTests(app);
