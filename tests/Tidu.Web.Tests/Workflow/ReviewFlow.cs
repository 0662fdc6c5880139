using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Tidu.Application.Workflow;
using Tidu.Data.Entities.Workflow;
using Tidu.Data.Identity;
using Tidu.Data.Registry;
using Tidu.Rules;
using Tidu.Web.Tests.Infrastructure;

namespace Tidu.Web.Tests.Workflow;

using Application = Tidu.Data.Entities.Workflow.Application;

/// <summary>
/// One host of the app with a fake clock (starting now, so today's rounds are open) and a small material size limit,
/// and the steps that bring an application to the province stage: open a round, apply, county approval, city
/// recommendation. Experts are created per test, so no test depends on another's assignments.
/// </summary>
internal sealed class ReviewFlow : IAsyncDisposable
{
    public const string Tier = "specialized-sme";

    /// <summary>The material size limit of this host (bytes): small, so both sides of it are cheap to test.</summary>
    public const long MaxMaterialBytes = 4096;

    private readonly TiduAppFixture _app;
    private Applicant? _applicant;

    public ReviewFlow(TiduAppFixture app)
    {
        _app = app;
        // The tests' day, to the whole second: PostgreSQL keeps microseconds, so a time read back must not carry 100 ns ticks.
        Clock = new FakeTimeProvider(TestClock.Start);
        Host = app.App.WithClock(Clock, s => s.PostConfigure<MaterialOptions>(o => o.MaxBytes = MaxMaterialBytes));
    }

    public FakeTimeProvider Clock { get; }

    public WebApplicationFactory<Program> Host { get; }

    public DateOnly Today => ChinaCalendar.Today(Clock);

    public Task<HttpClient> LoginAsync(string user) =>
        Sessions.LoginAsync(Host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = TiduAppFixture.BaseAddress }), user);

    public async Task<long> OpenRoundAsync(int quota = 2)
    {
        using var province = await LoginAsync("zj-province");
        var (status, json, text) = await province.PostJsonAsync("/api/v1/rounds", new JsonObject
        {
            ["tier"] = Tier,
            ["title"] = "专家评审测试批次",
            ["opensOn"] = Iso(Today.AddDays(-30)),
            ["closesOn"] = Iso(Today.AddDays(30)),
            ["ruleSetVersion"] = RuleVersionToday(),
            ["quotas"] = new JsonArray(new JsonObject { ["cityCode"] = "330100", ["quota"] = quota }),
        });
        status.ShouldBe(HttpStatusCode.Created, text);
        return json!["id"]!.GetValue<long>();
    }

    /// <summary>Sets the round's expert review; a null sheet takes the configured one (4 items of 25 points).</summary>
    public async Task SetExpertReviewAsync(long round, int experts, decimal passMark)
    {
        using var province = await LoginAsync("zj-province");
        var (status, _, text) = await province.PutJsonAsync($"/api/v1/rounds/{round}/expert-review",
            new JsonObject { ["expertsPerApplication"] = experts, ["passMark"] = passMark });
        status.ShouldBe(HttpStatusCode.OK, text);
    }

    /// <summary>This flow's applying enterprise in 上城区 (created on first use), whose file meets the round's tier.</summary>
    public async Task<Applicant> ApplicantAsync() => _applicant ??= await Applicants.NewAsync(_app, Today);

    /// <summary>This flow's enterprise applies; the application's id.</summary>
    public async Task<long> ApplyAsync(long round)
    {
        using var enterprise = await LoginAsync((await ApplicantAsync()).UserName);
        var (status, json, text) = await enterprise.PostJsonAsync("/api/v1/applications", new JsonObject { ["roundId"] = round, ["declaredTrue"] = true });
        status.ShouldBe(HttpStatusCode.Created, text);
        return json!["id"]!.GetValue<long>();
    }

    /// <summary>This flow's enterprise's application, approved by 上城区 and recommended by 杭州市 (revision 2).</summary>
    public async Task<long> CityRecommendedAsync(long round)
    {
        var id = await ApplyAsync(round);
        using var county = await LoginAsync("sc-county");
        (await DecideAsync(county, id, "approve", 0)).Status.ShouldBe(HttpStatusCode.OK);
        using var city = await LoginAsync("hz-city");
        (await DecideAsync(city, id, "recommend", 1)).Status.ShouldBe(HttpStatusCode.OK);
        return id;
    }

    /// <summary>An application of another enterprise put in place in the given state (as the earlier levels would have left it).</summary>
    public Task<long> SeedApplicationAsync(long round, string creditCode, ApplicationState state, bool qualified = true) =>
        SeededApplications.SeedAsync(_app, round, creditCode, state, Today, qualified);

    /// <summary>A new expert account (password as the demo accounts'), optionally working for an organisation.</summary>
    public async Task<string> NewExpertAsync(string? organisationCreditCode = null)
    {
        using var scope = Host.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<TiduUser>>();
        var name = "expert-" + Guid.NewGuid().ToString("N")[..8];
        var user = new TiduUser { UserName = name, DisplayName = "测试专家 " + name, OrganisationCreditCode = organisationCreditCode };
        (await users.CreateAsync(user, TiduAppFixture.DemoPassword)).Succeeded.ShouldBeTrue();
        (await users.AddToRoleAsync(user, Roles.Expert)).Succeeded.ShouldBeTrue();
        return name;
    }

    public static Task<(HttpStatusCode Status, JsonNode? Json, string Text)> DecideAsync(HttpClient client, long id, string decision, int revision, string? reason = null) =>
        client.PostJsonAsync($"/api/v1/applications/{id}/decisions", new JsonObject { ["decision"] = decision, ["reason"] = reason, ["revision"] = revision });

    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public string RuleVersionToday() => SeededApplications.RuleVersionOn(_app, Today);

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
