using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Tidu.Data.Auditing;
using Tidu.Data.Identity;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Security;

/// <summary>
/// Sessions end by the policy (idle timeout, absolute lifetime — the test app's policy: 240 minutes and 24 hours),
/// a disabled account loses its session and cannot sign in, and each sign-in shows the previous one's time and address.
/// </summary>
public abstract class SessionTests(TiduAppFixture app) : ClockedHostTests(new DateTimeOffset(2026, 7, 1, 2, 0, 0, TimeSpan.Zero))
{
    // The test server's connections come from loopback: a proxy on this machine, whose X-Forwarded-For is trusted.
    protected override WebApplicationFactory<Program> CreateHost(FakeTimeProvider clock) => app.App.WithClock(clock);

    private async Task<HttpClient> SignInAsync(string user, string password = TestAccounts.Password)
    {
        var client = SignInSteps.Client(Host);
        (await SignInSteps.PasswordAsync(client, user, password)).ShouldBe("/");
        return client;
    }

    [Fact]
    public async Task A_session_ends_after_the_idle_timeout_and_not_a_second_before()
    {
        var user = await TestAccounts.CreateAsync(app, "idle", Roles.CountyOfficer, "330102");
        using var client = await SignInAsync(user);
        Clock.Advance(TimeSpan.FromMinutes(239));
        (await SignInSteps.SignedInAsync(client)).ShouldBeTrue();
        Clock.Advance(TimeSpan.FromMinutes(240)); // exactly the timeout since the last request
        (await SignInSteps.SignedInAsync(client)).ShouldBeTrue();
        Clock.Advance(TimeSpan.FromMinutes(240) + TimeSpan.FromSeconds(1));
        (await SignInSteps.SignedInAsync(client)).ShouldBeFalse();
        (await client.GetJsonAsync("/api/v1/enterprises")).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await LastEventAsync(user)).ShouldSatisfyAllConditions(
            e => e.Action.ShouldBe(SecurityEvents.SessionEnded),
            e => e.After!.ShouldContain("idle timeout"));
    }

    [Fact]
    public async Task A_session_ends_after_its_absolute_lifetime_however_active()
    {
        var user = await TestAccounts.CreateAsync(app, "absolute", Roles.CountyOfficer, "330102");
        using var client = await SignInAsync(user);
        for (var i = 0; i < 7; i++)
        {
            Clock.Advance(TimeSpan.FromMinutes(200));
            (await SignInSteps.SignedInAsync(client)).ShouldBeTrue();
        }
        Clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromMinutes(1400)); // 24 hours since the sign-in
        (await SignInSteps.SignedInAsync(client)).ShouldBeTrue();
        Clock.Advance(TimeSpan.FromSeconds(1));
        (await SignInSteps.SignedInAsync(client)).ShouldBeFalse();
        (await LastEventAsync(user)).After!.ShouldContain("absolute lifetime");
    }

    [Fact]
    public async Task A_disabled_account_loses_its_session_and_cannot_sign_in_and_enabling_it_again_restores_the_sign_in()
    {
        var user = await TestAccounts.CreateAsync(app, "disable", Roles.CountyOfficer, "330102");
        using var client = await SignInAsync(user);
        using var admin = await SignInAsync("sysadmin", TiduAppFixture.DemoPassword);
        var id = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == user).Select(u => u.Id).SingleAsync());
        var page = await admin.GetPageAsync("/Admin/Users");
        (await admin.PostFormAsync("/Admin/Users?handler=Disable", page, [new("id", id)])).Html.ShouldContain("账户已停用");

        Clock.Advance(TimeSpan.FromMinutes(2)); // past the security-stamp check interval
        (await SignInSteps.SignedInAsync(client)).ShouldBeFalse();
        using var again = SignInSteps.Client(Host);
        var (status, html) = await Sessions.PostLoginAsync(again, user, TestAccounts.Password);
        status.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("用户名或密码错误");
        (await LastEventAsync(user)).After!.ShouldContain("disabled");

        page = await admin.GetPageAsync("/Admin/Users");
        await admin.PostFormAsync("/Admin/Users?handler=Enable", page, [new("id", id)]);
        (await SignInSteps.PasswordAsync(SignInSteps.Client(Host), user)).ShouldBe("/");
    }

    [Fact]
    public async Task After_sign_in_the_previous_sign_ins_time_and_address_are_shown()
    {
        var user = await TestAccounts.CreateAsync(app, "last", Roles.CountyOfficer, "330102");
        using (var first = SignInSteps.Client(Host))
        {
            first.DefaultRequestHeaders.Add("X-Forwarded-For", "10.1.2.3");
            await SignInSteps.PasswordAsync(first, user);
            PageForms.TestIdText(await first.GetPageAsync("/Account/Security"), "last-sign-in").ShouldBe("这是该账户的首次登录。");
        }
        var firstAt = Clock.GetUtcNow();
        Clock.Advance(TimeSpan.FromHours(3));
        using var second = SignInSteps.Client(Host);
        second.DefaultRequestHeaders.Add("X-Forwarded-For", "10.9.8.7");
        await SignInSteps.PasswordAsync(second, user);
        var expected = $"上次登录：{firstAt.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm}（北京时间），地址 10.1.2.3。";
        var home = await second.GetPageAsync("/");
        PageForms.TestIdText(home, "sign-in-notice").ShouldStartWith(expected);
        // Once: the next page does not repeat it; the security page keeps it.
        PageForms.HasTestId(await second.GetPageAsync("/"), "sign-in-notice").ShouldBeFalse();
        PageForms.TestIdText(await second.GetPageAsync("/Account/Security"), "last-sign-in").ShouldStartWith(expected);
        (await LastEventAsync(user)).After!.ShouldContain("\"address\":\"10.9.8.7\"");
    }

    [Fact]
    public async Task A_forwarded_address_from_a_client_that_is_not_the_trusted_proxy_is_ignored()
    {
        var user = await TestAccounts.CreateAsync(app, "spoof", Roles.CountyOfficer, "330102");
        using var client = SignInSteps.Client(app.App);
        // A client that is no known proxy (only loopback and the configured proxies are) claims to forward another.
        client.DefaultRequestHeaders.Add(TestEndpoints.RemoteAddressHeader, "198.51.100.7");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "10.6.6.6");
        await SignInSteps.PasswordAsync(client, user);
        var entry = await LastEventAsync(user);
        entry.Action.ShouldBe(SecurityEvents.SignIn);
        entry.After!.ShouldContain("\"address\":\"198.51.100.7\"");
    }

    private Task<Data.Entities.AuditEntry> LastEventAsync(string user) =>
        app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Entity == SecurityEvents.Entity && a.EntityKey == user).OrderByDescending(a => a.Id).FirstAsync());
}

[Collection(SqliteApp.Name)]
public sealed class SqliteSessionTests(SqliteAppFixture app) : SessionTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresSessionTests(PostgresAppFixture app) : SessionTests(app);
