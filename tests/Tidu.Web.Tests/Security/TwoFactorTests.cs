using System.Net;
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
/// Two-factor sign-in with an authenticator (TOTP): enrolment, the code step (no session before it), the ±30 s window,
/// no replay, recovery codes, the policy that requires it for officers and administrators. Codes are computed in the
/// test from the secret on the enrolment page at the host's fake time.
/// </summary>
public abstract class TwoFactorTests(TiduAppFixture app) : ClockedHostTests(new DateTimeOffset(2026, 5, 6, 1, 2, 0, TimeSpan.Zero))
{
    protected override WebApplicationFactory<Program> CreateHost(FakeTimeProvider clock) => app.App.WithClock(clock);

    /// <summary>Signs in with the password (no second factor yet), opens the enrolment page and enables TOTP; returns the secret.</summary>
    private async Task<string> EnrolAsync(string user)
    {
        using var client = SignInSteps.Client(Host);
        (await SignInSteps.PasswordAsync(client, user)).ShouldBe("/");
        var secret = await SignInSteps.SharedKeyAsync(client);
        var (status, _, html) = await SignInSteps.PostAsync(client, "/Account/Enrol", [new("code", Totp.Code(secret, Clock.GetUtcNow()))]);
        status.ShouldBe(HttpStatusCode.OK);
        PageForms.HasTestId(html, "recovery-codes").ShouldBeTrue(html);
        Clock.Advance(TimeSpan.FromMinutes(2)); // past the code used here, which is spent
        return secret;
    }

    [Fact]
    public async Task With_a_second_factor_the_password_alone_opens_no_session_and_the_code_does()
    {
        var user = await TestAccounts.CreateAsync(app, "otp", Roles.CountyOfficer, "330102");
        var secret = await EnrolAsync(user);

        using var client = SignInSteps.Client(Host);
        (await SignInSteps.PasswordAsync(client, user)).ShouldBe("/Account/TwoFactor");
        (await SignInSteps.SignedInAsync(client)).ShouldBeFalse();
        (await client.GetJsonAsync("/api/v1/enterprises")).Status.ShouldBe(HttpStatusCode.Unauthorized);

        var wrong = await SignInSteps.PostAsync(client, "/Account/TwoFactor", [new("code", "000000" == Totp.Code(secret, Clock.GetUtcNow()) ? "111111" : "000000")]);
        wrong.Status.ShouldBe(HttpStatusCode.OK);
        wrong.Html.ShouldContain("动态口令错误");
        (await SignInSteps.SignedInAsync(client)).ShouldBeFalse();

        var right = await SignInSteps.PostAsync(client, "/Account/TwoFactor", [new("code", Totp.Code(secret, Clock.GetUtcNow()))]);
        right.Location.ShouldBe("/");
        (await SignInSteps.SignedInAsync(client)).ShouldBeTrue();
        (await client.GetJsonAsync("/api/v1/enterprises")).Status.ShouldBe(HttpStatusCode.OK);

        var events = await EventsAsync(user);
        events.ShouldContain(e => e.Action == SecurityEvents.TwoFactorEnabled);
        events.ShouldContain(e => e.Action == SecurityEvents.SignInFailed && e.After!.Contains("wrong authenticator code"));
        events.Last().Action.ShouldBe(SecurityEvents.SignIn);
        events.Last().After!.ShouldContain("\"factors\":\"pwd+otp\"");
    }

    [Fact]
    public async Task A_code_is_accepted_one_step_either_side_never_two_and_never_twice()
    {
        var user = await TestAccounts.CreateAsync(app, "window", Roles.CityOfficer, "330100");
        var secret = await EnrolAsync(user);

        async Task<string?> TryAsync(DateTimeOffset codeTime)
        {
            using var client = SignInSteps.Client(Host);
            await SignInSteps.PasswordAsync(client, user);
            return (await SignInSteps.PostAsync(client, "/Account/TwoFactor", [new("code", Totp.Code(secret, codeTime))])).Location;
        }

        var now = Clock.GetUtcNow();
        (await TryAsync(now.AddSeconds(-60))).ShouldBeNull(); // two steps old
        (await TryAsync(now.AddSeconds(60))).ShouldBeNull(); // two steps ahead
        (await TryAsync(now.AddSeconds(-30))).ShouldBe("/"); // the previous step
        (await TryAsync(now.AddSeconds(-30))).ShouldBeNull(); // the same code again: replay
        (await TryAsync(now)).ShouldBe("/"); // the current step, newer than the one used
        (await TryAsync(now)).ShouldBeNull();
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        var user = await TestAccounts.CreateAsync(app, "recovery", Roles.CountyOfficer, "330105");
        using var enrol = SignInSteps.Client(Host);
        await SignInSteps.PasswordAsync(enrol, user);
        var secret = await SignInSteps.SharedKeyAsync(enrol);
        var enabled = await SignInSteps.PostAsync(enrol, "/Account/Enrol", [new("code", Totp.Code(secret, Clock.GetUtcNow()))]);
        var code = System.Text.RegularExpressions.Regex.Match(enabled.Html, "<li><code>([^<]+)</code></li>").Groups[1].Value;
        code.ShouldNotBeNullOrEmpty();

        using var first = SignInSteps.Client(Host);
        await SignInSteps.PasswordAsync(first, user);
        (await SignInSteps.PostAsync(first, "/Account/TwoFactor", [new("code", code)], handler: "Recovery")).Location.ShouldBe("/");
        using var second = SignInSteps.Client(Host);
        await SignInSteps.PasswordAsync(second, user);
        var again = await SignInSteps.PostAsync(second, "/Account/TwoFactor", [new("code", code)], handler: "Recovery");
        again.Location.ShouldBeNull();
        again.Html.ShouldContain("恢复码无效或已使用");
    }

    [Fact]
    public async Task When_the_policy_requires_it_an_officer_without_an_authenticator_must_set_one_up_before_any_session()
    {
        var officer = await TestAccounts.CreateAsync(app, "forced", Roles.ProvinceOfficer, "330000");
        var enterprise = await TestAccounts.CreateAsync(app, "ent", Roles.Enterprise, "330102", creditCode: KnownEnterprises.Shangcheng.CreditCode);
        await using (await SignInSteps.PolicyAsync(app, p => p.RequireTwoFactor = true))
        {
            using var client = SignInSteps.Client(Host);
            (await SignInSteps.PasswordAsync(client, officer)).ShouldBe("/Account/Enrol");
            (await SignInSteps.SignedInAsync(client)).ShouldBeFalse();
            (await client.GetJsonAsync("/api/v1/enterprises")).Status.ShouldBe(HttpStatusCode.Unauthorized);
            var page = await client.GetPageAsync("/Account/Enrol");
            PageForms.HasTestId(page, "enrol-required").ShouldBeTrue();
            var secret = PageForms.TestIdText(page, "shared-key");
            var enabled = await SignInSteps.PostAsync(client, "/Account/Enrol", [new("code", Totp.Code(secret, Clock.GetUtcNow()))]);
            PageForms.HasTestId(enabled.Html, "recovery-codes").ShouldBeTrue();
            (await SignInSteps.SignedInAsync(client)).ShouldBeFalse(); // not before the codes were acknowledged
            var (status, _) = await client.PostFormAsync("/Account/Enrol?handler=Continue", enabled.Html, []);
            status.ShouldBe(HttpStatusCode.Redirect);
            (await SignInSteps.SignedInAsync(client)).ShouldBeTrue();

            // Enterprise users are not among the roles the policy covers.
            using var ent = SignInSteps.Client(Host);
            (await SignInSteps.PasswordAsync(ent, enterprise)).ShouldBe("/");
        }
    }

    [Fact]
    public async Task A_pending_sign_in_cannot_read_the_secret_of_an_account_that_has_one()
    {
        var user = await TestAccounts.CreateAsync(app, "nosteal", Roles.CountyOfficer, "330102");
        await EnrolAsync(user);
        using var client = SignInSteps.Client(Host);
        (await SignInSteps.PasswordAsync(client, user)).ShouldBe("/Account/TwoFactor");
        using var r = await client.GetAsync(Http.Url("/Account/Enrol"), TestContext.Current.CancellationToken);
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldNotContain("shared-key");
    }

    [Fact]
    public async Task The_policy_that_requires_a_second_factor_keeps_it_from_being_switched_off()
    {
        var user = await TestAccounts.CreateAsync(app, "keep", Roles.CountyOfficer, "330102");
        var secret = await EnrolAsync(user);
        await using (await SignInSteps.PolicyAsync(app, p => p.RequireTwoFactor = true))
        {
            using var client = SignInSteps.Client(Host);
            await SignInSteps.PasswordAsync(client, user);
            await SignInSteps.PostAsync(client, "/Account/TwoFactor", [new("code", Totp.Code(secret, Clock.GetUtcNow()))]);
            var refused = await SignInSteps.PostAsync(client, "/Account/Security", [], handler: "Disable");
            refused.Html.ShouldContain("不能停用");
            (await TestAccounts.WithUsersAsync(app, async users => (await users.FindByNameAsync(user))!.TwoFactorEnabled)).ShouldBeTrue();
            var attempt = (await EventsAsync(user)).Last();
            (attempt.Action, attempt.Actor).ShouldBe((SecurityEvents.TwoFactorDisabled, user));
            attempt.After!.ShouldContain("\"outcome\":\"failure\"");
            attempt.After!.ShouldContain("required by policy");
        }
    }

    [Fact]
    public async Task New_recovery_codes_switching_the_second_factor_off_and_signing_out_are_security_events_without_the_codes()
    {
        var user = await TestAccounts.CreateAsync(app, "offagain", Roles.CountyOfficer, "330102");
        var secret = await EnrolAsync(user);
        using var client = SignInSteps.Client(Host);
        await SignInSteps.PasswordAsync(client, user);
        await SignInSteps.PostAsync(client, "/Account/TwoFactor", [new("code", Totp.Code(secret, Clock.GetUtcNow()))]);
        var (_, _, codesPage) = await SignInSteps.PostAsync(client, "/Account/Security", [], handler: "RecoveryCodes");
        var list = codesPage[codesPage.IndexOf("data-testid=\"recovery-codes\"", StringComparison.Ordinal)..];
        var codes = System.Text.RegularExpressions.Regex.Matches(list[..list.IndexOf("</ul>", StringComparison.Ordinal)], "<code>([^<]+)</code>")
            .Select(m => m.Groups[1].Value).ToList();
        codes.ShouldNotBeEmpty();
        var (_, _, off) = await SignInSteps.PostAsync(client, "/Account/Security", [], handler: "Disable");
        off.ShouldContain("双因素认证已停用");
        (await client.PostFormAsync("/Account/Logout", await client.GetPageAsync("/Account/Security"), [])).Status.ShouldBe(HttpStatusCode.Redirect);

        var events = (await EventsAsync(user)).SkipWhile(e => e.Action != SecurityEvents.TwoFactorEnabled).ToList();
        events.Select(e => e.Action).ShouldBe([SecurityEvents.TwoFactorEnabled, SecurityEvents.SignIn,
            SecurityEvents.RecoveryCodesGenerated, SecurityEvents.TwoFactorDisabled, SecurityEvents.SignOut]);
        events.ShouldAllBe(e => e.Actor == user && e.After!.Contains("\"outcome\":\"success\"") && e.After!.Contains("\"address\":\"127.0.0.1\""));
        var now = AuditChain.Normalise(Clock.GetUtcNow()); // the host's clock did not move since the enrolment
        events.Skip(1).ShouldAllBe(e => e.At == now);
        foreach (var code in codes)
        {
            events.ShouldNotContain(e => e.After!.Contains(code));
        }
        (await TestAccounts.WithUsersAsync(app, async users => (await users.FindByNameAsync(user))!.TwoFactorEnabled)).ShouldBeFalse();
    }

    private Task<List<Data.Entities.AuditEntry>> EventsAsync(string user) =>
        app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Entity == SecurityEvents.Entity && a.EntityKey == user).OrderBy(a => a.Id).ToListAsync());
}

[Collection(SqliteApp.Name)]
public sealed class SqliteTwoFactorTests(SqliteAppFixture app) : TwoFactorTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresTwoFactorTests(PostgresAppFixture app) : TwoFactorTests(app);
