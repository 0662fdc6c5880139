using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Shouldly;
using Tidu.Rules;
using Tidu.Web.UiTests.Support;
using Xunit;

namespace Tidu.Web.UiTests;

/// <summary>
/// The recognition round, in a real browser, each actor in their own browser: the province opens a round with a quota for
/// 杭州市; the demo enterprise reads its pre-evaluation and gap, declares its data true and applies; the county returns
/// it with a reason, the enterprise reads the reason and resubmits, the county approves; the city recommends; the
/// province sets the round's expert review (1 expert) and assigns the demo expert, who sees only that application,
/// declares no conflict of interest and scores it; approval is not offered until the province concludes the review; the
/// province concludes, approves and starts publicity; the county records an objection; after publicity the open objection blocks
/// recognition; the province dismisses it and recognises — the certificate number is shown.
/// </summary>
[Collection(ServerClock.Name)]
public sealed partial class RecognitionRoundJourneyTests(UiFixture ui)
{
    private const string DemoPassword = "Tidu-demo-2026";
    private const string Tier = "specialized-sme";

    private readonly ITestOutputHelper _log = TestContext.Current.TestOutputHelper!;
    private readonly Stopwatch _stopwatch = Stopwatch.StartNew();

    /// <summary>Whether the demo enterprise's pre-evaluation qualifies (read on the apply page): if not, approving needs an override.</summary>
    private bool _qualifies;

    [Fact]
    public async Task A_round_runs_from_opening_to_recognition_with_a_certificate_number()
    {
        var title = $"UI 测试批次 {Guid.NewGuid():N}"[..16];
        var province = await LogInAsync("zj-province");
        var round = await OpenRoundAsync(province, title);

        var enterprise = await LogInAsync("enterprise");
        var application = await ApplyAsync(enterprise, round);

        var county = await LogInAsync("sc-county");
        await OpenFromQueueAsync(county, application);
        await DecideAsync(county, "return", "请补充研发费用归集说明", "退回补正");
        await ResubmitAsync(enterprise, application, "请补充研发费用归集说明");
        await OpenFromQueueAsync(county, application);
        await DecideAsync(county, "approve", null, "待市级推荐");

        var city = await LogInAsync("hz-city");
        await OpenFromQueueAsync(city, application);
        await DecideAsync(city, "recommend", null, "待省级审核");

        await OpenFromQueueAsync(province, application);
        var expert = await ExpertReviewAsync(province, application);
        await DecideAsync(province, "approve", "符合认定条件", "待公示");
        await ClickAsync(province, "start-publicity", "公示中");
        Step($"publicity: {await province.GetByTestId("publicity").InnerTextAsync()}");

        await county.GotoAsync($"/Applications/{application}");
        await county.GetByTestId("objection-reason").FillAsync("举报研发投入数据不实");
        await ClickAsync(county, "record-objection", "公示中");
        (await county.GetByTestId("objections").InnerTextAsync()).ShouldContain("举报研发投入数据不实");
        Step("county recorded an objection");

        // Publicity is at most 5 working days (7 calendar days from a Saturday): two weeks on, it has ended.
        ui.Server.Clock.Shift = TimeSpan.FromDays(14);
        try
        {
            // A sign-in from before the jump has expired on the server's clock: the province signs in again.
            var later = await LogInAsync("zj-province");
            await later.GotoAsync($"/Applications/{application}");
            await later.GetByTestId("recognize").ClickAsync();
            (await later.GetByTestId("message").InnerTextAsync()).ShouldStartWith("存在未处理的异议");
            (await later.GetByTestId("state").InnerTextAsync()).ShouldBe("公示中");
            (await later.GetByTestId("certificate").CountAsync()).ShouldBe(0);
            Step("the open objection blocks recognition");

            await later.GetByTestId("resolution-reason").FillAsync("经核查研发投入数据属实");
            await ClickAsync(later, "dismiss-objection", "公示中");
            await ClickAsync(later, "recognize", "已认定");
            var certificate = await later.GetByTestId("certificate").InnerTextAsync();
            // Numbered as official documents number things: 浙 (the issuing province), 专精特新 (the tier), the year, a sequence.
            certificate.ShouldMatch($"^浙专精特新〔{Today().AddDays(14).Year}〕\\d{{4}}号$");
            await SaveScreenshotAsync("recognized", await later.ScreenshotAsync(new() { FullPage = true }));
            Step($"recognised: certificate {certificate}");

            // The enterprise reads the same certificate on its application.
            var own = await LogInAsync("enterprise");
            await own.GotoAsync($"/Applications/{application}");
            (await own.GetByTestId("certificate").InnerTextAsync()).ShouldBe(certificate);
            await later.Context.CloseAsync();
            await own.Context.CloseAsync();
        }
        finally
        {
            ui.Server.Clock.Shift = TimeSpan.Zero;
        }
        foreach (var page in new[] { province, enterprise, county, city, expert })
        {
            await page.Context.CloseAsync();
        }
    }

    private async Task<IPage> LogInAsync(string userName)
    {
        var page = await ui.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.Locator("input[name='Input.UserName']").FillAsync(userName);
        await page.Locator("input[name='Input.Password']").FillAsync(DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.GetByTestId("display-name").WaitForAsync();
        Step($"logged in as {userName}");
        return page;
    }

    private async Task<long> OpenRoundAsync(IPage page, string title)
    {
        await page.GotoAsync("/Rounds");
        await page.GetByTestId("open-round").ClickAsync();
        await page.GetByTestId("round-title").FillAsync(title);
        await page.GetByTestId("round-version").SelectOptionAsync(RuleVersionToday());
        await page.GetByTestId("quota-330100").FillAsync("1");
        await page.GetByTestId("open-round-submit").ClickAsync();
        await page.WaitForURLAsync(RoundUrl());
        (await page.GetByTestId("round-title").InnerTextAsync()).ShouldBe(title);
        (await page.GetByTestId("quota-330100").InnerTextAsync()).ShouldContain("1");
        var id = long.Parse(RoundUrl().Match(page.Url).Groups[1].Value, CultureInfo.InvariantCulture);
        Step($"province opened round {id}");
        return id;
    }

    /// <summary>
    /// The expert step on a city-recommended application: the province sets one expert and assigns the demo expert; the
    /// expert's queue holds this application only; they declare no conflict and score 20 on each of the four default
    /// items (80 of 100, pass mark 60); approval is not offered before the conclusion; the province concludes.
    /// </summary>
    private async Task<IPage> ExpertReviewAsync(IPage province, long application)
    {
        await province.GetByTestId("experts-per-application-input").FillAsync("1");
        await ClickAsync(province, "set-expert-review", "待省级审核");
        (await province.GetByTestId("experts-per-application").InnerTextAsync()).ShouldBe("1");
        await province.GetByTestId("expert-select").SelectOptionAsync("expert");
        await ClickAsync(province, "assign-expert", "专家评审中");
        (await province.GetByTestId("assignment-expert").InnerTextAsync()).ShouldContain("尚未声明");
        Step("province set 1 expert and assigned the demo expert");

        var expert = await LogInAsync("expert");
        await expert.GotoAsync("/Applications");
        (await expert.Locator("[data-testid^='application-']").CountAsync()).ShouldBe(1);
        await OpenFromQueueAsync(expert, application);
        (await expert.GetByTestId("score-form").CountAsync()).ShouldBe(0);
        await expert.GetByTestId("no-conflict").CheckAsync();
        await ClickAsync(expert, "declare-conflict", "专家评审中");
        (await expert.GetByTestId("my-declaration").InnerTextAsync()).ShouldContain("无利益冲突");
        foreach (var item in new[] { "specialization", "refinement", "distinctiveness", "innovation" })
        {
            await expert.GetByTestId($"score-{item}").FillAsync("20");
        }
        await expert.GetByTestId("score-comment").FillAsync("主营业务突出，研发投入稳定");
        await ClickAsync(expert, "submit-score", "专家评审中");
        (await expert.GetByTestId("my-score").InnerTextAsync()).ShouldContain("80");
        await SaveScreenshotAsync("expert-scored", await expert.ScreenshotAsync(new() { FullPage = true }));
        Step("the expert saw only this application, declared no conflict and scored 80");

        await province.GotoAsync($"/Applications/{application}");
        (await province.GetByTestId("expert-outcome").InnerTextAsync()).ShouldContain("平均分 80");
        // Under expert review the province may reject, not approve: approval is offered once the review is concluded.
        (await province.GetByTestId("decide-approve").CountAsync()).ShouldBe(0);
        (await province.GetByTestId("decide-reject").CountAsync()).ShouldBe(1);
        await ClickAsync(province, "conclude-expert-review", "专家评审已汇总，待省级审核");
        (await province.GetByTestId("expert-concluded").InnerTextAsync()).ShouldContain("通过");
        await SaveScreenshotAsync("expert-concluded", await province.ScreenshotAsync(new() { FullPage = true }));
        Step("approval not offered before the conclusion; the province concluded (average 80, pass mark 60)");
        return expert;
    }

    private async Task<long> ApplyAsync(IPage page, long round)
    {
        await page.GotoAsync($"/Rounds/{round}");
        await page.GetByTestId("apply").ClickAsync();
        // The pre-evaluation before applying: verdict, the tier's checks with citations, and the gap when it falls short.
        var verdict = await page.GetByTestId("pre-verdict").InnerTextAsync();
        _qualifies = !verdict.Contains("暂不符合", StringComparison.Ordinal);
        var tier = page.GetByTestId($"tier-{Tier}");
        (await tier.Locator("td.cite").CountAsync()).ShouldBeGreaterThan(0);
        (await page.GetByTestId($"gap-{Tier}").CountAsync()).ShouldBe(_qualifies ? 0 : 1);
        await SaveScreenshotAsync("apply", await page.ScreenshotAsync(new() { FullPage = true }));

        // Not declared true: refused in Chinese, nothing submitted.
        await page.GetByTestId("submit-application").ClickAsync();
        (await page.GetByTestId("message").InnerTextAsync()).ShouldBe("请先承诺所填数据真实");

        await page.GetByTestId("declare").CheckAsync();
        await page.GetByTestId("submit-application").ClickAsync();
        await page.WaitForURLAsync(ApplicationUrl());
        (await page.GetByTestId("state").InnerTextAsync()).ShouldBe("待县级初审");
        var id = long.Parse(ApplicationUrl().Match(page.Url).Groups[1].Value, CultureInfo.InvariantCulture);
        Step($"enterprise applied ({verdict}) — application {id}");
        return id;
    }

    private static async Task OpenFromQueueAsync(IPage page, long application)
    {
        await page.GotoAsync("/Applications");
        await page.GetByTestId($"application-{application}").GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForURLAsync(ApplicationUrl());
        // The officer decides on the evaluation trace: every check with actual, required, result and citation.
        (await page.GetByTestId("checks").Locator("tbody tr").CountAsync()).ShouldBeGreaterThan(0);
        (await page.GetByTestId("checks").Locator("td.cite").First.InnerTextAsync()).ShouldNotBeNullOrWhiteSpace();
    }

    private async Task DecideAsync(IPage page, string decision, string? reason, string expectedState)
    {
        if (reason is not null)
        {
            await page.GetByTestId("reason").FillAsync(reason);
        }
        if (decision is "approve" or "recommend")
        {
            // A file that does not qualify is approved only with an override reason; the page warns and asks for it.
            (await page.GetByTestId("override-warning").CountAsync()).ShouldBe(_qualifies ? 0 : 1);
            if (!_qualifies)
            {
                await page.GetByTestId("override").FillAsync("经实地核查，主导产品市场地位突出");
            }
        }
        await ClickAsync(page, $"decide-{decision}", expectedState);
        Step($"{decision} → {expectedState}");
    }

    private async Task ResubmitAsync(IPage page, long application, string reason)
    {
        await page.GotoAsync($"/Applications/{application}");
        (await page.GetByTestId("state").InnerTextAsync()).ShouldBe("退回补正");
        (await page.GetByTestId("return-reason").InnerTextAsync()).ShouldContain(reason);
        await page.GetByTestId("declare").CheckAsync();
        await ClickAsync(page, "resubmit", "待县级初审");
        Step("enterprise read the reason and resubmitted");
    }

    /// <summary>Clicks a step's button and waits for the page after it (the step's confirmation), then checks the state.</summary>
    private static async Task ClickAsync(IPage page, string testId, string expectedState)
    {
        await page.GetByTestId(testId).ClickAsync();
        await page.GetByTestId("done").WaitForAsync();
        (await page.GetByTestId("message").CountAsync()).ShouldBe(0);
        (await page.GetByTestId("state").InnerTextAsync()).ShouldBe(expectedState);
    }

    private static DateOnly Today() => ShiftedClock.StartDay;

    private string RuleVersionToday()
    {
        var library = ui.Server.Services.GetRequiredService<RuleLibrary>();
        var set = library.TiersFor("330102").Single(g => g[0].Id == Tier).First(t => t.VersionOn(Today()) is not null);
        return $"{set.Id}@{set.VersionOn(Today())!.Info.VersionId}";
    }

    private static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    private static async Task SaveScreenshotAsync(string name, byte[] png)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await File.WriteAllBytesAsync(Path.Combine(ScreenshotFolder, $"round-{name}.png"), png);
    }

    private void Step(string what) => _log.WriteLine($"{_stopwatch.Elapsed.TotalSeconds,6:0.0}s  {what}");

    [GeneratedRegex(@"/Rounds/(\d+)$")]
    private static partial Regex RoundUrl();

    [GeneratedRegex(@"/Applications/(\d+)$")]
    private static partial Regex ApplicationUrl();
}
