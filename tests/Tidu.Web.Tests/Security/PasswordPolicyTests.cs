using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Tidu.Data.Identity;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Security;

/// <summary>
/// The password policy (the test app's: at least 10 characters of 3 of the 4 classes, not the last 5, no maximum age
/// unless a test sets one): each rule on both sides of its limit, as the user meets it on the change-password page.
/// </summary>
public abstract class PasswordPolicyTests(TiduAppFixture app) : ClockedHostTests(new DateTimeOffset(2026, 9, 1, 2, 0, 0, TimeSpan.Zero))
{
    protected override WebApplicationFactory<Program> CreateHost(FakeTimeProvider clock) => app.App.WithClock(clock);

    private static async Task<(string? Location, string Html)> ChangeAsync(HttpClient client, string current, string password)
    {
        var (_, location, html) = await SignInSteps.PostAsync(client, "/Account/ChangePassword", [new("current", current), new("password", password), new("confirm", password)]);
        return (location, html);
    }

    [Theory]
    [InlineData("Abcdefg12", "口令至少 10 个字符")] // 9 characters
    [InlineData("abcdefghij12", "至少 3 类")] // 2 classes
    [InlineData("ABCDEFGH!!", "至少 3 类")] // 2 classes
    public async Task A_password_short_of_a_rule_is_refused_with_the_rule(string password, string message)
    {
        var user = await TestAccounts.CreateAsync(app, "weak", Roles.CountyOfficer, "330102");
        using var client = SignInSteps.Client(Host);
        await SignInSteps.PasswordAsync(client, user);
        var (_, html) = await ChangeAsync(client, TestAccounts.Password, password);
        html.ShouldContain(message);
        html.ShouldNotContain("口令已修改");
    }

    [Theory]
    [InlineData("Abcdefg123")] // exactly 10 characters, 3 classes
    [InlineData("abcdefgh1!")] // 3 classes without upper case
    public async Task A_password_that_just_meets_every_rule_is_accepted_and_dated(string password)
    {
        var user = await TestAccounts.CreateAsync(app, "ok", Roles.CountyOfficer, "330102");
        using var client = SignInSteps.Client(Host);
        await SignInSteps.PasswordAsync(client, user);
        (await ChangeAsync(client, TestAccounts.Password, password)).Html.ShouldContain("口令已修改");
        var changed = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == user).Select(u => u.PasswordChangedAt).SingleAsync());
        changed.ShouldBe(Clock.GetUtcNow());
        (await SignInSteps.PasswordAsync(SignInSteps.Client(Host), user, password)).ShouldBe("/");
    }

    [Fact]
    public async Task A_password_containing_the_user_name_is_refused()
    {
        var user = await TestAccounts.CreateAsync(app, "named", Roles.CountyOfficer, "330102");
        using var client = SignInSteps.Client(Host);
        await SignInSteps.PasswordAsync(client, user);
        (await ChangeAsync(client, TestAccounts.Password, "X1!" + user.ToUpperInvariant())).Html.ShouldContain("不得包含用户名");
    }

    [Fact]
    public async Task The_last_five_passwords_are_refused_and_the_sixth_is_allowed_again()
    {
        var user = await TestAccounts.CreateAsync(app, "history", Roles.CountyOfficer, "330102");
        using var client = SignInSteps.Client(Host);
        await SignInSteps.PasswordAsync(client, user);
        string[] passwords = [TestAccounts.Password, "Second-pass-1", "Third-pass-22", "Fourth-pass-3", "Fifth-pass-44", "Sixth-pass-55"];
        for (var i = 1; i < passwords.Length; i++)
        {
            (await ChangeAsync(client, passwords[i - 1], passwords[i])).Html.ShouldContain("口令已修改", customMessage: passwords[i]);
        }
        // Remembered now: the last five set (second to sixth); the first is the sixth most recent.
        (await ChangeAsync(client, passwords[^1], passwords[1])).Html.ShouldContain("不得使用最近 5 次用过的口令");
        (await ChangeAsync(client, passwords[^1], passwords[0])).Html.ShouldContain("口令已修改");
    }

    [Fact]
    public async Task A_password_older_than_the_maximum_age_must_be_changed_before_the_session_and_one_of_exactly_that_age_need_not()
    {
        var expired = await TestAccounts.CreateAsync(app, "expired", Roles.CountyOfficer, "330102");
        var fresh = await TestAccounts.CreateAsync(app, "fresh", Roles.CountyOfficer, "330102");
        await app.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.UserName == expired)).PasswordChangedAt = Clock.GetUtcNow() - TimeSpan.FromDays(90) - TimeSpan.FromSeconds(1);
            (await db.Users.SingleAsync(u => u.UserName == fresh)).PasswordChangedAt = Clock.GetUtcNow() - TimeSpan.FromDays(90);
            await db.SaveChangesAsync();
        });
        await using (await SignInSteps.PolicyAsync(app, p => p.MaximumPasswordAgeDays = 90))
        {
            (await SignInSteps.PasswordAsync(SignInSteps.Client(Host), fresh)).ShouldBe("/");

            using var client = SignInSteps.Client(Host);
            (await SignInSteps.PasswordAsync(client, expired)).ShouldBe("/Account/ChangePassword");
            (await client.GetJsonAsync("/api/v1/enterprises")).Status.ShouldBe(HttpStatusCode.Unauthorized);
            PageForms.TestIdText(await client.GetPageAsync("/Account/ChangePassword"), "change-reason").ShouldContain("超过有效期");
            (await ChangeAsync(client, TestAccounts.Password, "Renewed-pass-90")).Location.ShouldBe("/");
            (await client.GetJsonAsync("/api/v1/enterprises")).Status.ShouldBe(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task A_pending_sign_in_with_a_second_factor_due_cannot_change_the_password_yet()
    {
        var user = await TestAccounts.CreateAsync(app, "order", Roles.CountyOfficer, "330102");
        await app.WithDbAsync(async db =>
        {
            var u = await db.Users.SingleAsync(x => x.UserName == user);
            u.TwoFactorEnabled = true;
            u.MustChangePassword = true;
            await db.SaveChangesAsync();
        });
        using var client = SignInSteps.Client(Host);
        (await SignInSteps.PasswordAsync(client, user)).ShouldBe("/Account/TwoFactor");
        using var r = await client.GetAsync(Http.Url("/Account/ChangePassword"), TestContext.Current.CancellationToken);
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }
}

[Collection(SqliteApp.Name)]
public sealed class SqlitePasswordPolicyTests(SqliteAppFixture app) : PasswordPolicyTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresPasswordPolicyTests(PostgresAppFixture app) : PasswordPolicyTests(app);
