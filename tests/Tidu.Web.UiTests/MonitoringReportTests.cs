using Microsoft.Playwright;
using Shouldly;
using Tidu.Web.UiTests.Support;
using Xunit;

namespace Tidu.Web.UiTests;

/// <summary>
/// The dashboard's date picker and the monthly report in a real browser: a province officer picks an earlier as-of
/// date and year, every table says that date and the charts are still drawn; the report link opens that month's
/// report, whose tables render, and printing it hides the site's bar and the form.
/// </summary>
public sealed class MonitoringReportTests(UiFixture ui)
{
    private const string DemoPassword = "Tidu-demo-2026";

    [Fact]
    public async Task A_province_officer_picks_a_date_and_prints_that_months_report()
    {
        var page = await ui.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);

        await page.GotoAsync("/Account/Login");
        await page.Locator("input[name='Input.UserName']").FillAsync("zj-province");
        await page.Locator("input[name='Input.Password']").FillAsync(DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await page.GotoAsync("/Monitoring");

        await page.GetByTestId("period-on").FillAsync("2023-06-30");
        await page.GetByTestId("period-year").FillAsync("2023");
        await page.GetByTestId("period-apply").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("on=2023-06-30", StringComparison.Ordinal) && url.Contains("year=2023", StringComparison.Ordinal));

        (await page.GetByTestId("period-label").InnerTextAsync()).ShouldContain("2023-06-30");
        (await page.GetByTestId("period-on").InputValueAsync()).ShouldBe("2023-06-30");
        (await page.GetByTestId("table-recognized-by-region").Locator("thead").InnerTextAsync()).ShouldNotBeNull();
        (await page.Locator("#recognized-by-region h2").InnerTextAsync()).ShouldContain("2023-06-30");
        (await page.Locator("#new-by-region h2").InnerTextAsync()).ShouldContain("2023年");
        var chart = page.GetByTestId("chart-recognized-by-region");
        await chart.Locator("canvas").First.WaitForAsync();
        (await chart.GetAttributeAsync("data-rendered")).ShouldBe("true");
        (await page.GetByTestId("export-targets").GetAttributeAsync("href"))!.ShouldContain("on=2023-06-30");

        await page.GetByTestId("report-link").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).PathAndQuery == "/Monitoring/Report?month=2023-06");
        (await page.GetByTestId("report-title").InnerTextAsync()).ShouldContain("2023年6月");
        (await page.GetByTestId("report-period").InnerTextAsync()).ShouldContain("2023-06-01 至 2023-06-30");
        (await page.GetByTestId("table-headline").Locator("tbody tr").CountAsync()).ShouldBeGreaterThan(0);
        (await page.GetByTestId("table-targets").Locator("tbody tr").CountAsync()).ShouldBeGreaterThan(0);

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        (await page.Locator("header.topbar").IsVisibleAsync()).ShouldBeFalse();
        (await page.GetByTestId("report-form").IsVisibleAsync()).ShouldBeFalse();
        (await page.GetByTestId("table-headline").IsVisibleAsync()).ShouldBeTrue();

        errors.ShouldBeEmpty();
        await page.Context.CloseAsync();
    }
}
