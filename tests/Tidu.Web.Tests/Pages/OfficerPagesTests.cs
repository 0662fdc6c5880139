using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;
using Tidu.Data.Registry;
using Tidu.Domain.Exchange;
using Tidu.Rules;
using Tidu.Web.Seeding;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Pages;

/// <summary>
/// Pages as an officer and an enterprise read and use them, on both providers: the file's recognition status apart from
/// today's evaluation; the round form's sensible default, versions in force only, and a title that cannot name another
/// tier; the enterprise correcting its own figures; the demo's round whose publicity has ended, recognised today.
/// </summary>
public abstract partial class OfficerPagesTests(TiduAppFixture app)
{
    private static DateOnly Today => TestClock.Today;

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A manufacturing firm that meets the specialized SME's 2026 criteria (Y = last year), in <paramref name="region"/>.</summary>
    private static JsonObject Strong(string creditCode, string name, string region, bool recognisedSpecialized)
    {
        var y = Today.Year - 1;
        JsonObject Year(int year, decimal revenue) => new()
        {
            ["year"] = year,
            ["operatingRevenue"] = revenue,
            ["mainBusinessRevenue"] = revenue * 0.9m,
            ["rdExpense"] = revenue * 0.12m,
            ["netProfit"] = revenue * 0.12m,
            ["totalAssets"] = 20000m,
            ["totalLiabilities"] = 8000m,
            ["employees"] = 250,
            ["rdStaff"] = 100,
            ["newQualifiedEquityFinancing"] = 0m,
        };
        var recognitions = new JsonArray(new JsonObject { ["tier"] = "innovative-sme", ["recognizedOn"] = Day(Today.AddYears(-1)), ["validUntil"] = Day(Today.AddYears(2)), ["issuer"] = "330000" });
        if (recognisedSpecialized)
        {
            recognitions.Add(new JsonObject { ["tier"] = "specialized-sme", ["recognizedOn"] = Day(Today.AddDays(-30)), ["validUntil"] = Day(Today.AddYears(3).AddDays(-31)), ["issuer"] = "330000" });
        }
        return new JsonObject
        {
            ["creditCode"] = creditCode,
            ["name"] = name,
            ["regionCode"] = region,
            ["industryCode"] = "C3484",
            ["nicheMarketSince"] = "2015-01-01",
            ["mainProduct"] = new JsonObject
            {
                ["name"] = "精密减速器",
                ["strategicEmergingIndustry"] = true,
                ["chainContribution"] = "key-results",
                ["keyField"] = true,
                ["domesticMarketShare"] = 0.2m,
                ["internationalMarketShare"] = 0.05m,
                ["domesticMarketRank"] = 2,
                ["marketPositionLeading"] = true,
                ["revenueShare"] = 0.8m,
            },
            ["financials"] = new JsonArray(Year(y - 2, 10000m), Year(y - 1, 11000m), Year(y, 12100m)),
            ["intellectualProperty"] = new JsonObject { ["classI"] = 6, ["classISelfDeveloped"] = 5, ["classIHighValue"] = 2, ["classIApplied"] = 5, ["classII"] = 3, ["inventionPatents"] = 4 },
            ["rdInstitution"] = "provincial",
            ["digitalLevel"] = 3,
            ["coreBusinessOnInformationSystem"] = true,
            ["quality"] = new JsonObject { ["provincialQualityAward"] = true, ["managementSystemCertifications"] = new JsonArray("ISO9001"), ["developedMarketProductCertification"] = true, ["ownBrand"] = true },
            ["standards"] = new JsonArray(new JsonObject { ["level"] = "national", ["role"] = "lead", ["year"] = y - 1 }),
            ["honors"] = new JsonArray(new JsonObject { ["kind"] = "tech-sme", ["year"] = y, ["validUntil"] = Day(Today.AddYears(2)) }),
            ["recognitions"] = recognitions,
            ["qualityEvaluations"] = new JsonArray(new JsonObject { ["year"] = Today.Year, ["score"] = 80 }, new JsonObject { ["year"] = y, ["score"] = 80 }),
        };
    }

    private async Task SaveAsync(JsonObject file)
    {
        // The file's recognitions are written as from an official list (a plain file write keeps the stored ones only).
        var result = await app.WithRegistryAsync(registry => registry.UpsertAsync([ProfileReader.Parse(new RawRecord(1, "test", JsonSerializer.SerializeToUtf8Bytes(file))).Profile
            ?? throw new InvalidOperationException("test profile invalid")], Tidu.Data.Registry.RecognitionWrites.Official));
        // Saved and evaluated: the pages below read the stored evaluation.
        (result.Created + result.Updated).ShouldBe(1);
        result.EvaluationFailures.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_file_shows_its_recognition_apart_from_todays_evaluation()
    {
        // Recognised a month ago, while today's data (a weak year added) would no longer earn the tier.
        var code = CreditCodes.For("330106", 901);
        var file = Strong(code, "测试认定状态有限公司", "330106", recognisedSpecialized: true);
        file["financials"]!.AsArray().OfType<JsonObject>().Last()["rdExpense"] = 50m;
        await SaveAsync(file);

        using var county = await Sessions.LoginAsync(app, "hz-city");
        var html = await county.GetPageAsync($"/Enterprises/{code}");
        var status = Section(html, "recognition-status");
        status.ShouldContain("data-testid=\"held-recognition-specialized-sme\"");
        status.ShouldContain(Day(Today.AddYears(3).AddDays(-31)));   // valid until
        status.ShouldContain("有效");
        var evaluation = Section(html, "evaluation");
        PageForms.TestIdText(evaluation, "verdict-specialized-sme").ShouldBe("按今日数据：不符合");
        PageForms.TestIdText(evaluation, "held-specialized-sme").ShouldStartWith("档案记载：已认定");
        html.IndexOf("data-testid=\"recognition-status\"", StringComparison.Ordinal).ShouldBeLessThan(html.IndexOf("data-testid=\"evaluation\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_round_form_starts_from_the_current_version_and_offers_only_versions_in_force()
    {
        using var province = await Sessions.LoginAsync(app, "zj-province");
        var html = await province.GetPageAsync("/Rounds/Open");
        var options = VersionOption().Matches(html).Select(m => (Value: m.Groups[1].Value, Selected: m.Groups[2].Success)).ToList();
        options.ShouldNotBeEmpty();
        var library = app.App.Services.GetRequiredService<RuleLibrary>();
        foreach (var (value, _) in options)
        {
            var (tier, version) = (value.Split('@')[0], value.Split('@')[1]);
            var info = library.Tiers.Where(t => t.Id == tier).SelectMany(t => t.Versions).First(v => v.Info.VersionId == version).Info;
            (info.EffectiveTo is null || info.EffectiveTo >= Today).ShouldBeTrue($"{value} ended {info.EffectiveTo}");
        }
        // The default: the tier of the province's latest round (the demo's specialized SMEs), in the version in force today.
        var selected = options.Single(o => o.Selected).Value;
        var latest = await app.WithDbAsync(db => db.Rounds.OrderByDescending(r => r.Id).Select(r => r.Tier).FirstAsync());
        selected.ShouldStartWith(latest + "@");
        library.Tiers.Where(t => t.Id == latest).SelectMany(t => t.Versions).Single(v => $"{latest}@{v.Info.VersionId}" == selected).Info.EffectiveFrom.ShouldBeLessThanOrEqualTo(Today);
    }

    [Fact]
    public async Task A_round_titled_for_one_tier_cannot_be_opened_for_another()
    {
        using var province = await Sessions.LoginAsync(app, "zj-province");
        var hidden = VersionOption().Matches(await province.GetPageAsync("/Rounds/Open")).Select(m => m.Groups[1].Value).First(v => v.StartsWith("hidden-champion@", StringComparison.Ordinal));
        var body = new JsonObject
        {
            ["tier"] = "hidden-champion",
            ["title"] = $"{Today.Year} 年专精特新中小企业认定",
            ["opensOn"] = Day(Today),
            ["closesOn"] = Day(Today.AddDays(30)),
            ["ruleSetVersion"] = hidden,
            ["quotas"] = new JsonArray(),
        };
        var (status, json, text) = await province.PostJsonAsync("/api/v1/rounds", body);
        status.ShouldBe(HttpStatusCode.BadRequest, text);
        ((string?)json!["titleZh"] ?? text).ShouldContain("批次名称提到“专精特新中小企业”，但所选梯度为“浙江省隐形冠军企业”");
    }

    [Fact]
    public async Task The_enterprise_corrects_its_figures_as_declared_data_and_a_bad_value_changes_nothing()
    {
        var own = await app.EnterpriseUserCreditCodeAsync();
        using var enterprise = await Sessions.LoginAsync(app, "enterprise");
        var page = await enterprise.GetPageAsync($"/Enterprises/{own}/Edit");
        var fields = InputField().Matches(page).ToDictionary(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value), m => System.Net.WebUtility.HtmlDecode(m.Groups[2].Value));
        var latest = await app.WithDbAsync(db => db.FinancialYears.Where(f => f.Enterprise.CreditCode == own).OrderByDescending(f => f.Year).FirstAsync());
        var row = fields.Single(f => f.Key.EndsWith(".Year", StringComparison.Ordinal) && f.Value == latest.Year.ToString(CultureInfo.InvariantCulture)).Key[..^".Year".Length];
        var original = latest.RdExpense;

        fields[$"{row}.Values[rdExpense]"] = "12.34";
        var (status, answer) = await enterprise.PostFormAsync($"/Enterprises/{own}/Edit", page, fields);
        status.ShouldBe(HttpStatusCode.Redirect, answer);
        (await app.WithDbAsync(db => db.FinancialYears.Where(f => f.Enterprise.CreditCode == own && f.Year == latest.Year).Select(f => f.RdExpense).SingleAsync())).ShouldBe(12.34m);
        (await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.CreditCode == own && a.Actor == "enterprise" && a.Entity == "EnterpriseFinancialYear"))).ShouldBeTrue();

        fields[$"{row}.Values[rdExpense]"] = "十二";
        var (badStatus, bad) = await enterprise.PostFormAsync($"/Enterprises/{own}/Edit", page, fields);
        badStatus.ShouldBe(HttpStatusCode.OK);
        bad.ShouldContain($"{latest.Year}年 研发费用：“十二”应为数字");
        (await app.WithDbAsync(db => db.FinancialYears.Where(f => f.Enterprise.CreditCode == own && f.Year == latest.Year).Select(f => f.RdExpense).SingleAsync())).ShouldBe(12.34m);

        // Put the figure back for the other tests of the shared database.
        fields[$"{row}.Values[rdExpense]"] = original?.ToString(CultureInfo.InvariantCulture) ?? "";
        (await enterprise.PostFormAsync($"/Enterprises/{own}/Edit", page, fields)).Status.ShouldBe(HttpStatusCode.Redirect);
        // An officer's file of another enterprise is not the enterprise's to edit (its scope shows it nothing else).
        using var other = await enterprise.GetAsync(Http.Url($"/Enterprises/{KnownEnterprises.Shangcheng.CreditCode}/Edit"), TestContext.Current.CancellationToken);
        other.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_demo_round_whose_publicity_has_ended_is_recognised_today()
    {
        var code = CreditCodes.For("330105", 902);
        await SaveAsync(Strong(code, "测试公示期满有限公司", "330105", recognisedSpecialized: false));
        long id;
        using (var scope = app.App.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<Tidu.Web.Security.HttpRegionScopeSource>().Override = Tidu.Data.Scoping.RegionScope.Everything("system:startup");
            id = await DemoHistory.RunAsync(scope.ServiceProvider, code, NullLogger.Instance) ?? 0;
        }
        id.ShouldBeGreaterThan(0);
        var application = await app.WithDbAsync(db => db.Applications.Include(a => a.Decisions).SingleAsync(a => a.Id == id));
        application.State.ShouldBe(Tidu.Data.Entities.Workflow.ApplicationState.Publicity);
        application.PublicityEndsOn!.Value.ShouldBeLessThan(Today);
        application.Decisions.Select(d => d.Actor).ShouldBe(["system:demo", "gs-county", "hz-city", "zj-province", "zj-province"]);

        using var province = await Sessions.LoginAsync(app, "zj-province");
        var (status, json, text) = await province.PostJsonAsync($"/api/v1/applications/{id}/recognize", new JsonObject { ["revision"] = application.Revision });
        status.ShouldBe(HttpStatusCode.OK, text);
        ((string)json!["certificateNumber"]!).ShouldMatch($"^浙专精特新〔{Today.Year}〕\\d{{4}}号$");
    }

    /// <summary>The HTML of the element with a test id, up to the start of the next section.</summary>
    private static string Section(string html, string testId)
    {
        var start = html.IndexOf($"data-testid=\"{testId}\"", StringComparison.Ordinal);
        start.ShouldBeGreaterThanOrEqualTo(0, testId);
        var end = html.IndexOf("</section>", start, StringComparison.Ordinal);
        // The evaluation section holds the tiers' own sections: read to the section after it.
        return testId == "evaluation" ? html[start..html.IndexOf("data-testid=\"awards\"", start, StringComparison.Ordinal)] : html[start..end];
    }

    [GeneratedRegex("<option value=\"([a-z-]+@[^\"]+)\"( selected=\"selected\")?")]
    private static partial Regex VersionOption();

    [GeneratedRegex("<input[^>]*name=\"(Input[^\"]+)\"[^>]*value=\"([^\"]*)\"")]
    private static partial Regex InputField();
}

[Collection(SqliteApp.Name)]
public sealed class SqliteOfficerPagesTests(SqliteAppFixture app) : OfficerPagesTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresOfficerPagesTests(PostgresAppFixture app) : OfficerPagesTests(app);
