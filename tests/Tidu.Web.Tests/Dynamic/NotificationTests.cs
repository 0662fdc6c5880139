using System.Net;
using System.Text.Json.Nodes;
using Shouldly;
using Tidu.Web.Tests.Infrastructure;
using Xunit;
using static Tidu.Web.Tests.Dynamic.DynamicHarness;

namespace Tidu.Web.Tests.Dynamic;

/// <summary>
/// Notifications inside the platform: each review step notifies the next actor's queue — the
/// enterprise's own county (not a sibling county, not the city or province), then its city, then its province — and a
/// return goes to the enterprise. Each user reads only their own through GET /api/v1/notifications and marks them read.
/// </summary>
public abstract class NotificationTests(TiduAppFixture app)
{
    private const string Tier = "specialized-sme";

    [Fact]
    public async Task Each_step_reaches_the_next_actor_in_the_enterprises_region_and_no_one_else()
    {
        using var province = await Sessions.LoginAsync(app, "zj-province");
        var round = await province.PostJsonAsync("/api/v1/rounds", new JsonObject
        {
            ["tier"] = Tier,
            ["title"] = "通知（测试）",
            ["opensOn"] = Iso(Today.AddDays(-30)),
            ["closesOn"] = Iso(Today.AddDays(30)),
            ["ruleSetVersion"] = RuleVersionOn(app, Tier, Today),
            ["quotas"] = new JsonArray(new JsonObject { ["cityCode"] = "330100", ["quota"] = 1 }),
        });
        round.Status.ShouldBe(HttpStatusCode.Created, round.Text);
        using var enterprise = await Sessions.LoginAsync(app, (await Applicants.NewAsync(app, Today)).UserName);
        var submitted = await enterprise.PostJsonAsync("/api/v1/applications", new JsonObject { ["roundId"] = round.Json!["id"]!.GetValue<long>(), ["declaredTrue"] = true });
        submitted.Status.ShouldBe(HttpStatusCode.Created, submitted.Text);
        var id = submitted.Json!["id"]!.GetValue<long>();
        var api = $"/api/v1/applications/{id}";
        var link = $"/Applications/{id}"; // a notice links to the page a person opens, as the file notices do
        using var sc = await Sessions.LoginAsync(app, "sc-county");
        using var gs = await Sessions.LoginAsync(app, "gs-county");
        using var city = await Sessions.LoginAsync(app, "hz-city");

        (await KindsAsync(sc, link)).ShouldBe(["application-submitted"]);
        (await KindsAsync(gs, link)).ShouldBeEmpty();
        (await KindsAsync(city, link)).ShouldBeEmpty();
        (await KindsAsync(province, link)).ShouldBeEmpty();
        (await KindsAsync(enterprise, link)).ShouldBeEmpty();

        var approved = await sc.PostJsonAsync($"{api}/decisions", new JsonObject { ["decision"] = "approve", ["revision"] = 0 });
        approved.Status.ShouldBe(HttpStatusCode.OK, approved.Text);
        (await KindsAsync(city, link)).ShouldBe(["county-approved"]);
        (await KindsAsync(gs, link)).ShouldBeEmpty();
        var recommended = await city.PostJsonAsync($"{api}/decisions", new JsonObject { ["decision"] = "recommend", ["revision"] = 1 });
        recommended.Status.ShouldBe(HttpStatusCode.OK, recommended.Text);
        (await KindsAsync(province, link)).ShouldBe(["city-recommended"]);
        using var hubei = await Sessions.LoginAsync(app, "hb-province");
        (await KindsAsync(hubei, link)).ShouldBeEmpty();
        var rejected = await province.PostJsonAsync($"{api}/decisions", new JsonObject { ["decision"] = "reject", ["reason"] = "研发投入不达标", ["revision"] = 2 });
        rejected.Status.ShouldBe(HttpStatusCode.OK, rejected.Text);
        var mine = await ItemsAsync(enterprise, link);
        mine.Select(i => i["kind"]!.GetValue<string>()).ShouldBe(["application-rejected"]);
        mine[0]["body"]!.GetValue<string>().ShouldContain("研发投入不达标");
    }

    [Fact]
    public async Task A_user_marks_their_notices_read_and_another_user_of_the_same_queue_still_sees_them_unread()
    {
        using var a = await Sessions.LoginAsync(app, "sc-county");
        var before = (await a.GetJsonAsync("/api/v1/notifications?unread=true")).Json!;
        var ids = before["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()).ToList();
        if (ids.Count == 0)
        {
            // Nothing queued yet in this database: make one (a submission reaches 上城区's queue).
            await new Each_step_helper(app).SubmitAsync();
            ids = (await a.GetJsonAsync("/api/v1/notifications?unread=true")).Json!["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()).ToList();
        }
        ids.ShouldNotBeEmpty();
        var marked = await a.PostJsonAsync("/api/v1/notifications/read", new JsonObject { ["ids"] = new JsonArray(ids[0]) });
        marked.Status.ShouldBe(HttpStatusCode.OK, marked.Text);
        marked.Json!["marked"]!.GetValue<int>().ShouldBe(1);
        var (_, list, _) = await a.GetJsonAsync("/api/v1/notifications");
        list!["items"]!.AsArray().Single(i => i!["id"]!.GetValue<long>() == ids[0])!["read"]!.GetValue<bool>().ShouldBeTrue();
        // Read per user: the city's officer cannot mark a county notice (it is not theirs), and nothing changes.
        using var city = await Sessions.LoginAsync(app, "hz-city");
        (await city.PostJsonAsync("/api/v1/notifications/read", new JsonObject { ["ids"] = new JsonArray(ids.Last()) })).Json!["marked"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task The_inbox_page_and_the_bell_show_the_users_notices_and_the_officer_pages_render()
    {
        var name = await new Each_step_helper(app).SubmitAsync();
        var title = $"新的申报待初审：{name}"; // this test's application, whatever other tests submitted
        using var county = await Sessions.LoginAsync(app, "sc-county");
        var page = await county.GetStringAsync(new Uri("/Notifications", UriKind.Relative), TestContext.Current.CancellationToken);
        page.ShouldContain("消息中心");
        page.ShouldContain(title);
        page.ShouldContain("data-testid=\"bell\"");
        using var province = await Sessions.LoginAsync(app, "zj-province");
        (await province.GetStringAsync(new Uri("/Recognitions?status=expired", UriKind.Relative), TestContext.Current.CancellationToken)).ShouldContain("认定动态管理");
        (await province.GetStringAsync(new Uri("/Pools?tier=specialized-sme", UriKind.Relative), TestContext.Current.CancellationToken)).ShouldContain("储备库建议");
        // Another county's inbox does not carry 上城区's queue.
        using var other = await Sessions.LoginAsync(app, "gs-county");
        (await other.GetStringAsync(new Uri("/Notifications", UriKind.Relative), TestContext.Current.CancellationToken)).ShouldNotContain(title);
    }

    private sealed class Each_step_helper(TiduAppFixture app)
    {
        public async Task<string> SubmitAsync()
        {
            using var province = await Sessions.LoginAsync(app, "zj-province");
            var round = await province.PostJsonAsync("/api/v1/rounds", new JsonObject
            {
                ["tier"] = Tier,
                ["title"] = "通知已读（测试）",
                ["opensOn"] = Iso(Today.AddDays(-30)),
                ["closesOn"] = Iso(Today.AddDays(30)),
                ["ruleSetVersion"] = RuleVersionOn(app, Tier, Today),
                ["quotas"] = new JsonArray(new JsonObject { ["cityCode"] = "330100", ["quota"] = 1 }),
            });
            var applicant = await Applicants.NewAsync(app, Today, qualifying: false);
            using var enterprise = await Sessions.LoginAsync(app, applicant.UserName);
            var submitted = await enterprise.PostJsonAsync("/api/v1/applications", new JsonObject { ["roundId"] = round.Json!["id"]!.GetValue<long>(), ["declaredTrue"] = true });
            submitted.Status.ShouldBe(HttpStatusCode.Created, submitted.Text);
            return applicant.Name;
        }
    }

    private static async Task<List<JsonNode>> ItemsAsync(HttpClient c, string link)
    {
        var (status, json, text) = await c.GetJsonAsync("/api/v1/notifications?take=500");
        status.ShouldBe(HttpStatusCode.OK, text);
        return [.. json!["items"]!.AsArray().Where(i => i!["link"]?.GetValue<string>() == link).Select(i => i!)];
    }

    private static async Task<List<string>> KindsAsync(HttpClient c, string link) => [.. (await ItemsAsync(c, link)).Select(i => i["kind"]!.GetValue<string>())];
}

[Collection(SqliteApp.Name)]
public sealed class SqliteNotificationTests(SqliteAppFixture app) : NotificationTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresNotificationTests(PostgresAppFixture app) : NotificationTests(app);
