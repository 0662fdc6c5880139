using System.Globalization;
using System.Net;
using MiniExcelLibs;
using Shouldly;
using Tidu.Domain.Regions;
using Tidu.Web.Tests.Infrastructure;
using Xunit;
using static Tidu.Web.Tests.Monitoring.MonitoringData;

namespace Tidu.Web.Tests.Monitoring;

/// <summary>
/// The dashboard's as-of date and year (a GET form): they change every count the way counts made here from the stored
/// rows change; the export follows them; the reported actuals and the official lists stand beside the targets as references.
/// </summary>
public abstract class MonitoringPeriodTests(TiduAppFixture app)
{
    private const string Zhejiang = "330000";

    private async Task<string> PageAsync(string user, string query)
    {
        using var client = await Sessions.LoginAsync(app, user);
        using var r = await client.GetAsync(Http.Url("/Monitoring" + query), TestContext.Current.CancellationToken);
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    private static string Total(PageTable table, string title) => table.ColumnTotals.GetValueOrDefault(title) ?? "0";

    [Fact]
    public async Task An_enterprise_recognised_after_the_as_of_date_is_not_counted()
    {
        var zhejiang = await WithinAsync(app, Zhejiang);
        var (enterprise, recognition) = FirstDayOfValidity(zhejiang);
        var day = recognition.RecognizedOn;
        var before = day.AddDays(-1);
        var title = TierTitles[recognition.Tier];

        var onDay = PageTable.Read(await PageAsync("zj-province", $"?on={Day(day)}"), "recognized-by-region");
        var onEve = PageTable.Read(await PageAsync("zj-province", $"?on={Day(before)}"), "recognized-by-region");

        Total(onDay, title).ShouldBe(Text(Valid(zhejiang, recognition.Tier, day)));
        Total(onEve, title).ShouldBe(Text(Valid(zhejiang, recognition.Tier, before)));
        Total(onEve, title).ShouldNotBe(Total(onDay, title), $"{enterprise.CreditCode} is recognised for {recognition.Tier} on {day}, not before");
        foreach (var (tier, t) in TierTitles)
        {
            Total(onEve, t).ShouldBe(Text(Valid(zhejiang, tier, before)), t);
        }

        // The year's new recognitions run from 1 January to the as-of date.
        var fresh = PageTable.Read(await PageAsync("zj-province", $"?on={Day(day)}&year={day.Year}"), "new-by-region");
        Total(fresh, title).ShouldBe(Text(New(zhejiang, recognition.Tier, new DateOnly(day.Year, 1, 1), day)));
        if (before.Year == day.Year)
        {
            var freshBefore = PageTable.Read(await PageAsync("zj-province", $"?on={Day(before)}"), "new-by-region");
            Total(freshBefore, title).ShouldBe(Text(New(zhejiang, recognition.Tier, new DateOnly(day.Year, 1, 1), before)));
        }
    }

    [Fact]
    public async Task An_earlier_year_counts_its_whole_year_of_new_recognitions()
    {
        var zhejiang = await WithinAsync(app, Zhejiang);
        var year = zhejiang.SelectMany(e => e.Recognitions).Where(r => r.RecognizedOn < ChinaToday).Max(r => r.RecognizedOn.Year) - 1;
        var table = PageTable.Read(await PageAsync("zj-province", $"?year={year}"), "new-by-region");
        foreach (var (tier, title) in TierTitles)
        {
            Total(table, title).ShouldBe(Text(New(zhejiang, tier, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31))), title);
        }
    }

    [Fact]
    public async Task The_export_follows_the_as_of_date()
    {
        var zhejiang = await WithinAsync(app, Zhejiang);
        var (_, recognition) = FirstDayOfValidity(zhejiang);
        var before = recognition.RecognizedOn.AddDays(-1);
        using var client = await Sessions.LoginAsync(app, "zj-province");
        var html = await (await client.GetAsync(Http.Url($"/Monitoring?on={Day(before)}"), TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        // The page's export link carries the date on.
        html.ShouldContain($"/Monitoring?handler=Export&amp;chart=recognized-by-region&amp;on={Day(before)}&amp;year={before.Year}");

        using var r = await client.GetAsync(Http.Url($"/Monitoring?handler=Export&chart=recognized-by-region&on={Day(before)}"), TestContext.Current.CancellationToken);
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var stream = new MemoryStream(await r.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        var total = rows.Single(x => (string)x["地区"] == "合计");
        var title = TierTitles[recognition.Tier];
        // A tier no region counts on the day has no column (nothing valid, nothing qualified yet): its total is none.
        (total.TryGetValue(title, out var cell) ? Convert.ToInt32(cell, CultureInfo.InvariantCulture) : 0).ShouldBe(Valid(zhejiang, recognition.Tier, before));
    }

    [Fact]
    public async Task Seed_004_actuals_stand_beside_the_targets_as_a_reference_once_their_date_has_come()
    {
        var actuals = Csv("targets.csv").Where(f => f[2] == "actual").ToList();
        actuals.Count.ShouldBe(3); // the 2024 report on Zhejiang's opinions: 小巨人 1432, 省级专精特新 12167, 创新型 28553
        var province = RegionTree.Shipped.Find(Zhejiang)!.Name;

        var table = PageTable.Read(await PageAsync("zj-province", ""), "targets");
        foreach (var f in actuals)
        {
            var row = table.Cells[$"{province} · {TierTitles[f[1]]}"];
            var reference = row.Single(c => c.Key.StartsWith("参考：公开报道", StringComparison.Ordinal));
            reference.Value.ShouldBe(f[4], string.Join(',', f));
            reference.Key.ShouldContain($"截至{f[5]}");
        }
        // Rows without a reported actual show it as not applicable.
        table.Cells[$"{province} · {TierTitles["hidden-champion"]}"].Single(c => c.Key.StartsWith("参考：公开报道", StringComparison.Ordinal)).Value.ShouldBe("不适用");

        // The official lists' new recognitions (every listed batch so far) beside the specialized SMEs' target.
        var official = Csv("zhejiang-specialized-recognitions.csv").Where(f => f[3] == "认定").Sum(f => Int(f[6]));
        table.Cells[$"{province} · {TierTitles["specialized-sme"]}"].Single(c => c.Key.StartsWith("参考：省级名单", StringComparison.Ordinal)).Value.ShouldBe(Text(official));

        // Before the day the actuals were counted, they are not shown.
        var reported = DateOnly.ParseExact(actuals[0][5], "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var earlier = PageTable.Read(await PageAsync("zj-province", $"?on={Day(reported.AddDays(-1))}"), "targets");
        earlier.Cells.Values.SelectMany(r => r.Keys).ShouldNotContain(k => k.StartsWith("参考：公开报道", StringComparison.Ordinal));
        // And the official batches of later years are left out of the earlier year's sum.
        var upTo2023 = Csv("zhejiang-specialized-recognitions.csv").Where(f => f[3] == "认定" && Int(f[1]) <= 2023).Sum(f => Int(f[6]));
        var in2023 = PageTable.Read(await PageAsync("zj-province", "?on=2023-12-31"), "targets");
        in2023.Cells[$"{province} · {TierTitles["specialized-sme"]}"].Single(c => c.Key.StartsWith("参考：省级名单", StringComparison.Ordinal)).Value.ShouldBe(Text(upTo2023));
        var batches = PageTable.Read(await PageAsync("zj-province", "?on=2023-12-31"), "official-batches");
        batches.Cells.Keys.ShouldAllBe(k => k.StartsWith("2022", StringComparison.Ordinal) || k.StartsWith("2023", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Hubei_sees_its_targets_without_zhejiangs_references()
    {
        var table = PageTable.Read(await PageAsync("hb-province", ""), "targets");
        table.Cells.Count.ShouldBe(Csv("targets.csv").Count(f => f[0] == "42" && f[2] == "target"));
        table.Cells.Values.SelectMany(r => r.Keys).ShouldNotContain(k => k.StartsWith("参考", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("?on=2024-02-30", "统计日期“2024-02-30”无效")]
    [InlineData("?on=yesterday", "统计日期“yesterday”无效")]
    [InlineData("?on=2024-06-30&year=2025", "统计年度“2025”无效")]
    [InlineData("?year=abc", "统计年度“abc”无效")]
    public async Task A_bad_date_or_year_is_explained_in_chinese_and_the_default_used(string query, string message)
    {
        var html = await PageAsync("zj-province", query);
        var error = System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"period-error\">([^<]*)<");
        error.Success.ShouldBeTrue();
        WebUtility.HtmlDecode(error.Groups[1].Value).ShouldContain(message);
        PageTable.Read(html, "recognized-by-region").Cells.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task The_api_takes_the_date_and_year_and_refuses_a_year_after_the_date()
    {
        using var client = await Sessions.LoginAsync(app, "zj-province");
        var (status, json, _) = await client.GetJsonAsync("/api/v1/monitoring/charts?on=2024-06-30&year=2023");
        status.ShouldBe(HttpStatusCode.OK);
        json!.AsArray().Select(c => c!["id"]!.GetValue<string>()).ShouldContain("new-by-region");
        json.AsArray().Single(c => c!["id"]!.GetValue<string>() == "new-by-region")!["title"]!.GetValue<string>().ShouldContain("2023年");

        var (bad, problem, _) = await client.GetJsonAsync("/api/v1/monitoring/charts?on=2024-06-30&year=2025");
        bad.ShouldBe(HttpStatusCode.BadRequest);
        problem!["title"]!.GetValue<string>().ShouldContain("统计年度无效");
    }
}

[Collection(SqliteApp.Name)]
public sealed class SqliteMonitoringPeriodTests(SqliteAppFixture app) : MonitoringPeriodTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresMonitoringPeriodTests(PostgresAppFixture app) : MonitoringPeriodTests(app);
