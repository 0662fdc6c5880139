using System.Net;
using System.Text.RegularExpressions;
using Shouldly;
using Tidu.Data.Entities;
using Tidu.Web.Tests.Infrastructure;
using Xunit;
using static Tidu.Web.Tests.Monitoring.MonitoringData;

namespace Tidu.Web.Tests.Monitoring;

/// <summary>
/// The printable monthly report (/Monitoring/Report?month=yyyy-MM): its headline per tier and its tables equal counts
/// made here from the stored rows of the user's region, for the month of a known recognition.
/// </summary>
public abstract partial class MonthlyReportTests(TiduAppFixture app)
{
    private async Task<string> ReportAsync(string user, string query)
    {
        using var client = await Sessions.LoginAsync(app, user);
        using var r = await client.GetAsync(Http.Url("/Monitoring/Report" + query), TestContext.Current.CancellationToken);
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    private static string Cell(IReadOnlyDictionary<string, string> row, string prefix) =>
        row.Single(c => c.Key.StartsWith(prefix, StringComparison.Ordinal)).Value;

    /// <summary>The month of the first recognition in the region (one new recognition at least), its first and last counted day.</summary>
    private static (string Month, DateOnly From, DateOnly To) MonthOf(List<Enterprise> within)
    {
        var (_, recognition) = FirstDayOfValidity(within);
        var from = new DateOnly(recognition.RecognizedOn.Year, recognition.RecognizedOn.Month, 1);
        var to = from.AddMonths(1).AddDays(-1);
        return (from.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), from, to < ChinaToday ? to : ChinaToday);
    }

    [Theory]
    [InlineData("zj-province", "330000", "33")]
    [InlineData("hz-city", "330100", null)]
    public async Task The_headline_per_tier_equals_counts_of_the_regions_stored_rows(string user, string region, string? targetJurisdiction)
    {
        var within = await WithinAsync(app, region);
        var (month, from, to) = MonthOf(within);
        var html = await ReportAsync(user, $"?month={month}");

        html.ShouldContain($"data-month=\"{month}\"");
        var headline = PageTable.Read(html, "headline");
        var targets = Csv("targets.csv").Where(f => f[2] == "target" && f[0] == targetJurisdiction).ToList();
        var anyNew = 0;
        foreach (var (tier, title) in TierTitles)
        {
            var row = headline.Cells[title];
            Cell(row, "有效认定").ShouldBe(Text(Valid(within, tier, to)), title);
            var fresh = New(within, tier, from, to);
            anyNew += fresh;
            Cell(row, "本月新认定").ShouldBe(Text(fresh), title);
            Cell(row, "按统计日期评价达标").ShouldBe(Text(within.Count(e => InForce(e, tier, to) is { Qualified: true })), title);
            Cell(row, "差一项达标").ShouldBe(Text(within.Count(e => InForce(e, tier, to) is { NearMiss: true, Qualified: false })), title);
            Cell(row, "本地区目标").ShouldBe(targets.SingleOrDefault(f => f[1] == tier)?[4] ?? "不适用", title);
        }
        anyNew.ShouldBeGreaterThan(0, "the month was chosen for a recognition in it");

        // The month's new recognitions per child region total the same.
        var perRegion = PageTable.Read(html, "new-in-month");
        foreach (var (tier, title) in TierTitles)
        {
            (perRegion.ColumnTotals.GetValueOrDefault(title) ?? "0").ShouldBe(Text(New(within, tier, from, to)), title);
        }
        // Distribution: recognitions at the month's end per child region, industry sections and size classes of the region.
        var byRegion = PageTable.Read(html, "recognized-by-region");
        foreach (var (tier, title) in TierTitles)
        {
            (byRegion.ColumnTotals.GetValueOrDefault(title) ?? "0").ShouldBe(Text(Valid(within, tier, to)), title);
        }
        PageTable.Read(html, "industry").ColumnTotals["企业数"].ShouldBe(Text(within.Count));
        PageTable.Read(html, "size-class").ColumnTotals["企业数"].ShouldBe(Text(within.Count));
        // The targets section is the dashboard's, at the month's end.
        PageTable.Read(html, "targets").Cells.Values.ShouldAllBe(r => r.ContainsKey($"有效认定（{Day(to)}）"));
    }

    [Fact]
    public async Task The_report_is_chinese_and_printable_with_its_sections_in_order()
    {
        var html = await ReportAsync("zj-province", "");
        var month = ChinaToday.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        html.ShouldContain($"data-month=\"{month}\"");
        html.ShouldContain("专精特新企业梯度培育监测月报");
        html.ShouldContain("/css/report.css");
        var order = SectionId().Matches(html).Select(m => m.Groups[1].Value).ToList();
        order.ShouldBe(["headline", "targets", "new-in-month", "distribution", "requests-in-month", "pool-movement-in-month"]);
        // Tables only: the report draws no chart.
        html.ShouldNotContain("data-chart=");
    }

    [Theory]
    [InlineData("2024-13", "月份“2024-13”无效")]
    [InlineData("June", "月份“June”无效")]
    [InlineData("2999-01", "月份“2999-01”尚未到来")]
    public async Task A_bad_or_future_month_is_explained_in_chinese_and_this_month_shown(string month, string message)
    {
        var html = await ReportAsync("zj-province", "?month=" + month);
        var error = Regex.Match(html, "data-testid=\"report-error\">([^<]*)<");
        error.Success.ShouldBeTrue();
        WebUtility.HtmlDecode(error.Groups[1].Value).ShouldContain(message);
        html.ShouldContain($"data-month=\"{ChinaToday:yyyy-MM}\"");
    }

    [Fact]
    public async Task The_report_is_for_officers_only()
    {
        using var client = await Sessions.LoginAsync(app, "enterprise");
        using var r = await client.GetAsync(Http.Url("/Monitoring/Report"), TestContext.Current.CancellationToken);
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        r.Headers.Location!.OriginalString.ShouldContain("/Account/AccessDenied");
    }

    [GeneratedRegex("data-testid=\"report-section-([a-z-]+)\"")]
    private static partial Regex SectionId();
}

[Collection(SqliteApp.Name)]
public sealed class SqliteMonthlyReportTests(SqliteAppFixture app) : MonthlyReportTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresMonthlyReportTests(PostgresAppFixture app) : MonthlyReportTests(app);
