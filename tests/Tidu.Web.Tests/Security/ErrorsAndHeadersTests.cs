using System.Net;
using System.Text;
using Shouldly;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Security;

/// <summary>API errors are ProblemDetails without internals; every response carries the security headers.</summary>
public abstract class ErrorsAndHeadersTests(TiduAppFixture app)
{
    [Fact]
    public async Task A_malformed_JSON_body_is_a_400_problem_without_a_stack_trace()
    {
        using var client = await Sessions.LoginAsync(app, "admin");
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
        using var client = await Sessions.LoginAsync(app, "admin");
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
        using var client = await Sessions.LoginAsync(app, "admin");
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
        using var client = await Sessions.LoginAsync(app, "admin");
        using var r = await client.GetAsync(Http.Url(url), TestContext.Current.CancellationToken);
        r.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        r.Headers.GetValues("X-Frame-Options").ShouldBe(["DENY"]);
        var csp = r.Headers.GetValues("Content-Security-Policy").ShouldHaveSingleItem();
        csp.ShouldContain("default-src 'self'");
        csp.ShouldContain("frame-ancestors 'none'");
        csp.ShouldNotContain("unsafe-inline");
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
