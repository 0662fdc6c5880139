using System.Net;
using System.Security.Cryptography;
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
/// Security keys (WebAuthn) as a second factor, through the platform's pages as the browser's script drives them, with
/// a software authenticator: enrolment, sign-in, a forged signature, a replayed counter or challenge, removal.
/// </summary>
public abstract class SecurityKeyTests(TiduAppFixture app) : ClockedHostTests(new DateTimeOffset(2026, 5, 6, 1, 2, 0, TimeSpan.Zero))
{
    protected override WebApplicationFactory<Program> CreateHost(FakeTimeProvider clock) => app.App.WithClock(clock);

    private async Task<(string User, SoftwareAuthenticator Key)> EnrolledAsync(string prefix)
    {
        var user = await TestAccounts.CreateAsync(app, prefix, Roles.CountyOfficer, "330102");
        using var client = SignInSteps.Client(Host);
        (await SignInSteps.PasswordAsync(client, user)).ShouldBe("/");
        var options = await SignInSteps.PostAsync(client, "/Account/Security", [], "KeyOptions");
        options.Status.ShouldBe(HttpStatusCode.OK);
        var key = new SoftwareAuthenticator();
        var added = await SignInSteps.PostAsync(client, "/Account/Security", [new("name", "办公室密钥"), new("answer", key.Attest(options.Html))], "AddKey");
        added.Html.ShouldContain("安全密钥已登记", customMessage: added.Html);
        added.Html.ShouldContain("办公室密钥（登记于 2026-05-06 09:02）");
        return (user, key);
    }

    /// <summary>The password, then the key's answer (made by <paramref name="answer"/> from the page's options); the result of posting it.</summary>
    private async Task<(HttpClient Client, HttpStatusCode Status, string? Location, string Html)> SignInAsync(string user, Func<string, string> answer)
    {
        var client = SignInSteps.Client(Host);
        (await SignInSteps.PasswordAsync(client, user)).ShouldBe("/Account/TwoFactor");
        var page = await client.GetStringAsync(Http.Url("/Account/TwoFactor"), TestContext.Current.CancellationToken);
        page.ShouldContain("使用安全密钥");
        page.ShouldNotContain("动态口令"); // no authenticator on this account: only the key is offered
        var options = await SignInSteps.PostAsync(client, "/Account/TwoFactor", [], "KeyOptions");
        var (status, location, html) = await SignInSteps.PostAsync(client, "/Account/TwoFactor", [new("answer", answer(options.Html))], "Key");
        return (client, status, location, html);
    }

    private Task<List<Data.Entities.AuditEntry>> EventsAsync(string user) =>
        app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Entity == SecurityEvents.Entity && a.EntityKey == user).OrderBy(a => a.Id).ToListAsync());

    [Fact]
    public async Task An_enrolled_key_is_the_second_factor_and_no_session_exists_before_it()
    {
        var (user, key) = await EnrolledAsync("key");
        using var waiting = SignInSteps.Client(Host);
        (await SignInSteps.PasswordAsync(waiting, user)).ShouldBe("/Account/TwoFactor");
        (await SignInSteps.SignedInAsync(waiting)).ShouldBeFalse();

        var (client, _, location, _) = await SignInAsync(user, o => key.Assert(o));
        using (client)
        {
            location.ShouldBe("/");
            (await SignInSteps.SignedInAsync(client)).ShouldBeTrue();
        }
        var events = await EventsAsync(user);
        events.ShouldContain(e => e.Action == SecurityEvents.TwoFactorEnabled && e.After!.Contains("\"method\":\"webauthn\"") && e.After.Contains("办公室密钥"));
        events.Last().Action.ShouldBe(SecurityEvents.SignIn);
        events.Last().After!.ShouldContain("\"factors\":\"pwd+hwk\"");
    }

    [Fact]
    public async Task A_signature_by_another_key_is_refused()
    {
        var (user, key) = await EnrolledAsync("key-forged");
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (client, status, location, html) = await SignInAsync(user, o => key.Assert(o, stranger));
        using (client)
        {
            (status, location).ShouldBe((HttpStatusCode.OK, null));
            html.ShouldContain("安全密钥验证未通过，请重试。");
            (await SignInSteps.SignedInAsync(client)).ShouldBeFalse();
        }
        var refusal = (await EventsAsync(user)).Last();
        refusal.Action.ShouldBe(SecurityEvents.SignInFailed);
        refusal.After!.ShouldContain("security key refused: InvalidSignature");
    }

    [Fact]
    public async Task A_counter_that_did_not_grow_and_a_spent_challenge_are_refused()
    {
        var (user, key) = await EnrolledAsync("key-replay");
        key.Counter = 41;
        var (first, _, location, _) = await SignInAsync(user, o => key.Assert(o)); // counter 42
        first.Dispose();
        location.ShouldBe("/");

        // A clone of the key answers with a counter the platform has already seen.
        key.Counter = 41;
        var (clone, _, cloned, html) = await SignInAsync(user, o => key.Assert(o));
        using (clone)
        {
            cloned.ShouldBeNull();
            html.ShouldContain("安全密钥验证未通过");
            (await SignInSteps.SignedInAsync(clone)).ShouldBeFalse();
        }

        // The same answer posted twice: the second finds its challenge spent.
        var client = SignInSteps.Client(Host);
        using (client)
        {
            (await SignInSteps.PasswordAsync(client, user)).ShouldBe("/Account/TwoFactor");
            var options = await SignInSteps.PostAsync(client, "/Account/TwoFactor", [], "KeyOptions");
            key.Counter = 100;
            var answer = key.Assert(options.Html);
            (await SignInSteps.PostAsync(client, "/Account/TwoFactor", [new("answer", answer)], "Key")).Location.ShouldBe("/");
            // Posted again (a captured answer), in a sign-in of its own: its challenge is spent.
            using var thief = SignInSteps.Client(Host);
            (await SignInSteps.PasswordAsync(thief, user)).ShouldBe("/Account/TwoFactor");
            (await SignInSteps.PostAsync(thief, "/Account/TwoFactor", [new("answer", answer)], "Key")).Html.ShouldContain("安全密钥验证未通过");
            (await SignInSteps.SignedInAsync(thief)).ShouldBeFalse();
        }
        var again = SignInSteps.Client(Host);
        using (again)
        {
            (await SignInSteps.PasswordAsync(again, user)).ShouldBe("/Account/TwoFactor");
            // No options asked for in this sign-in: the earlier challenge was used and is gone.
            key.Counter = 200;
            var replay = await SignInSteps.PostAsync(again, "/Account/TwoFactor", [new("answer", key.Assert("{\"challenge\":\"AAAA\"}"))], "Key");
            replay.Html.ShouldContain("安全密钥验证未通过");
            (await SignInSteps.SignedInAsync(again)).ShouldBeFalse();
        }
        (await EventsAsync(user)).Where(e => e.Action == SecurityEvents.SignInFailed).Select(e => e.After!)
            .ShouldSatisfyAllConditions(
                f => f.ShouldContain(x => x.Contains("security key refused: InvalidSignCount")),
                f => f.ShouldContain(x => x.Contains("no challenge")));
    }

    [Fact]
    public async Task An_enrolment_answering_another_challenge_is_refused_and_a_removed_key_is_no_longer_asked_for()
    {
        var user = await TestAccounts.CreateAsync(app, "key-enrol", Roles.CountyOfficer, "330102");
        using var client = SignInSteps.Client(Host);
        (await SignInSteps.PasswordAsync(client, user)).ShouldBe("/");
        using var key = new SoftwareAuthenticator();
        var options = await SignInSteps.PostAsync(client, "/Account/Security", [], "KeyOptions");
        var wrong = await SignInSteps.PostAsync(client, "/Account/Security", [new("answer", key.Attest(options.Html, challenge: "bm90LXRoZS1jaGFsbGVuZ2U"))], "AddKey");
        wrong.Html.ShouldContain("安全密钥验证未通过，请重新登记。");

        options = await SignInSteps.PostAsync(client, "/Account/Security", [], "KeyOptions");
        (await SignInSteps.PostAsync(client, "/Account/Security", [new("answer", key.Attest(options.Html))], "AddKey")).Html.ShouldContain("安全密钥已登记");
        var id = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(key.CredentialId);
        var removed = await SignInSteps.PostAsync(client, "/Account/Security", [new("id", id)], "RemoveKey");
        removed.Html.ShouldContain("安全密钥已移除。");

        using var later = SignInSteps.Client(Host);
        (await SignInSteps.PasswordAsync(later, user)).ShouldBe("/");
        var events = (await EventsAsync(user)).Where(e => e.After!.Contains("webauthn")).Select(e => (e.Action, e.After!.Contains("\"outcome\":\"success\""))).ToList();
        events.ShouldBe([(SecurityEvents.TwoFactorEnabled, false), (SecurityEvents.TwoFactorEnabled, true), (SecurityEvents.TwoFactorDisabled, true)]);
    }
}

[Collection(SqliteApp.Name)]
public sealed class SqliteSecurityKeyTests(SqliteAppFixture app) : SecurityKeyTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresSecurityKeyTests(PostgresAppFixture app) : SecurityKeyTests(app);
