using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Tidu.Data.Entities.Workflow;
using Tidu.Data.Registry;
using Tidu.Rules;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Workflow;

using Application = Tidu.Data.Entities.Workflow.Application;

/// <summary>
/// The workflow pages (server-rendered, the same services as the API): each officer's queue holds only what waits at
/// their level in their region; a decision taken meanwhile by someone else is refused on the page with the conflict
/// message; a recommendation over the city's quota is refused in Chinese; the seeded demo round is open.
/// </summary>
public abstract partial class WorkflowPagesTests(TiduAppFixture app)
{
    private const string Tier = "specialized-sme";
    private static readonly DateOnly Today = TestClock.Today;

    [Fact]
    public async Task Each_officer_sees_only_the_applications_waiting_at_their_level_in_their_region()
    {
        var round = await OpenRoundAsync(("330100", 5), ("330200", 5));
        var shangcheng = await SeedApplicationAsync(round, KnownEnterprises.Shangcheng.CreditCode, ApplicationState.Submitted);   // waits at 上城区
        var gongshu = await SeedApplicationAsync(round, KnownEnterprises.Gongshu.CreditCode, ApplicationState.CountyApproved);     // waits at 杭州市
        var haishu = await SeedApplicationAsync(round, KnownEnterprises.Haishu.CreditCode, ApplicationState.CityRecommended);      // waits at 浙江省 (宁波)
        var all = new[] { shangcheng, gongshu, haishu };

        (await QueueAsync("sc-county", round)).ShouldBe([shangcheng]);
        (await QueueAsync("gs-county", round)).ShouldBeEmpty(); // 拱墅区's application is past the county
        (await QueueAsync("hz-city", round)).ShouldBe([gongshu]); // not 宁波's, not one still at the county
        (await QueueAsync("zj-province", round)).ShouldBe([haishu]);
        (await QueueAsync("hb-province", round)).ShouldBeEmpty(); // another province
        (await QueueAsync("enterprise", round)).ShouldBeEmpty(); // none of these is the enterprise user's own
        // Everything in the region, whatever its state: still only the region's.
        (await QueueAsync("hz-city", round, all: true)).ShouldBe([shangcheng, gongshu]);
        (await QueueAsync("gs-county", round, all: true)).ShouldBe([gongshu]);
        (await QueueAsync("zj-province", round, all: true)).ShouldBe(all);

        // Another region's application is not found on the page either.
        using var city = await Sessions.LoginAsync(app, "hz-city");
        using var other = await city.GetAsync(Http.Url($"/Applications/{haishu}"), TestContext.Current.CancellationToken);
        other.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var own = await city.GetAsync(Http.Url($"/Applications/{gongshu}"), TestContext.Current.CancellationToken);
        own.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await own.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        html.ShouldContain("data-testid=\"decide-recommend\"");
        html.ShouldNotContain("data-testid=\"decide-approve\""); // the county's step is not the city's
    }

    [Fact]
    public async Task A_decision_on_a_page_someone_else_has_decided_meanwhile_is_refused_with_the_conflict_message_and_the_first_stands()
    {
        var round = await OpenRoundAsync(("330100", 1));
        var id = await SeedApplicationAsync(round, KnownEnterprises.Shangcheng.CreditCode, ApplicationState.Submitted);
        using var first = await Sessions.LoginAsync(app, "sc-county");
        using var second = await Sessions.LoginAsync(app, "sc-county");
        var firstPage = await PageAsync(first, $"/Applications/{id}");
        var secondPage = await PageAsync(second, $"/Applications/{id}"); // both see revision 0

        var approved = await PostFormAsync(first, $"/Applications/{id}?handler=Decide", firstPage, new() { ["decision"] = "approve", ["revision"] = "0" });
        approved.Status.ShouldBe(HttpStatusCode.Redirect);
        var late = await PostFormAsync(second, $"/Applications/{id}?handler=Decide", secondPage, new() { ["decision"] = "reject", ["reason"] = "材料不全", ["revision"] = "0" });

        late.Status.ShouldBe(HttpStatusCode.OK);
        Message(late.Html).ShouldBe("该申报已被他人处理，请刷新后重试");
        Text(late.Html, "state").ShouldBe("待市级推荐"); // the page shows the application as it is: the first decision
        var decisions = await app.WithDbAsync(db => db.ApplicationDecisions.Where(d => d.ApplicationId == id).Select(d => d.Decision).ToListAsync());
        decisions.ShouldBe(["approve"]);
    }

    [Fact]
    public async Task A_recommendation_over_the_citys_quota_is_refused_on_the_page_in_Chinese_and_nothing_changes()
    {
        var round = await OpenRoundAsync(("330100", 1));
        var first = await SeedApplicationAsync(round, KnownEnterprises.Shangcheng.CreditCode, ApplicationState.CountyApproved);
        var second = await SeedApplicationAsync(round, KnownEnterprises.Gongshu.CreditCode, ApplicationState.CountyApproved);
        using var city = await Sessions.LoginAsync(app, "hz-city");

        var inQuota = await PostFormAsync(city, $"/Applications/{first}?handler=Decide", await PageAsync(city, $"/Applications/{first}"), new() { ["decision"] = "recommend", ["revision"] = "0" });
        inQuota.Status.ShouldBe(HttpStatusCode.Redirect); // 0 of 1 used
        var over = await PostFormAsync(city, $"/Applications/{second}?handler=Decide", await PageAsync(city, $"/Applications/{second}"), new() { ["decision"] = "recommend", ["revision"] = "0" });

        over.Status.ShouldBe(HttpStatusCode.OK);
        Message(over.Html).ShouldBe("超出推荐名额：本批次杭州市的推荐名额为 1 家，已推荐 1 家");
        Text(over.Html, "state").ShouldBe("待市级推荐");
        (await app.WithDbAsync(db => db.RoundQuotas.Where(q => q.RoundId == round && q.CityCode == "330100").Select(q => q.Recommended).SingleAsync())).ShouldBe(1);
    }

    [Fact]
    public async Task The_demo_database_has_an_open_round_the_enterprise_can_apply_to()
    {
        var demo = await app.WithDbAsync(db => db.Rounds.Include(r => r.Quotas).SingleAsync(r => r.Title.Contains("演示批次")));
        demo.Tier.ShouldBe(Tier);
        demo.RegionCode.ShouldBe("330000");
        demo.OpensOn.ShouldBeLessThanOrEqualTo(Today);
        demo.ClosesOn.ShouldBeGreaterThanOrEqualTo(Today);
        demo.RuleSetVersion.ShouldBe(RuleVersionToday());
        demo.Quotas.Select(q => q.CityCode).ShouldContain("330100");
        demo.Quotas.ShouldAllBe(q => q.CityCode.StartsWith("33"));

        using var enterprise = await Sessions.LoginAsync(app, "enterprise");
        var round = await PageAsync(enterprise, $"/Rounds/{demo.Id}");
        round.ShouldContain($"href=\"/Rounds/{demo.Id}/Apply\"");
        var apply = await PageAsync(enterprise, $"/Rounds/{demo.Id}/Apply");
        apply.ShouldContain("data-testid=\"pre-verdict\"");
        apply.ShouldContain($"data-testid=\"tier-{Tier}\"");
        apply.ShouldContain("data-testid=\"checks\"");
    }

    private async Task<IReadOnlyList<long>> QueueAsync(string user, long round, bool all = false)
    {
        using var client = await Sessions.LoginAsync(app, user);
        var html = await PageAsync(client, $"/Applications?round={round}{(all ? "&all=true" : "")}");
        return [.. ApplicationRow().Matches(html).Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];
    }

    private static async Task<string> PageAsync(HttpClient client, string url)
    {
        using var r = await client.GetAsync(Http.Url(url), TestContext.Current.CancellationToken);
        r.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        return await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Posts a page's form as a browser would: the fields given plus the antiforgery token of the page it was on.</summary>
    private static async Task<(HttpStatusCode Status, string Html)> PostFormAsync(HttpClient client, string url, string pageHtml, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = PageForms.AntiforgeryToken(pageHtml);
        using var form = new FormUrlEncodedContent(fields);
        using var r = await client.PostAsync(Http.Url(url), form, TestContext.Current.CancellationToken);
        return (r.StatusCode, await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private static string Message(string html) => Text(html, "message");

    private static string Text(string html, string testId) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"data-testid=\"{testId}\"[^>]*>([^<]*)<").Groups[1].Value.Trim());

    private Task<long> SeedApplicationAsync(long round, string creditCode, ApplicationState state) =>
        SeededApplications.SeedAsync(app, round, creditCode, state, Today);

    private async Task<long> OpenRoundAsync(params (string City, int Quota)[] quotas)
    {
        using var province = await Sessions.LoginAsync(app, "zj-province");
        var (status, json, text) = await province.PostJsonAsync("/api/v1/rounds", new JsonObject
        {
            ["tier"] = Tier,
            ["title"] = "页面测试批次",
            ["opensOn"] = Today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["closesOn"] = Today.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["ruleSetVersion"] = RuleVersionToday(),
            ["quotas"] = new JsonArray([.. quotas.Select(q => (JsonNode)new JsonObject { ["cityCode"] = q.City, ["quota"] = q.Quota })]),
        });
        status.ShouldBe(HttpStatusCode.Created, text);
        return json!["id"]!.GetValue<long>();
    }

    private string RuleVersionToday() => SeededApplications.RuleVersionOn(app, Today);

    [GeneratedRegex("data-testid=\"application-(\\d+)\"")]
    private static partial Regex ApplicationRow();
}

[Collection(SqliteApp.Name)]
public sealed class SqliteWorkflowPagesTests(SqliteAppFixture app) : WorkflowPagesTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresWorkflowPagesTests(PostgresAppFixture app) : WorkflowPagesTests(app);
