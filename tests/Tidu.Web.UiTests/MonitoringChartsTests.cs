using Microsoft.Playwright;
using Shouldly;
using Tidu.Web.UiTests.Support;
using Xunit;

namespace Tidu.Web.UiTests;

/// <summary>
/// The monitoring page in a real browser under the production CSP: a province officer opens it and every
/// chart is drawn by ECharts (restored from npm at build) on a canvas with something painted on it.
/// </summary>
public sealed class MonitoringChartsTests(UiFixture ui)
{
    private const string DemoPassword = "Tidu-demo-2026";

    /// <summary>The charts a Zhejiang officer's page has (the last two: the official Zhejiang batches).</summary>
    private static readonly string[] ChartIds =
        ["recognized-by-region", "qualified-by-region", "targets", "funnel", "industry", "size-class", "official-batches", "official-cities"];

    [Fact]
    public async Task A_province_officer_sees_every_chart_drawn()
    {
        var page = await ui.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) =>
        {
            // The browser's own request for /favicon.ico (the site has none) is not the page's error.
            if (m.Type == "error" && !m.Location.Contains("/favicon.ico", StringComparison.Ordinal))
            {
                errors.Add(m.Text + " at " + m.Location);
            }
        };
        page.PageError += (_, e) => errors.Add(e);

        await page.GotoAsync("/Account/Login");
        await page.Locator("input[name='Input.UserName']").FillAsync("zj-province");
        await page.Locator("input[name='Input.Password']").FillAsync(DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        // The menu groups its items: 监测分析 opens to 监测图表.
        await page.GetByTestId("nav").GetByText("监测分析").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "监测图表" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/Monitoring");

        foreach (var id in ChartIds)
        {
            var chart = page.GetByTestId("chart-" + id);
            await chart.Locator("canvas").First.WaitForAsync();
            (await chart.GetAttributeAsync("data-rendered")).ShouldBe("true", id);
            // Painted: the canvas has a size and at least one pixel that is not transparent.
            var painted = await chart.Locator("canvas").First.EvaluateAsync<bool>(
                "c => c.width > 0 && c.height > 0 && c.getContext('2d').getImageData(0, 0, c.width, c.height).data.some((v, i) => i % 4 === 3 && v > 0)");
            painted.ShouldBeTrue(id);
            (await page.GetByTestId("table-" + id).Locator("tbody tr").CountAsync()).ShouldBeGreaterThan(0, id);
        }
        errors.ShouldBeEmpty();
        await page.Context.CloseAsync();
    }
}
