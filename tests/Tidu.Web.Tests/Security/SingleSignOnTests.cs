using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;
using Shouldly;
using Tidu.Data.Auditing;
using Tidu.Data.Identity;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Security;

/// <summary>
/// Single sign-on through the office's identity provider (OpenID Connect), against a real provider started by the test
/// (OpenIddict, <see cref="TestIdentityProvider"/>): only an identity an administrator linked beforehand signs in, to its
/// local account with that account's role and second factor; unlinked identities, disabled and locked accounts, tokens
/// the provider never issued or issued for someone else, and replayed answers are refused — each a security event, each
/// with a Chinese sentence and no session.
/// </summary>
public abstract partial class SingleSignOnTests(TiduAppFixture app) : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 5, 6, 1, 2, 0, TimeSpan.Zero));
    private TestIdentityProvider? _idp;
    private WebApplicationFactory<Program>? _host;

    private TestIdentityProvider Idp => _idp!;
    private WebApplicationFactory<Program> Host => _host!;

    public async ValueTask InitializeAsync()
    {
        _idp = await TestIdentityProvider.StartAsync(_clock);
        _host = Configured();
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
        if (_idp is not null)
        {
            await _idp.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }

    /// <summary>The platform with single sign-on configured as an office would (plus <paramref name="settings"/>), its back channel to the test provider.</summary>
    private WebApplicationFactory<Program> Configured(params (string Key, string Value)[] settings) =>
        app.App.WithWebHostBuilder(b =>
        {
            b.UseSetting("Authentication:Oidc:Authority", TestIdentityProvider.Issuer);
            b.UseSetting("Authentication:Oidc:ClientId", TestIdentityProvider.ClientId);
            b.UseSetting("Authentication:Oidc:ClientSecret", TestIdentityProvider.ClientSecret);
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }
        }).WithClock(_clock, s => s.Configure<OpenIdConnectOptions>("oidc", o => o.BackchannelHttpHandler = Idp.Handler()));

    private HttpClient Browser(WebApplicationFactory<Program>? host = null) => TestBrowser.Open(_clock, host ?? Host, Idp);

    /// <summary>The sign-in page's single sign-on button, pressed: the answer is the redirect to the provider.</summary>
    private static async Task<Uri> PressButtonAsync(HttpClient browser)
    {
        var login = await browser.GetStringAsync(Http.Url("/Account/Login"), TestContext.Current.CancellationToken);
        login.ShouldContain("data-testid=\"external-oidc\"");
        login.ShouldContain("统一身份认证登录");
        var token = PageForms.AntiforgeryToken(login);
        using var form = new FormUrlEncodedContent([new("provider", "oidc"), new("__RequestVerificationToken", token)]);
        using var post = await browser.PostAsync(Http.Url("/Account/External"), form, TestContext.Current.CancellationToken);
        post.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = post.Headers.Location!;
        location.GetLeftPart(UriPartial.Path).ShouldBe(TestIdentityProvider.Issuer + "connect/authorize");
        return location;
    }

    /// <summary>At the provider: its answer, the form it makes the browser post back to the platform.</summary>
    private static async Task<List<KeyValuePair<string, string>>> AtProviderAsync(HttpClient browser, Uri authorize)
    {
        var html = await browser.GetStringAsync(authorize, TestContext.Current.CancellationToken);
        var (action, fields) = TestBrowser.Form(html);
        action.ShouldBe(TestIdentityProvider.RedirectUri, html);
        return fields;
    }

    /// <summary>Posts the provider's answer to the platform; follows its redirect to the callback page (or the sign-in page when refused).</summary>
    private static async Task<(string? Location, string Html)> BackAtPlatformAsync(HttpClient browser, List<KeyValuePair<string, string>> answer)
    {
        using var form = new FormUrlEncodedContent(answer);
        using var post = await browser.PostAsync(new Uri(TestIdentityProvider.RedirectUri), form, TestContext.Current.CancellationToken);
        post.StatusCode.ShouldBe(HttpStatusCode.Redirect, await post.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var next = post.Headers.Location!.OriginalString;
        if (!next.StartsWith("/Account/External", StringComparison.Ordinal))
        {
            return (next, "");
        }
        using var callback = await browser.GetAsync(Http.Url(next), TestContext.Current.CancellationToken);
        var html = await callback.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (callback.Headers.Location?.OriginalString, html);
    }

    private async Task<(string? Location, string Html)> SignInAsync(HttpClient browser, string subject)
    {
        Idp.Subject = subject;
        return await BackAtPlatformAsync(browser, await AtProviderAsync(browser, await PressButtonAsync(browser)));
    }

    private async Task<(string User, string Subject)> LinkedAsync(string prefix, string role = Roles.CountyOfficer, string region = "330102")
    {
        var user = await TestAccounts.CreateAsync(app, prefix, role, region);
        var subject = "gov-" + Guid.NewGuid().ToString("N")[..10];
        (await TestAccounts.WithUsersAsync(app, async users =>
            (await users.AddLoginAsync((await users.FindByNameAsync(user))!, new UserLoginInfo("oidc", subject, "统一身份认证"))).Succeeded)).ShouldBeTrue();
        return (user, subject);
    }

    private Task<List<Data.Entities.AuditEntry>> EventsAsync(string key) =>
        app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Entity == SecurityEvents.Entity && a.EntityKey == key).OrderBy(a => a.Id).ToListAsync());

    [Fact]
    public async Task The_button_is_offered_only_when_a_provider_is_configured()
    {
        using var plain = app.NewClient();
        var html = await plain.GetStringAsync(Http.Url("/Account/Login"), TestContext.Current.CancellationToken);
        html.ShouldNotContain("统一身份认证登录");
        // No other scheme poses as a provider either: the API-key-or-cookie policy scheme is not a way to sign in.
        html.ShouldNotContain("data-testid=\"external-");
        using (var page = await plain.GetAsync(Http.Url("/Account/Login"), TestContext.Current.CancellationToken))
        {
            page.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("form-action 'self';");
        }
        using var browser = Browser();
        using var configured = await browser.GetAsync(Http.Url("/Account/Login"), TestContext.Current.CancellationToken);
        var configuredHtml = await configured.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        configuredHtml.ShouldContain("统一身份认证登录");
        ExternalButton().Matches(configuredHtml).Select(m => m.Groups[1].Value).ShouldBe(["oidc"]);
        // The button's post is redirected to the provider: the page's form-action allows that origin and no other.
        configured.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("form-action 'self' https://idp.test;");
    }

    [Fact]
    public async Task A_linked_identity_signs_in_to_its_local_account_with_its_role_and_the_last_sign_in_notice()
    {
        var (user, subject) = await LinkedAsync("sso");
        using var browser = Browser();
        var (location, html) = await SignInAsync(browser, subject);
        location.ShouldBeNull(html);
        PageForms.HasTestId(html, "sso-signed-in").ShouldBeTrue(html);
        html.ShouldContain("http-equiv=\"refresh\" content=\"0;url=/\"");

        // The session is the local account's: its role and region (a county officer reads its own county's files).
        var home = await browser.GetStringAsync(Http.Url("/"), TestContext.Current.CancellationToken);
        home.ShouldContain("这是该账户的首次登录。");
        (await browser.GetAsync(Http.Url("/Account/Security"), TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await browser.GetJsonAsync("/api/v1/enterprises?region=330102")).Status.ShouldBe(HttpStatusCode.OK);
        (await browser.GetAsync(Http.Url("/Admin/Users"), TestContext.Current.CancellationToken)).Headers.Location!.OriginalString.ShouldContain("/Account/AccessDenied");

        var signIn = (await EventsAsync(user)).Last(e => e.Action == SecurityEvents.SignIn);
        signIn.Actor.ShouldBe(user);
        signIn.After!.ShouldContain("\"factors\":\"oidc\"");

        // A second sign-in shows the first one's time and address.
        _clock.Advance(TimeSpan.FromHours(1));
        using var again = Browser();
        (await SignInAsync(again, subject)).Html.ShouldContain("sso-signed-in");
        (await again.GetStringAsync(Http.Url("/"), TestContext.Current.CancellationToken)).ShouldContain("上次登录：2026-05-06 09:02（北京时间）");
    }

    [Fact]
    public async Task An_identity_nobody_linked_is_refused_in_Chinese_and_creates_nothing()
    {
        var subject = "stranger-" + Guid.NewGuid().ToString("N")[..8];
        var accounts = await app.WithDbAsync(db => db.Users.CountAsync());
        using var browser = Browser();
        var (location, html) = await SignInAsync(browser, subject);
        location.ShouldBeNull();
        PageForms.TestIdText(html, "sso-refused").ShouldBe("您的统一身份认证账户尚未关联本平台账户，请联系系统管理员办理关联后再登录。");
        (await SignInSteps.SignedInAsync(browser)).ShouldBeFalse();
        (await app.WithDbAsync(db => db.Users.CountAsync())).ShouldBe(accounts);
        var refusal = (await EventsAsync(subject)).ShouldHaveSingleItem();
        (refusal.Action, refusal.Actor).ShouldBe((SecurityEvents.SignInFailed, "anonymous"));
        refusal.After!.ShouldContain("identity not linked");
        refusal.After!.ShouldContain("\"outcome\":\"failure\"");
    }

    [Fact]
    public async Task A_disabled_or_locked_local_account_is_refused_whatever_the_provider_says()
    {
        var (disabled, disabledSubject) = await LinkedAsync("sso-off");
        var (locked, lockedSubject) = await LinkedAsync("sso-locked");
        await TestAccounts.WithUsersAsync(app, async users =>
        {
            var d = (await users.FindByNameAsync(disabled))!;
            d.DisabledAt = _clock.GetUtcNow();
            await users.UpdateAsync(d);
            var l = (await users.FindByNameAsync(locked))!;
            await users.SetLockoutEnabledAsync(l, true);
            return await users.SetLockoutEndDateAsync(l, new DateTimeOffset(2999, 1, 1, 0, 0, 0, TimeSpan.Zero));
        });
        foreach (var (user, subject, reason) in new[] { (disabled, disabledSubject, "disabled"), (locked, lockedSubject, "locked out") })
        {
            using var browser = Browser();
            var (_, html) = await SignInAsync(browser, subject);
            PageForms.TestIdText(html, "sso-refused").ShouldBe("该平台账户已停用或暂时锁定，无法登录。如有疑问请联系系统管理员。");
            (await SignInSteps.SignedInAsync(browser)).ShouldBeFalse();
            var refusal = (await EventsAsync(user)).Last();
            refusal.Action.ShouldBe(SecurityEvents.SignInFailed);
            refusal.After!.ShouldContain($"\"reason\":\"{reason}\"");
        }
    }

    public static TheoryData<string> Forgeries => ["another key", "unsigned", "wrong issuer", "wrong audience", "expired"];

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task A_token_the_provider_did_not_issue_for_this_platform_is_refused(string forgery)
    {
        var (user, subject) = await LinkedAsync("sso-forged");
        var now = _clock.GetUtcNow();
        using var stranger = RSA.Create(2048);
        Idp.Tamper = issued =>
        {
            var claims = TestIdentityProvider.ClaimsOf(issued);
            SecurityKey? key = Idp.SigningKey;
            switch (forgery)
            {
                case "another key": key = new RsaSecurityKey(stranger) { KeyId = Idp.SigningKey.KeyId }; break;
                case "unsigned": key = null; break;
                case "wrong issuer": claims["iss"] = "https://other-idp.test/"; break;
                case "wrong audience": claims["aud"] = "another-client"; break;
                case "expired":
                    claims["iat"] = now.AddHours(-2).ToUnixTimeSeconds();
                    claims["nbf"] = now.AddHours(-2).ToUnixTimeSeconds();
                    claims["exp"] = now.AddHours(-1).ToUnixTimeSeconds();
                    break;
            }
            return TestIdentityProvider.Token(claims, key);
        };
        using var browser = Browser();
        var (location, _) = await SignInAsync(browser, subject);
        location.ShouldBe("/Account/Login?sso=failed");
        (await SignInSteps.SignedInAsync(browser)).ShouldBeFalse();
        (await browser.GetStringAsync(Http.Url(location!), TestContext.Current.CancellationToken)).ShouldContain("统一身份认证登录未成功（认证结果无效或已过期），请重新登录。");
        (await EventsAsync(user)).ShouldNotContain(e => e.Action == SecurityEvents.SignIn);
        (await EventsAsync("oidc")).Last().After!.ShouldContain("provider answer refused");

        // The same browser, the provider honest again: the linked account signs in (the refusal was the token's).
        Idp.Tamper = null;
        (await SignInAsync(browser, subject)).Html.ShouldContain("sso-signed-in");
    }

    [Fact]
    public async Task A_replayed_answer_or_a_nonce_from_another_sign_in_is_refused()
    {
        var (user, subject) = await LinkedAsync("sso-replay");
        Idp.Subject = subject;

        // An answer used once cannot be used again: not by the same browser (its state and nonce are spent), not by another.
        using var victim = Browser();
        var answer = await AtProviderAsync(victim, await PressButtonAsync(victim));
        (await BackAtPlatformAsync(victim, answer)).Html.ShouldContain("sso-signed-in");
        using var attacker = Browser();
        (await BackAtPlatformAsync(attacker, answer)).Location.ShouldBe("/Account/Login?sso=failed");
        (await SignInSteps.SignedInAsync(attacker)).ShouldBeFalse();
        using var fresh = Browser();
        await PressButtonAsync(fresh); // a sign-in of its own in progress does not make another's answer its own
        (await BackAtPlatformAsync(fresh, answer)).Location.ShouldBe("/Account/Login?sso=failed");
        (await SignInSteps.SignedInAsync(fresh)).ShouldBeFalse();

        // An id_token carrying the nonce of an earlier sign-in, inside a fresh flow with a fresh state: refused.
        var earlierNonce = "";
        Idp.Tamper = issued =>
        {
            earlierNonce = TestIdentityProvider.ClaimsOf(issued)["nonce"].ToString()!;
            return issued.EncodedToken;
        };
        using var first = Browser();
        (await SignInAsync(first, subject)).Html.ShouldContain("sso-signed-in");
        Idp.Tamper = issued =>
        {
            var claims = TestIdentityProvider.ClaimsOf(issued);
            claims["nonce"] = earlierNonce;
            return TestIdentityProvider.Token(claims, Idp.SigningKey);
        };
        using var second = Browser();
        (await SignInAsync(second, subject)).Location.ShouldBe("/Account/Login?sso=failed");
        (await SignInSteps.SignedInAsync(second)).ShouldBeFalse();
        (await EventsAsync(user)).Count(e => e.Action == SecurityEvents.SignIn).ShouldBe(2);
    }

    [Fact]
    public async Task The_provider_is_the_first_factor_only_an_account_with_an_authenticator_still_enters_its_code()
    {
        var (user, subject) = await LinkedAsync("sso-otp");
        var secret = await TestAccounts.WithUsersAsync(app, async users =>
        {
            var u = (await users.FindByNameAsync(user))!;
            await users.ResetAuthenticatorKeyAsync(u);
            await users.SetTwoFactorEnabledAsync(u, true);
            return (await users.GetAuthenticatorKeyAsync(u))!;
        });
        using var browser = Browser();
        var (location, _) = await SignInAsync(browser, subject);
        location.ShouldBe("/Account/TwoFactor");
        (await SignInSteps.SignedInAsync(browser)).ShouldBeFalse();
        var done = await SignInSteps.PostAsync(browser, "/Account/TwoFactor", [new("code", Totp.Code(secret, _clock.GetUtcNow()))]);
        done.Location.ShouldBe("/");
        (await SignInSteps.SignedInAsync(browser)).ShouldBeTrue();
        (await EventsAsync(user)).Last().After!.ShouldContain("\"factors\":\"oidc+otp\"");
    }

    [Fact]
    public async Task When_the_policy_requires_a_second_factor_an_identity_without_one_must_enrol_before_any_session()
    {
        var (_, subject) = await LinkedAsync("sso-enrol");
        await using (await SignInSteps.PolicyAsync(app, p => p.RequireTwoFactor = true))
        {
            using var browser = Browser();
            (await SignInAsync(browser, subject)).Location.ShouldBe("/Account/Enrol");
            (await SignInSteps.SignedInAsync(browser)).ShouldBeFalse();
        }
    }

    [Fact]
    public async Task A_provider_configured_as_trusted_for_two_factors_counts_as_both_only_when_it_says_it_used_two()
    {
        var (user, subject) = await LinkedAsync("sso-mfa");
        await TestAccounts.WithUsersAsync(app, async users =>
        {
            var u = (await users.FindByNameAsync(user))!;
            await users.ResetAuthenticatorKeyAsync(u);
            return await users.SetTwoFactorEnabledAsync(u, true);
        });
        await using var trusting = Configured(("Authentication:Oidc:TrustedMfaMethods:0", "mfa"));
        Idp.Methods = ["pwd"];
        using (var browser = Browser(trusting))
        {
            (await SignInAsync(browser, subject)).Location.ShouldBe("/Account/TwoFactor");
        }
        Idp.Methods = ["pwd", "mfa"];
        using (var browser = Browser(trusting))
        {
            (await SignInAsync(browser, subject)).Html.ShouldContain("sso-signed-in");
            (await SignInSteps.SignedInAsync(browser)).ShouldBeTrue();
        }
        (await EventsAsync(user)).Last().After!.ShouldContain("\"factors\":\"oidc+mfa\"");
    }

    [Fact]
    public async Task The_system_administrator_links_and_unlinks_identities_of_non_administrators_only_and_each_change_is_an_event()
    {
        var user = await TestAccounts.CreateAsync(app, "sso-admin", Roles.CityOfficer, "330100");
        var (userId, adminId) = await app.WithDbAsync(async db => (
            await db.Users.Where(u => u.UserName == user).Select(u => u.Id).SingleAsync(),
            await db.Users.Where(u => u.UserName == "auditor").Select(u => u.Id).SingleAsync()));
        var subject = "gov-linked-" + Guid.NewGuid().ToString("N")[..8];
        using var sysadmin = SignInSteps.Client(Host);
        (await SignInSteps.PasswordAsync(sysadmin, "sysadmin", TiduAppFixture.DemoPassword)).ShouldBe("/");

        var linked = await SignInSteps.PostAsync(sysadmin, "/Admin/Users?edit=" + userId, [new("id", userId), new("externalKey", subject)], "Link");
        PageForms.TestIdText(linked.Html, "message").ShouldStartWith("已关联统一身份认证账户");
        using (var browser = Browser())
        {
            (await SignInAsync(browser, subject)).Html.ShouldContain("sso-signed-in");
        }

        // The same identity cannot be linked to a second account; an administrator's account is not linked at all.
        var other = await TestAccounts.CreateAsync(app, "sso-admin2", Roles.CityOfficer, "330100");
        var otherId = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == other).Select(u => u.Id).SingleAsync());
        var twice = await SignInSteps.PostAsync(sysadmin, "/Admin/Users?edit=" + otherId, [new("id", otherId), new("externalKey", subject)], "Link");
        PageForms.TestIdText(twice.Html, "message").ShouldBe("该统一身份认证账户已关联其他平台账户。");
        var admin = await SignInSteps.PostAsync(sysadmin, "/Admin/Users", [new("id", adminId), new("externalKey", "gov-auditor")], "Link");
        PageForms.TestIdText(admin.Html, "message").ShouldBe("管理员账户不能由系统管理员停用、重置或修改。");

        var unlinked = await SignInSteps.PostAsync(sysadmin, "/Admin/Users?edit=" + userId, [new("id", userId), new("externalKey", subject)], "Unlink");
        PageForms.TestIdText(unlinked.Html, "message").ShouldBe("已解除统一身份认证关联。");
        using (var browser = Browser())
        {
            PageForms.TestIdText((await SignInAsync(browser, subject)).Html, "sso-refused").ShouldContain("尚未关联");
        }

        var events = (await EventsAsync(user)).Where(e => e.Action is SecurityEvents.ExternalLinked or SecurityEvents.ExternalUnlinked).ToList();
        events.Select(e => (e.Action, e.Actor)).ShouldBe([(SecurityEvents.ExternalLinked, "sysadmin"), (SecurityEvents.ExternalUnlinked, "sysadmin")]);
        events[0].After!.ShouldContain(subject);
        (await EventsAsync(other)).Last().After!.ShouldContain("linked to another account");
        (await EventsAsync("auditor")).Last().Action.ShouldBe(SecurityEvents.ExternalLinked);
    }

    /// <summary>The external sign-in buttons of the sign-in page, by provider.</summary>
    [GeneratedRegex("data-testid=\"external-([^\"]+)\"")]
    private static partial Regex ExternalButton();
}

[Collection(SqliteApp.Name)]
public sealed class SqliteSingleSignOnTests(SqliteAppFixture app) : SingleSignOnTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresSingleSignOnTests(PostgresAppFixture app) : SingleSignOnTests(app);
