using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Shouldly;
using Tidu.Domain.Regions;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Monitoring;

/// <summary>
/// The monitoring page as a province officer reads it: its tables (the data the charts are drawn from) against the
/// shipped CSVs, read here line by line, and against counts made here from the stored rows.
/// </summary>
public abstract class MonitoringPageTests(TiduAppFixture app)
{
    private static readonly string DataDir = Path.Combine(AppContext.BaseDirectory, "data");

    /// <summary>Tier titles as the UI shows them (glossary).</summary>
    private static readonly Dictionary<string, string> TierTitles = new()
    {
        ["innovative-sme"] = "创新型中小企业",
        ["specialized-sme"] = "专精特新中小企业",
        ["little-giant"] = "专精特新“小巨人”企业",
        ["hidden-champion"] = "浙江省隐形冠军企业",
        ["single-champion-enterprise"] = "制造业单项冠军示范企业",
    };

    private static DateOnly ChinaToday => TestClock.Today;

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);

    private static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static List<string[]> Csv(string name) =>
        File.ReadAllLines(Path.Combine(DataDir, name)).Skip(1).Select(l => l.Split(',')).ToList();

    private async Task<string> PageAsync(string user)
    {
        using var client = await Sessions.LoginAsync(app, user);
        using var r = await client.GetAsync(Http.Url("/Monitoring"));
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await r.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task Published_counts_per_city_and_year_equal_the_imported_file_and_recognitions_and_reviews_are_never_added()
    {
        // The demo database imported this file as a province would (Monitoring/Official); its columns:
        // 梯度, 年度, 批次, 类别, 城市, 行政区划代码, 数量, 文号.
        var csv = Csv("zhejiang-specialized-recognitions.csv");
        var html = await PageAsync("zj-province");
        foreach (var (chart, kind) in new[] { ("official-cities", "认定"), ("official-review-cities", "复核通过") })
        {
            var rows = csv.Where(f => f[3] == kind).ToList();
            var table = PageTable.Read(html, chart);
            var byCity = rows.GroupBy(f => f[4]).ToDictionary(g => g.Key, g => g.Sum(f => Int(f[6])));
            table.RowTotals.Keys.ShouldBe(byCity.Keys, ignoreOrder: true);
            foreach (var (city, total) in byCity)
            {
                table.RowTotals[city].ShouldBe(Text(total), $"{kind} {city}");
            }
            foreach (var year in rows.GroupBy(f => f[1]))
            {
                table.ColumnTotals[$"{year.Key}年"].ShouldBe(Text(year.Sum(f => Int(f[6]))), $"{kind} {year.Key}");
            }
            table.GrandTotal.ShouldBe(Text(rows.Sum(f => Int(f[6]))), kind);
        }
        // Hangzhou's recognitions over the listed batches, and the province's: never with the reviews added in.
        var recognized = csv.Where(f => f[3] == "认定").ToList();
        PageTable.Read(html, "official-cities").RowTotals["杭州市"].ShouldBe(Text(recognized.Where(f => f[4] == "杭州市").Sum(f => Int(f[6]))));
        PageTable.Read(html, "official-cities").GrandTotal.ShouldNotBe(Text(csv.Sum(f => Int(f[6]))));

        // Each batch: its recognitions and its reviews side by side, as published.
        var batches = PageTable.Read(html, "official-batches");
        foreach (var batch in csv.GroupBy(f => $"{f[1]}年{f[2]}"))
        {
            string Sum(string kind) => batch.Any(f => f[3] == kind) ? Text(batch.Where(f => f[3] == kind).Sum(f => Int(f[6]))) : "—";
            batches.Cells[batch.Key]["公布认定数"].ShouldBe(Sum("认定"), batch.Key);
            batches.Cells[batch.Key]["公布复核通过数"].ShouldBe(Sum("复核通过"), batch.Key);
        }
        var target = Csv("targets.csv").Single(f => f[0] == "33" && f[1] == "specialized-sme" && f[2] == "target");
        batches.Cells.Values.ShouldAllBe(row => row.Any(c => c.Key.EndsWith($"年目标（{target[7]}）", StringComparison.Ordinal) && c.Value == target[4]));
        // An empty cell reads as the note says it does.
        html.ShouldContain("“—”表示该市在该年度的名单中没有数据");
    }

    [Fact]
    public async Task Targets_of_the_province_and_its_districts_stand_beside_counts_of_the_stored_rows()
    {
        var tree = RegionTree.Shipped;
        var today = ChinaToday;
        var all = await app.WithDbAsync(db => db.Enterprises.AsNoTracking().Include(e => e.TierOutcomes).Include(e => e.OutcomeHistory).Include(e => e.Recognitions).ToListAsync());
        var table = PageTable.Read(await PageAsync("zj-province"), "targets");

        var targets = Csv("targets.csv").Where(f => f[2] == "target").ToList();
        var zhejiang = targets.Where(f => f[0].StartsWith("33", StringComparison.Ordinal)).ToList();
        table.Cells.Count.ShouldBe(zhejiang.Count); // Hubei's targets are not the Zhejiang officer's
        foreach (var f in zhejiang)
        {
            var region = f[0].PadRight(6, '0');
            var row = table.Cells[$"{tree.Find(region)!.Name} · {TierTitles[f[1]]}"];
            row["目标（至2025年底）"].ShouldBe(f[4]);
            var within = all.Where(e => tree.IsWithin(e.RegionCode, region)).ToList();
            var recognized = within.Count(e => e.Recognitions.Any(r => r.Tier == f[1] && r.RecognizedOn <= today && (r.ValidUntil is null || r.ValidUntil >= today)));
            row[$"有效认定（{today:yyyy-MM-dd}）"].ShouldBe(f[6] == "cumulative" ? recognized.ToString(CultureInfo.InvariantCulture) : "不适用", string.Join(',', f));
            row["按统计日期评价达标"].ShouldBe(within.Count(e => MonitoringData.InForce(e, f[1], today) is { Qualified: true }).ToString(CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task The_regional_tables_total_the_province_counted_from_the_stored_rows()
    {
        var tree = RegionTree.Shipped;
        var today = ChinaToday;
        var all = await app.WithDbAsync(db => db.Enterprises.AsNoTracking().Include(e => e.TierOutcomes).Include(e => e.Recognitions).Include(e => e.Evaluation).ToListAsync());
        var zhejiang = all.Where(e => tree.IsWithin(e.RegionCode, "330000")).ToList();
        var html = await PageAsync("zj-province");

        var recognized = PageTable.Read(html, "recognized-by-region");
        var qualified = PageTable.Read(html, "qualified-by-region");
        foreach (var (tier, title) in TierTitles)
        {
            var valid = zhejiang.Count(e => e.Recognitions.Any(r => r.Tier == tier && r.RecognizedOn <= today && (r.ValidUntil is null || r.ValidUntil >= today)));
            (recognized.ColumnTotals.GetValueOrDefault(title) ?? "0").ShouldBe(valid.ToString(CultureInfo.InvariantCulture), title);
            var met = zhejiang.Count(e => e.TierOutcomes.Any(t => t.Tier == tier && t.Qualified));
            (qualified.ColumnTotals.GetValueOrDefault(title) ?? "0").ShouldBe(met.ToString(CultureInfo.InvariantCulture), title);
        }
        // The children of a province are its cities (Ningbo included: its enterprises are in the demo data).
        recognized.Cells.Keys.ShouldBeSubsetOf(tree.All.Where(r => r.Parent == "330000").Select(r => r.Name));

        var industry = PageTable.Read(html, "industry");
        industry.ColumnTotals["企业数"].ShouldBe(zhejiang.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var section in zhejiang.GroupBy(e => e.IndustryCode[..1]))
        {
            industry.Cells[section.Key]["企业数"].ShouldBe(section.Count().ToString(CultureInfo.InvariantCulture));
        }
        var size = PageTable.Read(html, "size-class");
        size.ColumnTotals["企业数"].ShouldBe(zhejiang.Count.ToString(CultureInfo.InvariantCulture));
        size.Cells["小型"]["企业数"].ShouldBe(zhejiang.Count(e => e.Evaluation?.SizeClass == "small").ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_chart_exports_as_xlsx_with_the_tables_rows_and_totals()
    {
        using var client = await Sessions.LoginAsync(app, "zj-province");
        using var r = await client.GetAsync(Http.Url("/Monitoring?handler=Export&chart=official-cities"), TestContext.Current.CancellationToken);
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        r.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using var stream = new MemoryStream(await r.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();

        var csv = Csv("zhejiang-specialized-recognitions.csv").Where(f => f[3] == "认定").ToList();
        foreach (var city in csv.GroupBy(f => f[4]))
        {
            var row = rows.Single(x => (string)x["城市"] == city.Key);
            Convert.ToInt32(row["合计"], CultureInfo.InvariantCulture).ShouldBe(city.Sum(f => Int(f[6])));
        }
        Convert.ToInt32(rows.Single(x => (string)x["城市"] == "合计")["合计"], CultureInfo.InvariantCulture).ShouldBe(csv.Sum(f => Int(f[6])));

        using var missing = await client.GetAsync(Http.Url("/Monitoring?handler=Export&chart=no-such-chart"), TestContext.Current.CancellationToken);
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("enterprise")]
    [InlineData("expert")]
    public async Task Monitoring_is_for_officers_and_administrators_only(string user)
    {
        using var client = await Sessions.LoginAsync(app, user);
        using var page = await client.GetAsync(Http.Url("/Monitoring"), TestContext.Current.CancellationToken);
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.OriginalString.ShouldContain("/Account/AccessDenied");
        (await client.GetJsonAsync("/api/v1/monitoring/rollup")).Status.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_roll_up_api_answers_a_city_officer_with_its_counties()
    {
        using var client = await Sessions.LoginAsync(app, "hz-city");
        var (status, json, _) = await client.GetJsonAsync("/api/v1/monitoring/rollup?on=2024-06-30");
        status.ShouldBe(HttpStatusCode.OK);
        json!["children"]!.GetValue<string>().ShouldBe("county");
        var counts = json["counts"]!.AsArray();
        counts.ShouldNotBeEmpty();
        counts.Select(c => RegionTree.Shipped.Find(c!["regionCode"]!.GetValue<string>())!.Parent).ShouldAllBe(p => p == "330100");
    }
}

[Collection(SqliteApp.Name)]
public sealed class SqliteMonitoringPageTests(SqliteAppFixture app) : MonitoringPageTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresMonitoringPageTests(PostgresAppFixture app) : MonitoringPageTests(app);
