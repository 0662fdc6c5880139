using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Shouldly;
using Tidu.Data.Entities.Workflow;
using Tidu.Web.Tests.Infrastructure;
using Tidu.Web.Tests.Workflow;
using Xunit;

namespace Tidu.Web.Tests.Pages;

/// <summary>
/// A page and the endpoint that answer the same question give the same answer, because both call one use case: the
/// review queue (/Applications and GET /api/v1/applications?queue=true — the API had no queue before, and the page
/// filtered by itself) and the requests list (/Service/Requests and GET /api/v1/requests — the page took the newest 200
/// and the API 500). Each test reads rows only it made (its own round, its own enterprise), so other tests' data cannot
/// make the two differ.
/// </summary>
public abstract partial class PageApiAgreementTests(TiduAppFixture app)
{
    [GeneratedRegex("href=\"/Applications/(\\d+)\"")]
    private static partial Regex ApplicationLink();

    [GeneratedRegex("href=\"/Service/Requests/(\\d+)\"")]
    private static partial Regex RequestLink();

    private static List<long> Ids(Regex link, string html) => [.. link.Matches(html).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Order()];

    private static List<long> Ids(JsonNode? json) => [.. json!.AsArray().Select(a => a!["id"]!.GetValue<long>()).Order()];

    [Fact]
    public async Task The_review_queue_page_and_the_api_list_the_same_applications()
    {
        await using var flow = new ReviewFlow(app);
        var round = await flow.OpenRoundAsync();
        var submitted = await flow.SeedApplicationAsync(round, (await Applicants.NewAsync(app, flow.Today)).CreditCode, ApplicationState.Submitted);
        var approved = await flow.SeedApplicationAsync(round, (await Applicants.NewAsync(app, flow.Today)).CreditCode, ApplicationState.CountyApproved);
        using var county = await flow.LoginAsync("sc-county");

        // The county's queue: what waits for the county (Submitted), not what it has passed on.
        var page = await county.GetStringAsync(new Uri($"/Applications?round={round}", UriKind.Relative), TestContext.Current.CancellationToken);
        var (status, json, text) = await county.GetJsonAsync($"/api/v1/applications?round={round}&queue=true");
        status.ShouldBe(HttpStatusCode.OK, text);
        Ids(ApplicationLink(), page).ShouldBe([submitted]);
        Ids(json).ShouldBe([submitted]);

        // Everything of the round in the county's region, in both.
        var all = await county.GetStringAsync(new Uri($"/Applications?round={round}&all=true", UriKind.Relative), TestContext.Current.CancellationToken);
        var (_, everything, _) = await county.GetJsonAsync($"/api/v1/applications?round={round}");
        Ids(ApplicationLink(), all).ShouldBe(new[] { submitted, approved }.Order());
        Ids(everything).ShouldBe(Ids(ApplicationLink(), all));
    }

    [Fact]
    public async Task The_requests_page_and_the_api_list_the_same_requests_of_an_enterprise()
    {
        var applicant = await Applicants.NewAsync(app, TestClock.Today);
        using var enterprise = await Sessions.LoginAsync(app, applicant.UserName);
        var (_, categories, _) = await enterprise.GetJsonAsync("/api/v1/requests/categories");
        var category = categories!.AsArray()[0]!["id"]!.GetValue<string>();
        var raised = new List<long>();
        foreach (var title in new[] { "融资需求", "用地需求" })
        {
            var (status, json, text) = await enterprise.PostJsonAsync("/api/v1/requests", new JsonObject { ["category"] = category, ["title"] = title, ["description"] = "说明" });
            status.ShouldBe(HttpStatusCode.Created, text);
            raised.Add(json!["id"]!.GetValue<long>());
        }
        var page = await enterprise.GetStringAsync(new Uri("/Service/Requests", UriKind.Relative), TestContext.Current.CancellationToken);
        var (_, listed, _) = await enterprise.GetJsonAsync("/api/v1/requests");
        Ids(RequestLink(), page).ShouldBe(raised.Order());
        Ids(listed).ShouldBe(raised.Order());
    }
}

[Collection(SqliteApp.Name)]
public sealed class SqlitePageApiAgreementTests(SqliteAppFixture app) : PageApiAgreementTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresPageApiAgreementTests(PostgresAppFixture app) : PageApiAgreementTests(app);
