using System.Net;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Tidu.Data.Identity;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Security;

/// <summary>API errors are ProblemDetails without internals; every response carries the security headers; five wrong passwords lock an account.</summary>
public abstract class ErrorsAndHeadersTests(TiduAppFixture app)
{
    [Fact]
    public async Task A_malformed_JSON_body_is_a_400_problem_without_a_stack_trace()
    {
        using var client = await Sessions.LoginAsync(app, "zj-province");
        var code = KnownEnterprises.Shangcheng.CreditCode;
        using var body = new StringContent("{\"creditCode\": \"" + code + "\", \"name\": ", Encoding.UTF8, "application/json");
        using var r = await client.PutAsync(Http.Url($"/api/v1/enterprises/{code}"), body, TestContext.Current.CancellationToken);
        var (status, json, text) = await Http.ReadAsync(r);
        status.ShouldBe(HttpStatusCode.BadRequest, text);
        r.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        json!["status"]!.GetValue<int>().ShouldBe(400);
        ShouldNotLeak(text);
    }

    [Fact]
    public async Task An_unknown_credit_code_is_a_404_problem()
    {
        using var client = await Sessions.LoginAsync(app, "zj-province");
        var unknown = CreditCodes.For("330102", 99_999);
        var (status, json, text) = await client.GetJsonAsync($"/api/v1/enterprises/{unknown}");
        status.ShouldBe(HttpStatusCode.NotFound);
        json!["title"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        ShouldNotLeak(text);
        (await client.GetJsonAsync($"/api/v1/enterprises/{unknown}/evaluation")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_anonymous_API_call_is_a_401_problem_not_a_redirect()
    {
        using var client = app.NewClient();
        var (status, json, _) = await client.GetJsonAsync("/api/v1/enterprises");
        status.ShouldBe(HttpStatusCode.Unauthorized);
        json!["status"]!.GetValue<int>().ShouldBe(401);
    }

    [Fact]
    public async Task A_cookie_authenticated_write_without_the_antiforgery_header_is_refused()
    {
        using var client = await Sessions.LoginAsync(app, "zj-province");
        client.DefaultRequestHeaders.Remove(Sessions.CsrfHeader);
        var e = KnownEnterprises.Haishu;
        var before = await FileState.ReadAsync(app, e.CreditCode);
        var (status, _, text) = await client.PutJsonAsync($"/api/v1/enterprises/{e.CreditCode}", Profiles.Minimal(e.CreditCode, "伪造请求", e.RegionCode));
        status.ShouldBe(HttpStatusCode.BadRequest, text);
        (await FileState.ReadAsync(app, e.CreditCode)).ShouldBe(before);
    }

    [Theory]
    [InlineData("/api/v1/regions")]
    [InlineData("/api/v1/enterprises/91330102000000000X")]
    [InlineData("/Account/Login")]
    public async Task Responses_carry_the_security_headers(string url)
    {
        using var client = await Sessions.LoginAsync(app, "zj-province");
        using var r = await client.GetAsync(Http.Url(url), TestContext.Current.CancellationToken);
        r.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        r.Headers.GetValues("X-Frame-Options").ShouldBe(["DENY"]);
        var csp = r.Headers.GetValues("Content-Security-Policy").ShouldHaveSingleItem();
        csp.ShouldContain("default-src 'self'");
        csp.ShouldContain("frame-ancestors 'none'");
        csp.ShouldNotContain("unsafe-inline");
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        using var client = app.NewClient();
        var userName = "lockout-" + Guid.NewGuid().ToString("N")[..8];
        const string password = "Correct-horse-2026";
        await app.WithDbAsync(async db =>
        {
            using var scope = app.App.Services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<TiduUser>>();
            (await users.CreateAsync(new TiduUser { UserName = userName, DisplayName = "锁定测试", RegionCode = "330102" }, password)).Succeeded.ShouldBeTrue();
            await users.AddToRoleAsync((await users.FindByNameAsync(userName))!, Roles.CountyOfficer);
        });
        for (var i = 0; i < 5; i++)
        {
            var (wrong, _) = await Sessions.PostLoginAsync(client, userName, "wrong-password-" + i);
            wrong.ShouldBe(HttpStatusCode.OK); // the page again, with a message — not the redirect of a sign-in
        }
        var (right, _) = await Sessions.PostLoginAsync(client, userName, password);
        right.ShouldBe(HttpStatusCode.OK);
        (await client.GetJsonAsync("/api/v1/enterprises")).Status.ShouldBe(HttpStatusCode.Unauthorized);

        // Control: the same password signs in an account that is not locked (the fifth failure is what locked it).
        using var other = app.NewClient();
        var control = "control-" + Guid.NewGuid().ToString("N")[..8];
        await app.WithDbAsync(async _ =>
        {
            using var scope = app.App.Services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<TiduUser>>();
            (await users.CreateAsync(new TiduUser { UserName = control, DisplayName = "对照", RegionCode = "330102" }, password)).Succeeded.ShouldBeTrue();
        });
        for (var i = 0; i < 4; i++)
        {
            await Sessions.PostLoginAsync(other, control, "wrong-password-" + i);
        }
        (await Sessions.PostLoginAsync(other, control, password)).Status.ShouldBe(HttpStatusCode.Redirect);
    }

    private static void ShouldNotLeak(string body)
    {
        body.ShouldNotContain("   at ");
        body.ShouldNotContain("Exception");
        body.ShouldNotContain(".cs:line");
    }
}

[Collection(SqliteApp.Name)]
public sealed class SqliteErrorsAndHeadersTests(SqliteAppFixture app) : ErrorsAndHeadersTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresErrorsAndHeadersTests(PostgresAppFixture app) : ErrorsAndHeadersTests(app);
