using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Tidu.Data.Entities.Workflow;
using Tidu.Data.Registry;
using Tidu.Rules;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Workflow;

using Application = Tidu.Data.Entities.Workflow.Application;

/// <summary>
/// The recognition workflow through the API (docs/procedure.md, the steps from round to province review): a province
/// opens a round, the demo enterprise (上城区 330102, 杭州 330100) applies, the county reviews, the city recommends
/// within its quota, the province reviews. Each test opens its own round, so the enterprise can apply in each.
/// </summary>
public abstract class WorkflowTests(TiduAppFixture app)
{
    private const string Tier = "specialized-sme";
    private static readonly DateOnly Today = TestClock.Today;

    [Fact]
    public async Task An_application_goes_from_county_review_through_city_recommendation_to_province_approval()
    {
        var round = await OpenRoundAsync(("330100", 2));
        var applicant = await Applicants.NewAsync(app, Today);
        using var enterprise = await Sessions.LoginAsync(app, applicant.UserName);
        var (status, json, text) = await enterprise.PostJsonAsync("/api/v1/applications", new JsonObject { ["roundId"] = round, ["declaredTrue"] = true });

        status.ShouldBe(HttpStatusCode.Created, text);
        json!["state"]!.GetValue<string>().ShouldBe("Submitted");
        json["revision"]!.GetValue<int>().ShouldBe(0);
        json["creditCode"]!.GetValue<string>().ShouldBe(applicant.CreditCode);
        var pre = json["preEvaluation"]!;
        pre["ruleVersion"]!.GetValue<string>().ShouldBe(RuleVersionToday());
        pre["trace"]!.ToJsonString().ShouldContain(Tier);
        // The file qualifies for the round's tier: no gap is shown.
        pre["qualified"]!.GetValue<bool>().ShouldBeTrue();
        pre["gap"].ShouldBeNull();
        var id = json["id"]!.GetValue<long>();

        // A level cannot act out of turn: the city cannot recommend what the county has not approved.
        using var city = await Sessions.LoginAsync(app, "hz-city");
        var early = await DecideAsync(city, id, "recommend", 0);
        early.Status.ShouldBe(HttpStatusCode.Conflict, early.Text);
        early.Text.ShouldContain("Submitted");

        using var county = await Sessions.LoginAsync(app, "sc-county");
        (await DecideAsync(county, id, "approve", 0)).Json!["state"]!.GetValue<string>().ShouldBe("CountyApproved");
        var recommended = await DecideAsync(city, id, "recommend", 1);
        recommended.Status.ShouldBe(HttpStatusCode.OK, recommended.Text);
        recommended.Json!["state"]!.GetValue<string>().ShouldBe("CityRecommended");
        using var province = await Sessions.LoginAsync(app, "zj-province");
        var approved = await DecideAsync(province, id, "approve", 2, "符合条件");
        approved.Status.ShouldBe(HttpStatusCode.OK, approved.Text);
        approved.Json!["state"]!.GetValue<string>().ShouldBe("ProvinceApproved");
        approved.Json["revision"]!.GetValue<int>().ShouldBe(3);

        // Read back by the enterprise: every step with its actor, level, states, reason and rule version.
        var (_, back, _) = await enterprise.GetJsonAsync($"/api/v1/applications/{id}");
        var decisions = back!["decisions"]!.AsArray();
        decisions.Select(d => $"{d!["level"]}:{d["decision"]}:{d["actor"]}:{d["from"]}->{d["to"]}").ShouldBe(
        [
            $"enterprise:submit:{applicant.UserName}:Submitted->Submitted",
            "county:approve:sc-county:Submitted->CountyApproved",
            "city:recommend:hz-city:CountyApproved->CityRecommended",
            "province:approve:zj-province:CityRecommended->ProvinceApproved",
        ]);
        decisions[3]!["reason"]!.GetValue<string>().ShouldBe("符合条件");
        decisions.ShouldAllBe(d => d!["ruleVersion"]!.GetValue<string>() == RuleVersionToday());
        var stored = await app.WithDbAsync(db => db.ApplicationDecisions.Where(d => d.ApplicationId == id).Select(d => d.EvaluationTrace).ToListAsync());
        stored.ShouldAllBe(t => t.Contains(Tier));
        // Each change of the application is in the audit trail, with the rule version.
        var audits = await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Entity == nameof(Application) && a.EntityKey == $"round:{round}" && a.CreditCode == applicant.CreditCode && a.RuleSetVersion == RuleVersionToday()));
        audits.ShouldBe(4); // insert + three decisions
        (await RecommendedAsync(round, "330100")).ShouldBe(1);
    }

    [Fact]
    public async Task Approving_or_recommending_an_application_that_does_not_qualify_needs_an_override_reason_and_the_trail_keeps_it()
    {
        var round = await OpenRoundAsync(("330100", 1));
        var applicant = await Applicants.NewAsync(app, Today, qualifying: false);
        using var enterprise = await Sessions.LoginAsync(app, applicant.UserName);
        var submitted = await enterprise.PostJsonAsync("/api/v1/applications", new JsonObject { ["roundId"] = round, ["declaredTrue"] = true });
        submitted.Json!["preEvaluation"]!["qualified"]!.GetValue<bool>().ShouldBeFalse();
        var id = submitted.Json["id"]!.GetValue<long>();
        using var county = await Sessions.LoginAsync(app, "sc-county");
        var before = await StateAsync(id);

        foreach (var blank in new[] { null, "  " })
        {
            var refused = await county.PostJsonAsync($"/api/v1/applications/{id}/decisions", new JsonObject { ["decision"] = "approve", ["revision"] = 0, ["override"] = blank });
            refused.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, refused.Text);
            refused.Json!["code"]!.GetValue<string>().ShouldBe("application.override-required");
            refused.Json["titleZh"]!.GetValue<string>().ShouldContain("越过预评价的理由");
        }
        (await StateAsync(id)).ShouldBe(before);

        // An override is for going on against the evaluation: a return given one is refused, not recorded with it.
        var returned = await county.PostJsonAsync($"/api/v1/applications/{id}/decisions",
            new JsonObject { ["decision"] = "return", ["reason"] = "补充材料", ["revision"] = 0, ["override"] = "不适用" });
        returned.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, returned.Text);
        returned.Json!["code"]!.GetValue<string>().ShouldBe("application.override-not-applicable");
        (await StateAsync(id)).ShouldBe(before);

        const string why = "主导产品经现场核实属细分领域龙头";
        var approved = await county.PostJsonAsync($"/api/v1/applications/{id}/decisions",
            new JsonObject { ["decision"] = "approve", ["reason"] = "同意", ["revision"] = 0, ["override"] = $"  {why} " });
        approved.Status.ShouldBe(HttpStatusCode.OK, approved.Text);
        approved.Json!["state"]!.GetValue<string>().ShouldBe("CountyApproved");
        // The override is a field of the step of its own, beside (not inside) the step's reason; the submission has none.
        var steps = approved.Json["decisions"]!.AsArray();
        steps.Select(d => d!["overrideReason"]?.GetValue<string>()).ShouldBe([null, why]);
        steps.Last()!["reason"]!.GetValue<string>().ShouldBe("同意");
        // The audit entry of the step carries it too.
        var audited = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Entity == "ApplicationDecision" && a.EntityKey == $"round:{round}:county:approve")
            .Select(a => a.After!).ToListAsync());
        audited.Count(a => JsonNode.Parse(a)!["OverrideReason"]?.GetValue<string>() == why).ShouldBe(1);
        // The page shows it in the chain.
        WebUtility.HtmlDecode(await county.GetStringAsync(Http.Url($"/applications/{id}"), TestContext.Current.CancellationToken)).ShouldContain($"越过预评价的理由：{why}");

        using var city = await Sessions.LoginAsync(app, "hz-city");
        var recommended = await DecideAsync(city, id, "recommend", 1);
        recommended.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, recommended.Text); // each level decides on its own
        (await RecommendedAsync(round, "330100")).ShouldBe(0);
    }

    [Fact]
    public async Task A_returned_application_needs_a_reason_and_goes_back_to_the_county_when_resubmitted()
    {
        var round = await OpenRoundAsync(("330100", 1));
        using var enterprise = await Sessions.LoginAsync(app, (await Applicants.NewAsync(app, Today)).UserName);
        var id = (await enterprise.PostJsonAsync("/api/v1/applications", new JsonObject { ["roundId"] = round, ["declaredTrue"] = true })).Json!["id"]!.GetValue<long>();
        using var county = await Sessions.LoginAsync(app, "sc-county");

        var noReason = await DecideAsync(county, id, "return", 0, "  ");
        noReason.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, noReason.Text);
        noReason.Text.ShouldContain("理由");
        var returned = await DecideAsync(county, id, "return", 0, "研发费用口径需补充说明");
        returned.Status.ShouldBe(HttpStatusCode.OK, returned.Text);
        returned.Json!["state"]!.GetValue<string>().ShouldBe("Returned");

        // The county cannot approve a returned application; the enterprise resubmits first, on the revision it saw.
        (await DecideAsync(county, id, "approve", 1)).Status.ShouldBe(HttpStatusCode.Conflict);
        var stale = await enterprise.PostJsonAsync($"/api/v1/applications/{id}/resubmit", new JsonObject { ["revision"] = 0, ["declaredTrue"] = true });
        stale.Status.ShouldBe(HttpStatusCode.Conflict, stale.Text);
        var undeclared = await enterprise.PostJsonAsync($"/api/v1/applications/{id}/resubmit", new JsonObject { ["revision"] = 1, ["declaredTrue"] = false });
        undeclared.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, undeclared.Text);
        var resubmitted = await enterprise.PostJsonAsync($"/api/v1/applications/{id}/resubmit", new JsonObject { ["revision"] = 1, ["declaredTrue"] = true });
        resubmitted.Status.ShouldBe(HttpStatusCode.OK, resubmitted.Text);
        resubmitted.Json!["state"]!.GetValue<string>().ShouldBe("Submitted");
        resubmitted.Json["revision"]!.GetValue<int>().ShouldBe(2);

        var approved = await DecideAsync(county, id, "approve", 2);
        approved.Status.ShouldBe(HttpStatusCode.OK, approved.Text);
        var decisions = approved.Json!["decisions"]!.AsArray();
        decisions.Select(d => $"{d!["decision"]}:{d["to"]}").ShouldBe(["submit:Submitted", "return:Returned", "resubmit:Submitted", "approve:CountyApproved"]);
        decisions[1]!["reason"]!.GetValue<string>().ShouldBe("研发费用口径需补充说明");
    }

    [Fact]
    public async Task A_city_recommends_up_to_its_quota_and_the_one_over_it_is_refused_with_nothing_changed()
    {
        var round = await OpenRoundAsync(("330100", 1));
        var first = await CountyApprovedAsync(round);
        // A second Hangzhou application (拱墅区), put in place as the county would have left it.
        var second = await SeededApplications.SeedAsync(app, round, KnownEnterprises.Gongshu.CreditCode, ApplicationState.CountyApproved, Today);
        using var city = await Sessions.LoginAsync(app, "hz-city");

        var inQuota = await DecideAsync(city, first, "recommend", 1);
        inQuota.Status.ShouldBe(HttpStatusCode.OK, inQuota.Text); // 0 of 1 used: allowed
        var over = await DecideAsync(city, second, "recommend", 0);
        over.Status.ShouldBe(HttpStatusCode.Conflict, over.Text); // 1 of 1 used: refused
        over.Json!["title"]!.GetValue<string>().ShouldContain("超出推荐名额");
        over.Json["title"]!.GetValue<string>().ShouldContain("杭州市");
        over.Json["detail"]!.GetValue<string>().ShouldContain("over quota");

        var (_, after, _) = await city.GetJsonAsync($"/api/v1/applications/{second}");
        after!["state"]!.GetValue<string>().ShouldBe("CountyApproved");
        after["revision"]!.GetValue<int>().ShouldBe(0);
        after["decisions"]!.AsArray().Count.ShouldBe(0);
        (await RecommendedAsync(round, "330100")).ShouldBe(1);
    }

    [Fact]
    public async Task Another_countys_officer_cannot_see_or_decide_and_nothing_changes()
    {
        var round = await OpenRoundAsync(("330100", 1));
        using var enterprise = await Sessions.LoginAsync(app, (await Applicants.NewAsync(app, Today)).UserName);
        var id = (await enterprise.PostJsonAsync("/api/v1/applications", new JsonObject { ["roundId"] = round, ["declaredTrue"] = true })).Json!["id"]!.GetValue<long>();
        var before = await StateAsync(id);
        using var other = await Sessions.LoginAsync(app, "gs-county");

        var decided = await DecideAsync(other, id, "approve", 0);
        decided.Status.ShouldBe(HttpStatusCode.NotFound, decided.Text);
        (await other.GetJsonAsync($"/api/v1/applications/{id}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetJsonAsync($"/api/v1/applications?round={round}")).Json!.AsArray().Count.ShouldBe(0);
        // Nor may the enterprise decide on its own application.
        (await DecideAsync(enterprise, id, "approve", 0)).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await StateAsync(id)).ShouldBe(before);

        // The county it belongs to sees it (the scope does not hide everything).
        using var own = await Sessions.LoginAsync(app, "sc-county");
        (await own.GetJsonAsync($"/api/v1/applications?round={round}")).Json!.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task Two_decisions_on_the_same_revision_one_wins_the_other_gets_a_conflict_and_nothing_is_lost()
    {
        var round = await OpenRoundAsync(("330100", 1));
        using var enterprise = await Sessions.LoginAsync(app, (await Applicants.NewAsync(app, Today)).UserName);
        var id = (await enterprise.PostJsonAsync("/api/v1/applications", new JsonObject { ["roundId"] = round, ["declaredTrue"] = true })).Json!["id"]!.GetValue<long>();
        using var a = await Sessions.LoginAsync(app, "sc-county");
        using var b = await Sessions.LoginAsync(app, "sc-county");

        var results = await Task.WhenAll(DecideAsync(a, id, "approve", 0), DecideAsync(b, id, "reject", 0, "材料不全"));

        results.Select(r => (int)r.Status).Order().ToArray().ShouldBe(new[] { 200, 409 }, customMessage: string.Join(" | ", results.Select(r => r.Text)));
        var winner = results.Single(r => r.Status == HttpStatusCode.OK).Json!;
        var loser = results.Single(r => r.Status == HttpStatusCode.Conflict);
        loser.Json!["title"]!.GetValue<string>().ShouldContain("请刷新后重试");
        var (_, back, _) = await a.GetJsonAsync($"/api/v1/applications/{id}");
        back!["state"]!.GetValue<string>().ShouldBe(winner["state"]!.GetValue<string>());
        back["revision"]!.GetValue<int>().ShouldBe(1);
        back["decisions"]!.AsArray().Select(d => d!["decision"]!.GetValue<string>()).ShouldBe(["submit", winner["state"]!.GetValue<string>() == "Rejected" ? "reject" : "approve"]);

        // A decision taken later on the stale revision is refused the same way, and says which revision is current.
        var late = await DecideAsync(a, id, "approve", 0);
        late.Status.ShouldBe(HttpStatusCode.Conflict, late.Text);
        late.Json!["detail"]!.GetValue<string>().ShouldContain("revision 1");
    }

    [Fact]
    public async Task Applying_is_accepted_until_the_end_of_the_closing_day_in_China_time_and_refused_after()
    {
        // The round closes today; the clock is faked at the last second of today and the first second after it (UTC+8).
        var round = await OpenRoundAsync(Today.AddDays(-10), Today, ("330100", 1));
        var yesterdaysRound = await OpenRoundAsync(Today.AddDays(-10), Today.AddDays(-1), ("330100", 1));
        var lastSecond = new DateTimeOffset(Today.ToDateTime(new TimeOnly(23, 59, 59)), TimeSpan.FromHours(8));
        var firstSecondOfToday = new DateTimeOffset(Today.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));

        var refused = await ApplyAtAsync(firstSecondOfToday, yesterdaysRound);
        refused.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, refused.Text);
        refused.Json!["title"]!.GetValue<string>().ShouldContain("申报已截止");
        refused.Json["detail"]!.GetValue<string>().ShouldContain($"closed on {Today.AddDays(-1):yyyy-MM-dd}");
        (await app.WithDbAsync(db => db.Applications.CountAsync(x => x.RoundId == yesterdaysRound))).ShouldBe(0);

        var accepted = await ApplyAtAsync(lastSecond, round);
        accepted.Status.ShouldBe(HttpStatusCode.Created, accepted.Text);
    }

    [Fact]
    public async Task Only_a_province_officer_opens_a_round_and_its_rule_version_and_cities_are_checked()
    {
        using var city = await Sessions.LoginAsync(app, "hz-city");
        (await city.PostJsonAsync("/api/v1/rounds", RoundBody(Today, Today.AddDays(1), RuleVersionToday(), ("330100", 1)))).Status.ShouldBe(HttpStatusCode.Forbidden);
        using var province = await Sessions.LoginAsync(app, "zj-province");
        var badVersion = await province.PostJsonAsync("/api/v1/rounds", RoundBody(Today, Today.AddDays(1), Tier + "@1999", ("330100", 1)));
        badVersion.Status.ShouldBe(HttpStatusCode.BadRequest, badVersion.Text);
        badVersion.Text.ShouldContain("ruleSetVersion");
        var otherProvince = await province.PostJsonAsync("/api/v1/rounds", RoundBody(Today, Today.AddDays(1), RuleVersionToday(), ("420100", 1)));
        otherProvince.Status.ShouldBe(HttpStatusCode.BadRequest, otherProvince.Text);
        otherProvince.Text.ShouldContain("420100");
    }

    private async Task<(HttpStatusCode Status, JsonNode? Json, string Text)> ApplyAtAsync(DateTimeOffset now, long round)
    {
        var clock = new FakeTimeProvider(now.ToUniversalTime()); // a UTC clock, as the system clock is
        await using var host = app.App.WithClock(clock);
        using var client = await Sessions.LoginAsync(host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = TiduAppFixture.BaseAddress }), "enterprise");
        return await client.PostJsonAsync("/api/v1/applications", new JsonObject { ["roundId"] = round, ["declaredTrue"] = true });
    }

    private async Task<long> CountyApprovedAsync(long round)
    {
        using var enterprise = await Sessions.LoginAsync(app, (await Applicants.NewAsync(app, Today)).UserName);
        var id = (await enterprise.PostJsonAsync("/api/v1/applications", new JsonObject { ["roundId"] = round, ["declaredTrue"] = true })).Json!["id"]!.GetValue<long>();
        using var county = await Sessions.LoginAsync(app, "sc-county");
        var approved = await DecideAsync(county, id, "approve", 0);
        approved.Status.ShouldBe(HttpStatusCode.OK, approved.Text);
        return id;
    }

    private Task<string> StateAsync(long id) =>
        app.WithDbAsync(async db =>
        {
            var a = await db.Applications.AsNoTracking().SingleAsync(x => x.Id == id);
            var decisions = await db.ApplicationDecisions.CountAsync(d => d.ApplicationId == id);
            var audits = await db.AuditEntries.CountAsync(x => x.Entity == nameof(Application));
            return $"{a.State}|{a.Revision}|{a.UpdatedAt:O}|{decisions}|{audits}";
        });

    private Task<int> RecommendedAsync(long round, string city) =>
        app.WithDbAsync(db => db.RoundQuotas.Where(q => q.RoundId == round && q.CityCode == city).Select(q => q.Recommended).SingleAsync());

    private static Task<(HttpStatusCode Status, JsonNode? Json, string Text)> DecideAsync(HttpClient client, long id, string decision, int revision, string? reason = null) =>
        client.PostJsonAsync($"/api/v1/applications/{id}/decisions", new JsonObject { ["decision"] = decision, ["reason"] = reason, ["revision"] = revision });

    private Task<long> OpenRoundAsync(params (string City, int Quota)[] quotas) => OpenRoundAsync(Today.AddDays(-30), Today.AddDays(30), quotas);

    private async Task<long> OpenRoundAsync(DateOnly opens, DateOnly closes, params (string City, int Quota)[] quotas)
    {
        using var province = await Sessions.LoginAsync(app, "zj-province");
        var (status, json, text) = await province.PostJsonAsync("/api/v1/rounds", RoundBody(opens, closes, RuleVersionToday(), quotas));
        status.ShouldBe(HttpStatusCode.Created, text);
        return json!["id"]!.GetValue<long>();
    }

    private static JsonObject RoundBody(DateOnly opens, DateOnly closes, string version, params (string City, int Quota)[] quotas) => new()
    {
        ["tier"] = Tier,
        ["title"] = $"{opens.Year} 年浙江省专精特新中小企业认定（测试）",
        ["opensOn"] = opens.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["closesOn"] = closes.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["ruleSetVersion"] = version,
        ["quotas"] = new JsonArray([.. quotas.Select(q => (JsonNode)new JsonObject { ["cityCode"] = q.City, ["quota"] = q.Quota })]),
    };

    /// <summary>The specialized-SME version in force today for a Zhejiang enterprise, read from the shipped rule library.</summary>
    private string RuleVersionToday() => SeededApplications.RuleVersionOn(app, Today);
}

[Collection(SqliteApp.Name)]
public sealed class SqliteWorkflowTests(SqliteAppFixture app) : WorkflowTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresWorkflowTests(PostgresAppFixture app) : WorkflowTests(app);
