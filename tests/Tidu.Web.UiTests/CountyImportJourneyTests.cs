using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Shouldly;
using Tidu.Web.UiTests.Support;
using Xunit;

namespace Tidu.Web.UiTests;

/// <summary>
/// The county import, in a real browser: a county officer imports a file with three bad rows, reads the
/// validation report, commits the good rows, reads an imported enterprise's file with every check and citation —
/// and an officer of the neighbouring county can neither open that file nor find it in the screening list.
/// </summary>
public sealed partial class CountyImportJourneyTests(UiFixture ui)
{
    private const string DemoPassword = "Tidu-demo-2026";
    private const string ShangchengDistrict = "330102";
    private static readonly string[] TierIds = ["innovative-sme", "specialized-sme", "little-giant"];

    private readonly ITestOutputHelper _log = TestContext.Current.TestOutputHelper!;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    [Fact]
    public async Task County_officer_imports_and_reads_a_file_that_another_county_cannot_open()
    {
        var upload = new Upload();
        var page = await ui.NewPageAsync();

        await LogInAsync(page, "sc-county", "上城区经信局");
        await ImportAndReadReportAsync(page, upload);
        await CommitAsync(page);
        await ReadEnterpriseFileAsync(page, upload.Kept);
        await FindInScreeningListAsync(page, upload.Kept, expectedTotal: 1);

        await LogOutAsync(page);
        await LogInAsync(page, "gs-county", "拱墅区经信局");
        await CannotOpenEnterpriseFileAsync(page, upload.Kept);
        await FindInScreeningListAsync(page, upload.Kept, expectedTotal: 0);
        await page.Context.CloseAsync();
    }

    /// <summary>Three new Shangcheng enterprises with two years each, and three one-row enterprises with one fault each.</summary>
    private sealed class Upload
    {
        public Upload()
        {
            var year = ShiftedClock.StartDay.Year;
            var a = Good("PWT000001", "杭州梯测精密机械有限公司");
            var b = Good("PWT000002", "杭州梯测新材料科技有限公司");
            var c = Good("PWT000003", "杭州梯测工业软件有限公司");
            File.Add(Row(a, year - 2));
            BadAmountRow = File.Add(Row(Good("PWT000004", "杭州梯测坏金额有限公司"), year - 1, revenue: "1.2万"));
            File.Add(Row(a, year - 1));
            File.Add(Row(b, year - 2));
            BadDateRow = File.Add(Row(Good("PWT000005", "杭州梯测坏日期有限公司"), year - 1, established: "2019-02-30"));
            File.Add(Row(b, year - 1));
            File.Add(Row(c, year - 2));
            File.Add(Row(c, year - 1));
            var f = Good("PWT000006", "杭州梯测坏代码有限公司");
            RightCheckCharacter = f.Code[^1];
            BadCode = ImportFile.WithWrongCheckCharacter(f.Code);
            BadCodeRow = File.Add(Row(f with { Code = BadCode }, year - 1));
            Kept = a;
        }

        public ImportFile File { get; } = new();
        public Enterprise Kept { get; }
        public int BadAmountRow { get; }
        public int BadDateRow { get; }
        public int BadCodeRow { get; }
        public string BadCode { get; }
        public char RightCheckCharacter { get; }

        // Serials no demo enterprise can have by chance ("PWT" + a number; the generator's are random).
        private static Enterprise Good(string serial, string name) => new(ImportFile.CreditCodeFor(ShangchengDistrict, serial), name);

        private static Dictionary<string, string> Row(Enterprise e, int year, string revenue = "12000", string established = "2015-06-01") => new()
        {
            ["统一社会信用代码"] = e.Code,
            ["企业名称"] = e.Name,
            ["行政区划代码"] = ShangchengDistrict,
            ["行业代码"] = "C3484",
            ["成立日期"] = established,
            ["年度"] = year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["营业收入（万元）"] = revenue,
            ["主营业务收入（万元）"] = "11000",
            ["研发费用（万元）"] = "800",
            ["净利润（万元）"] = "900",
            ["资产总额（万元）"] = "15000",
            ["负债总额（万元）"] = "6000",
            ["从业人员（人）"] = "120",
            ["研发人员（人）"] = "25",
        };
    }

    private sealed record Enterprise(string Code, string Name);

    private async Task LogInAsync(IPage page, string userName, string displayName)
    {
        await page.GotoAsync("/Account/Login");
        await page.Locator("input[name='Input.UserName']").FillAsync(userName);
        await page.Locator("input[name='Input.Password']").FillAsync(DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        (await page.GetByTestId("display-name").InnerTextAsync()).ShouldBe(displayName);
        Step($"logged in as {userName}");
    }

    private async Task ImportAndReadReportAsync(IPage page, Upload upload)
    {
        await page.GotoAsync("/Import");
        await page.GetByTestId("upload").SetInputFilesAsync(new FilePayload { Name = "上城区新企业.csv", MimeType = "text/csv", Buffer = upload.File.ToCsv() });
        await page.GetByRole(AriaRole.Button, new() { Name = "上传并校验" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Import/Job/[0-9a-f-]{36}$"));
        // The page polls the job and reloads itself when validation is done.
        await page.GetByTestId("bad-rows").WaitForAsync(new() { Timeout = 30_000 });

        (await page.GetByTestId("rows").InnerTextAsync()).ShouldBe("9");
        (await page.GetByTestId("valid").InnerTextAsync()).ShouldBe("3");
        (await page.GetByTestId("bad-rows").InnerTextAsync()).ShouldBe("3");

        var issues = await page.GetByTestId("issues").Locator("tbody tr").EvaluateAllAsync<string[][]>(
            "rows => rows.map(r => Array.from(r.cells, c => c.innerText.trim()))");
        issues.Length.ShouldBe(3);
        issues.Select(i => i[0]).ShouldBe([$"{upload.BadAmountRow}", $"{upload.BadDateRow}", $"{upload.BadCodeRow}"]);

        issues[0][1].ShouldBe("营业收入（万元）");
        issues[0][2].ShouldContain("“1.2万”不是数字");
        issues[1][1].ShouldBe("成立日期");
        issues[1][2].ShouldContain("“2019-02-30”不是有效日期");
        issues[2][1].ShouldBe("统一社会信用代码");
        issues[2][2].ShouldContain("校验位错误");
        issues[2][2].ShouldContain($"为“{upload.BadCode[^1]}”，按 GB 32100 应为“{upload.RightCheckCharacter}”");
        foreach (var issue in issues)
        {
            issue[2].ShouldNotContain("&#", customMessage: "Chinese must be written as characters, not HTML entities");
            // Chinese for the user; the English original ("… is not a number", "… expected 'Q'") stays in the log.
            HanCharacters().IsMatch(issue[2]).ShouldBeTrue($"the reason for row {issue[0]} should be Chinese, was: {issue[2]}");
            EnglishReason().IsMatch(issue[2]).ShouldBeFalse($"the reason for row {issue[0]} should not be the English original, was: {issue[2]}");
        }
        Step("uploaded and read the report (9 rows, 3 valid enterprises, 3 bad rows)");
    }

    private async Task CommitAsync(IPage page)
    {
        var commit = page.GetByTestId("commit");
        (await commit.InnerTextAsync()).ShouldContain("（3）");
        await commit.ClickAsync();
        var committed = page.GetByTestId("committed");
        await committed.WaitForAsync(new() { Timeout = 30_000 });
        (await committed.InnerTextAsync()).ShouldBe("导入完成：新增 3 家，更新 0 家，无变化 0 家。");
        Step("committed");
    }

    private async Task ReadEnterpriseFileAsync(IPage page, Enterprise enterprise)
    {
        var response = await page.GotoAsync($"/Enterprises/{enterprise.Code}");
        response!.Status.ShouldBe(200);
        (await page.GetByTestId("enterprise-name").InnerTextAsync()).ShouldBe(enterprise.Name);
        (await page.Locator("main").InnerTextAsync()).ShouldContain("12000");

        foreach (var tier in TierIds)
        {
            var section = page.GetByTestId($"tier-{tier}");
            var checks = section.Locator("details table.checks");
            (await checks.IsVisibleAsync()).ShouldBeFalse($"{tier}: the checks are folded away until asked for");
            await section.Locator("details > summary").ClickAsync();
            await checks.WaitForAsync();

            var cites = await checks.Locator("tbody tr td.cite").AllInnerTextsAsync();
            var summary = await section.Locator("details > summary").InnerTextAsync();
            cites.Count.ShouldBeGreaterThan(0, $"{tier} lists its checks");
            summary.ShouldContain($"（{cites.Count}）");
            cites.ShouldAllBe(c => c.Trim().Length > 0, $"{tier}: every check carries its citation");

            var qualified = (await section.GetAttributeAsync("class"))!.Split(' ').Contains("ok");
            (await page.GetByTestId($"gap-{tier}").CountAsync()).ShouldBe(qualified ? 0 : 1, $"{tier}: a gap block exactly when not qualified");
        }

        // For a human to look at (does Chinese render as characters, not boxes or entities?): the whole file,
        // the first screen, and one tier's checks at full size.
        await SaveScreenshotAsync("enterprise-file.png", await page.ScreenshotAsync(new() { FullPage = true }));
        await page.EvaluateAsync("() => window.scrollTo(0, 0)"); // opening the <details> scrolled down
        await SaveScreenshotAsync("enterprise-file-top.png", await page.ScreenshotAsync());
        await SaveScreenshotAsync("enterprise-file-tier.png", await page.GetByTestId($"tier-{TierIds[0]}").ScreenshotAsync());
        Step($"read the enterprise file: {TierIds.Length} tiers with checks and citations; screenshots in {ScreenshotFolder}");
    }

    private static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    private static async Task SaveScreenshotAsync(string name, byte[] png)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await File.WriteAllBytesAsync(Path.Combine(ScreenshotFolder, name), png, TestContext.Current.CancellationToken);
        TestContext.Current.AddAttachment(name, png, "image/png");
    }

    private async Task FindInScreeningListAsync(IPage page, Enterprise enterprise, int expectedTotal)
    {
        foreach (var query in new[] { enterprise.Code, enterprise.Name })
        {
            await page.GotoAsync($"/Enterprises?q={Uri.EscapeDataString(query)}");
            (await page.GetByTestId("total").InnerTextAsync()).ShouldBe($"共 {expectedTotal} 家企业", $"searching '{query}'");
            (await page.Locator($"a[href='/Enterprises/{enterprise.Code}']").CountAsync()).ShouldBe(expectedTotal);
        }
        if (expectedTotal == 0)
        {
            // The list itself works for this officer: the county's own enterprises are there, only the other county's are not.
            await page.GotoAsync("/Enterprises");
            (await page.GetByTestId("total").InnerTextAsync()).ShouldNotBe("共 0 家企业");
        }
        Step($"screening list: '{enterprise.Name}' found {expectedTotal} time(s)");
    }

    private async Task LogOutAsync(IPage page)
    {
        await page.Locator("header .who form").GetByRole(AriaRole.Button, new() { Name = "退出登录" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/Account/Login");
        (await page.GetByTestId("display-name").CountAsync()).ShouldBe(0);
        Step("logged out");
    }

    private async Task CannotOpenEnterpriseFileAsync(IPage page, Enterprise enterprise)
    {
        var response = await page.GotoAsync($"/Enterprises/{enterprise.Code}");
        response!.Status.ShouldBe(404);
        (await page.Locator("h1").InnerTextAsync()).ShouldContain("未找到该页面或企业");
        (await page.ContentAsync()).ShouldNotContain(enterprise.Name);
        (await page.GetByTestId("enterprise-name").CountAsync()).ShouldBe(0);
        Step("the other county gets 404 for the enterprise file");
    }

    private void Step(string what) => _log.WriteLine($"{_clock.Elapsed.TotalSeconds,6:0.0}s  {what}");

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}{2,}")]
    private static partial Regex HanCharacters();

    [GeneratedRegex(@"\b(is not|expected|invalid|must)\b")]
    private static partial Regex EnglishReason();
}
