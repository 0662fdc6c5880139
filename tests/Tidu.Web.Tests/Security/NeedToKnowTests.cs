using System.Net;
using System.Text.Json.Nodes;
using Shouldly;
using Tidu.Web.Tests.Infrastructure;
using Tidu.Web.Tests.Workflow;
using Xunit;

namespace Tidu.Web.Tests.Security;

/// <summary>
/// Need to know inside a region (the access matrix): the applicant and the county read the outcome and the expert
/// group's conclusion, never who scored what — not in the API, not on the application page, not in the file's
/// history; visit notes are for officers and commissioners; experts reach their assignments, not the service pages or
/// the enterprise files.
/// </summary>
public abstract class NeedToKnowTests(TiduAppFixture app)
{
    [Fact]
    public async Task The_applicant_and_the_county_read_the_conclusion_but_never_who_scored_what()
    {
        await using var flow = new ReviewFlow(app);
        var round = await flow.OpenRoundAsync();
        await flow.SetExpertReviewAsync(round, experts: 1, passMark: 60);
        var id = await flow.CityRecommendedAsync(round);
        var expert = await flow.NewExpertAsync();
        var comment = "评审意见-" + Guid.NewGuid().ToString("N")[..8];
        using var province = await flow.LoginAsync("zj-province");
        (await province.PostJsonAsync($"/api/v1/applications/{id}/experts", new JsonObject { ["expert"] = expert })).Status.ShouldBe(HttpStatusCode.OK);
        using var reviewer = await flow.LoginAsync(expert);
        (await reviewer.PostJsonAsync($"/api/v1/applications/{id}/expert-review/declaration", new JsonObject { ["hasConflict"] = false })).Status.ShouldBe(HttpStatusCode.OK);
        var scores = new JsonObject { ["specialization"] = 20, ["refinement"] = 19, ["distinctiveness"] = 18, ["innovation"] = 17 };
        var scored = await reviewer.PostJsonAsync($"/api/v1/applications/{id}/expert-review/scores", new JsonObject { ["scores"] = scores, ["comment"] = comment });
        scored.Status.ShouldBe(HttpStatusCode.OK, scored.Text);
        var revision = (await province.GetJsonAsync($"/api/v1/applications/{id}")).Json!["revision"]!.GetValue<int>();
        (await province.PostJsonAsync($"/api/v1/applications/{id}/expert-review/conclude", new JsonObject { ["revision"] = revision })).Status.ShouldBe(HttpStatusCode.OK);
        var applicant = await flow.ApplicantAsync();
        var creditCode = applicant.CreditCode;

        // Control: the province, which organises the review, reads who scored what; the expert reads their own steps.
        var provinceView = (await province.GetJsonAsync($"/api/v1/applications/{id}")).Text;
        provinceView.ShouldContain(expert);
        provinceView.ShouldContain(comment);
        (await reviewer.GetJsonAsync($"/api/v1/applications/{id}")).Text.ShouldContain(comment);

        using var enterprise = await flow.LoginAsync(applicant.UserName);
        using var county = await flow.LoginAsync("sc-county");
        foreach (var (who, client) in new[] { ("enterprise", enterprise), ("sc-county", county) })
        {
            var (status, json, text) = await client.GetJsonAsync($"/api/v1/applications/{id}");
            status.ShouldBe(HttpStatusCode.OK, who);
            var decisions = json!["decisions"]!.AsArray();
            decisions.Select(d => d!["decision"]!.GetValue<string>()).ShouldContain("expert-review", who); // the group's conclusion
            decisions.Select(d => d!["level"]!.GetValue<string>()).ShouldNotContain("expert", who);
            text.ShouldNotContain(expert, Case.Sensitive, who);
            text.ShouldNotContain(comment, Case.Sensitive, who);
            var page = await client.GetPageAsync($"/Applications/{id}");
            page.ShouldContain("专家评审：1 位专家平均分");
            page.ShouldNotContain(expert, Case.Sensitive, who);
            page.ShouldNotContain(comment, Case.Sensitive, who);
            var file = await client.GetPageAsync($"/Enterprises/{creditCode}");
            file.ShouldNotContain(expert, Case.Sensitive, who);
            file.ShouldNotContain(comment, Case.Sensitive, who);
            (await client.GetJsonAsync($"/api/v1/applications/{id}/expert-review")).Status.ShouldBe(HttpStatusCode.Forbidden, who);
        }
        var history = await county.GetJsonAsync($"/api/v1/enterprises/{creditCode}/audit?take=1000");
        history.Status.ShouldBe(HttpStatusCode.OK);
        history.Text.ShouldNotContain(expert);
        history.Text.ShouldNotContain(comment);
        (await province.GetJsonAsync($"/api/v1/enterprises/{creditCode}/audit?take=1000")).Text.ShouldContain(comment);
    }

    [Fact]
    public async Task Visit_notes_are_read_by_officers_and_commissioners_only()
    {
        var creditCode = await app.EnterpriseUserCreditCodeAsync();
        var notes = "走访记录-" + Guid.NewGuid().ToString("N")[..8];
        using var commissioner = await Sessions.LoginAsync(app, "sc-commissioner");
        var logged = await commissioner.PostJsonAsync("/api/v1/visits", new JsonObject
        {
            ["creditCode"] = creditCode,
            ["visitedOn"] = TestClock.Today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["notes"] = notes,
        });
        logged.Status.ShouldBe(HttpStatusCode.Created, logged.Text);

        (await commissioner.GetJsonAsync($"/api/v1/visits?creditCode={creditCode}")).Text.ShouldContain(notes);
        using var county = await Sessions.LoginAsync(app, "sc-county");
        (await county.GetJsonAsync($"/api/v1/visits?creditCode={creditCode}")).Text.ShouldContain(notes);

        foreach (var user in new[] { "enterprise", "expert" })
        {
            using var client = await Sessions.LoginAsync(app, user);
            var (status, _, text) = await client.GetJsonAsync($"/api/v1/visits?creditCode={creditCode}");
            status.ShouldBe(HttpStatusCode.Forbidden, user);
            text.ShouldNotContain(notes);
            await ShouldBeDeniedPageAsync(client, "/Service/Visits", notes);
        }
    }

    [Fact]
    public async Task An_expert_opens_no_service_request_visit_or_enterprise_page()
    {
        var creditCode = await app.EnterpriseUserCreditCodeAsync();
        using var expert = await Sessions.LoginAsync(app, "expert");
        foreach (var url in new[] { "/Service/Requests", "/Service/Requests/1", "/Service/Visits", "/Service/Commissioners", "/Enterprises", $"/Enterprises/{creditCode}" })
        {
            await ShouldBeDeniedPageAsync(expert, url, creditCode);
        }
        foreach (var url in new[] { "/api/v1/requests", "/api/v1/requests/1", "/api/v1/visits", "/api/v1/commissioners", $"/api/v1/enterprises/{creditCode}/commissioner" })
        {
            (await expert.GetJsonAsync(url)).Status.ShouldBe(HttpStatusCode.Forbidden, url);
        }
        (await expert.GetPageAsync("/Applications")).ShouldNotContain(creditCode);
    }

    private static async Task ShouldBeDeniedPageAsync(HttpClient client, string url, string secret)
    {
        using var r = await client.GetAsync(Http.Url(url), TestContext.Current.CancellationToken);
        var body = await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        body.ShouldNotContain(secret, Case.Sensitive, url);
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect, url);
        r.Headers.Location!.OriginalString.ShouldContain("/Account/AccessDenied", Case.Sensitive, url);
    }
}

[Collection(SqliteApp.Name)]
public sealed class SqliteNeedToKnowTests(SqliteAppFixture app) : NeedToKnowTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresNeedToKnowTests(PostgresAppFixture app) : NeedToKnowTests(app);
