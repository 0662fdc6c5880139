using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Tidu.Data.Identity;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Security;

/// <summary>
/// Abuse limits: wrong passwords make one address wait for one user name (the owner elsewhere still signs in, and
/// the wait ends); every sign-in costs one password check, known name or not; the sign-in page and the API are rate
/// limited per address and per principal, through the TLS proxy's forwarded client address; cookies are Secure,
/// HttpOnly and SameSite=Strict; out-of-range parameters are a 400 with the security headers; the API description
/// needs a principal; the log holds no demo secret outside development.
/// </summary>
public abstract class AbuseLimitsTests(TiduAppFixture app)
{
    private const string Password = "Correct-horse-2026";

    [Fact]
    public async Task Wrong_passwords_make_one_address_wait_for_one_name_while_the_owner_signs_in_elsewhere_and_the_wait_ends()
    {
        var clock = new FakeTimeProvider(TestClock.Start);
        await using var host = app.App.WithClock(clock);
        var name = await NewUserAsync(host);
        using var attacker = TestEndpoints.ClientFrom(host, "198.51.100.20");
        for (var i = 0; i < 5; i++)
        {
            (await Sessions.PostLoginAsync(attacker, name, "wrong-" + i)).Status.ShouldBe(HttpStatusCode.OK);
        }
        var (locked, page) = await Sessions.PostLoginAsync(attacker, name, Password);
        locked.ShouldBe(HttpStatusCode.OK, "even the right password waits at this address");
        page.ShouldContain("登录失败次数过多");

        using var owner = TestEndpoints.ClientFrom(host, "203.0.113.20");
        (await Sessions.PostLoginAsync(owner, name, Password)).Status.ShouldBe(HttpStatusCode.Redirect, "the owner elsewhere is not locked out");

        clock.Advance(TimeSpan.FromMinutes(16));
        (await Sessions.PostLoginAsync(attacker, name, Password)).Status.ShouldBe(HttpStatusCode.Redirect, "the wait ended");

        // A name nobody has is counted the same way: the answers do not tell it from a real one.
        var nobody = "nobody-" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 5; i++)
        {
            (await Sessions.PostLoginAsync(attacker, nobody, "wrong-" + i)).Body.ShouldContain("用户名或密码错误");
        }
        (await Sessions.PostLoginAsync(attacker, nobody, Password)).Body.ShouldContain("登录失败次数过多");
    }

    [Fact]
    public async Task Every_sign_in_costs_one_password_check_whether_the_name_exists_or_not()
    {
        var counting = new CountingHasher();
        await using var host = app.App.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IPasswordHasher<TiduUser>>(counting)));
        var name = await NewUserAsync(host);
        using var client = TestEndpoints.ClientFrom(host, "198.51.100.21");

        foreach (var (user, password) in new[] { (name, "wrong"), ("nobody-" + Guid.NewGuid().ToString("N")[..8], "wrong"), (name, Password) })
        {
            var before = counting.Verifications;
            await Sessions.PostLoginAsync(client, user, password);
            (counting.Verifications - before).ShouldBe(1, user);
        }
    }

    [Fact]
    public async Task The_sign_in_page_and_the_API_are_limited_per_address_and_per_principal_with_a_chinese_429()
    {
        await using var host = Limited(("RateLimits:SignInPerAddress", "3"), ("RateLimits:ApiPerPrincipal", "4"), ("RateLimits:ApiPerAddress", "7"));
        using var guesser = TestEndpoints.ClientFrom(host, "198.51.100.30");
        for (var i = 0; i < 3; i++)
        {
            (await Sessions.PostLoginAsync(guesser, "nobody", "wrong")).Status.ShouldBe(HttpStatusCode.OK);
        }
        using (var refused = await PostLoginRawAsync(guesser))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
            refused.Headers.RetryAfter.ShouldNotBeNull();
            (await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("请求过于频繁");
        }

        // Per principal: one user's calls run out while another user from the same address still gets answers.
        using var first = await Sessions.LoginAsync(TestEndpoints.ClientFrom(host, "198.51.100.31"), "sc-county");
        using var second = await Sessions.LoginAsync(TestEndpoints.ClientFrom(host, "198.51.100.31"), "gs-county");
        for (var i = 0; i < 4; i++)
        {
            (await first.GetJsonAsync("/api/v1/regions")).Status.ShouldBe(HttpStatusCode.OK);
        }
        var (status, json, _) = await first.GetJsonAsync("/api/v1/regions");
        status.ShouldBe(HttpStatusCode.TooManyRequests);
        json!["title"]!.GetValue<string>().ShouldContain("请求过于频繁");
        (await second.GetJsonAsync("/api/v1/regions")).Status.ShouldBe(HttpStatusCode.OK);

        // Per address: anonymous callers behind one address share its seven calls.
        using var anonymous = TestEndpoints.ClientFrom(host, "198.51.100.33");
        for (var i = 0; i < 7; i++)
        {
            (await anonymous.GetJsonAsync("/api/v1/regions")).Status.ShouldBe(HttpStatusCode.Unauthorized);
        }
        (await anonymous.GetJsonAsync("/api/v1/regions")).Status.ShouldBe(HttpStatusCode.TooManyRequests);

        // Per key.
        var key = await ApiKeys.CreateAsync(app, "330102", "enterprises:read");
        using var bank = TestEndpoints.ClientFrom(host, "198.51.100.32");
        bank.DefaultRequestHeaders.Add("X-Api-Key", key);
        for (var i = 0; i < 4; i++)
        {
            (await bank.GetJsonAsync("/api/v1/regions")).Status.ShouldBe(HttpStatusCode.OK);
        }
        (await bank.GetJsonAsync("/api/v1/regions")).Status.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task A_known_proxy_forwards_the_client_address_and_scheme_and_anyone_else_forwards_nothing()
    {
        await using var host = Limited(("RateLimits:SignInPerAddress", "2"));
        // Through the proxy on this machine (loopback is a known proxy): each client has its own limit.
        const HttpStatusCode limited = HttpStatusCode.TooManyRequests;
        for (var i = 0; i < 2; i++)
        {
            (await Through(host, "127.0.0.1", "203.0.113.41")).ShouldNotBe(limited);
        }
        (await Through(host, "127.0.0.1", "203.0.113.41")).ShouldBe(limited);
        (await Through(host, "127.0.0.1", "203.0.113.42")).ShouldNotBe(limited);

        // A stranger's X-Forwarded-For is ignored: changing it does not give a new limit.
        (await Through(host, "198.51.100.43", "203.0.113.43")).ShouldNotBe(limited);
        (await Through(host, "198.51.100.43", "203.0.113.44")).ShouldNotBe(limited);
        (await Through(host, "198.51.100.43", "203.0.113.45")).ShouldBe(limited);

        // The scheme the client used reaches the app through the known proxy (the sign-in redirect is built from it).
        (await LoginRedirectAsync(host, "127.0.0.1")).ShouldStartWith("https://");
        (await LoginRedirectAsync(host, "198.51.100.46")).ShouldStartWith("http://");
    }

    [Fact]
    public async Task The_sign_in_cookie_is_secure_http_only_and_same_site_strict()
    {
        using var client = app.NewClient();
        using var page = await client.GetAsync(Http.Url("/Account/Login"), TestContext.Current.CancellationToken);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var token = PageForms.AntiforgeryToken(html);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = "sc-county",
            ["Input.Password"] = TiduAppFixture.DemoPassword,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        });
        using var answer = await client.PostAsync(Http.Url("/Account/Login"), form, TestContext.Current.CancellationToken);
        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var session = answer.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".Tidu.Session=", StringComparison.Ordinal)).ToUpperInvariant();
        session.ShouldContain("SECURE");
        session.ShouldContain("HTTPONLY");
        session.ShouldContain("SAMESITE=STRICT");
    }

    [Theory]
    [InlineData("/api/v1/enterprises?page=2147483647")]
    [InlineData("/api/v1/enterprises?page=0")]
    [InlineData("/api/v1/enterprises?pageSize=100000")]
    [InlineData("/api/v1/enterprises/export.xlsx?page=-1")]
    [InlineData("/api/v1/pools/movement?from=9999-12-01")]
    [InlineData("/api/v1/pools/movement?from=2026-05-01&to=2026-01-01")]
    public async Task Out_of_range_parameters_answer_400_in_chinese_with_the_security_headers(string url)
    {
        using var client = await Sessions.LoginAsync(app, "zj-province");
        using var r = await client.GetAsync(Http.Url(url), TestContext.Current.CancellationToken);
        var (status, json, text) = await Http.ReadAsync(r);
        status.ShouldBe(HttpStatusCode.BadRequest, text);
        json!["title"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        r.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        r.Headers.GetValues("Content-Security-Policy").ShouldHaveSingleItem().ShouldContain("default-src 'self'");
    }

    [Fact]
    public async Task The_api_description_needs_a_signed_in_principal_outside_development()
    {
        using var anonymous = app.NewClient();
        foreach (var url in new[] { "/openapi/v1.json", "/scalar/v1" })
        {
            // Not the API itself: an anonymous browser is sent to sign in.
            using var answer = await anonymous.GetAsync(Http.Url(url), TestContext.Current.CancellationToken);
            answer.StatusCode.ShouldBe(HttpStatusCode.Redirect, url);
            answer.Headers.Location!.OriginalString.ShouldContain("/Account/Login", Case.Sensitive, url);
        }

        using var officer = await Sessions.LoginAsync(app, "sc-county");
        var (status, _, text) = await officer.GetJsonAsync("/openapi/v1.json");
        status.ShouldBe(HttpStatusCode.OK);
        text.ShouldContain("/api/v1/enterprises");
    }

    [Fact]
    public void The_log_holds_no_demo_password_or_key_outside_development()
    {
        var lines = app.Logs.Lines;
        lines.ShouldContain(l => l.Contains("Demo database created", StringComparison.Ordinal));
        lines.ShouldNotContain(l => l.Contains(TiduAppFixture.DemoPassword, StringComparison.Ordinal));
        lines.ShouldNotContain(l => System.Text.RegularExpressions.Regex.IsMatch(l, "tidu_[0-9a-f]{8}_[0-9a-f]{48}"));
    }

    private WebApplicationFactory<Program> Limited(params (string Key, string Value)[] settings) =>
        app.App.WithWebHostBuilder(b =>
        {
            b.UseSetting("RateLimits:WindowSeconds", "3600"); // one window for the whole test: no reset in between
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }
        });

    private static async Task<HttpResponseMessage> PostLoginRawAsync(HttpClient client)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.UserName"] = "nobody", ["Input.Password"] = "wrong" });
        return await client.PostAsync(Http.Url("/Account/Login"), form, TestContext.Current.CancellationToken);
    }

    /// <summary>A sign-in post arriving from <paramref name="remote"/> saying it forwards <paramref name="client"/>; the status.</summary>
    private static async Task<HttpStatusCode> Through(WebApplicationFactory<Program> host, string remote, string client)
    {
        using var c = TestEndpoints.ClientFrom(host, remote);
        c.DefaultRequestHeaders.Add("X-Forwarded-For", client);
        using var answer = await PostLoginRawAsync(c);
        return answer.StatusCode;
    }

    /// <summary>Where an anonymous page request over plain http, forwarded as https, is sent to sign in.</summary>
    private static async Task<string> LoginRedirectAsync(WebApplicationFactory<Program> host, string remote)
    {
        using var c = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://localhost") });
        c.DefaultRequestHeaders.Add(TestEndpoints.RemoteAddressHeader, remote);
        c.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        using var answer = await c.GetAsync(Http.Url("/Enterprises"), TestContext.Current.CancellationToken);
        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return answer.Headers.Location!.OriginalString;
    }

    private static async Task<string> NewUserAsync(WebApplicationFactory<Program> host)
    {
        using var scope = host.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<TiduUser>>();
        var name = "throttle-" + Guid.NewGuid().ToString("N")[..8];
        (await users.CreateAsync(new TiduUser { UserName = name, DisplayName = "限速测试", RegionCode = "330102" }, Password)).Succeeded.ShouldBeTrue();
        (await users.AddToRoleAsync((await users.FindByNameAsync(name))!, Roles.CountyOfficer)).Succeeded.ShouldBeTrue();
        return name;
    }

    /// <summary>The real hasher, counting the password checks.</summary>
    private sealed class CountingHasher : IPasswordHasher<TiduUser>
    {
        private readonly PasswordHasher<TiduUser> _inner = new();
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(TiduUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(TiduUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}

[Collection(SqliteApp.Name)]
public sealed class SqliteAbuseLimitsTests(SqliteAppFixture app) : AbuseLimitsTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresAbuseLimitsTests(PostgresAppFixture app) : AbuseLimitsTests(app);
