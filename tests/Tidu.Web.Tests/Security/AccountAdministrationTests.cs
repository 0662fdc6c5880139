using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Tidu.Data.Auditing;
using Tidu.Data.Identity;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Security;

/// <summary>
/// Accounts in the administrators' pages: the system administrator creates, edits, disables and resets; the security
/// administrator grants the one role; each refusal is shown and recorded; personal details are stored encrypted.
/// </summary>
public abstract class AccountAdministrationTests(TiduAppFixture app)
{
    private static string Field(string html, string testId) => PageForms.TestIdText(html, testId);

    private Task<string> IdOfAsync(string user) => app.WithDbAsync(db => db.Users.Where(u => u.UserName == user).Select(u => u.Id).SingleAsync());

    private static async Task<(HttpStatusCode Status, string Html)> PostAsync(HttpClient client, string page, string handler, params (string Key, string Value)[] fields)
    {
        var html = await client.GetPageAsync(page);
        return await client.PostFormAsync($"{page}?handler={handler}", html, fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
    }

    [Fact]
    public async Task An_account_is_created_by_the_system_administrator_given_its_role_by_the_security_administrator_and_signs_in_with_its_own_password()
    {
        using var sysadmin = await Sessions.LoginAsync(app, "sysadmin");
        using var secadmin = await Sessions.LoginAsync(app, "secadmin");
        var name = "new-officer-" + Guid.NewGuid().ToString("N")[..6];
        var (_, created) = await PostAsync(sysadmin, "/Admin/Users", "Create",
            ("userName", name), ("DisplayName", "上城区经信局 张三"), ("RegionCode", "330102"), ("Email", "zhangsan@example.cn"), ("PhoneNumber", "13800138000"));
        Field(created, "message").ShouldContain("已创建");
        var temporary = Field(created, "new-password");
        temporary.Length.ShouldBe(20);

        // Personal details are ciphertext in the database (SM4-GCM under the field key), plaintext to the application.
        var raw = await app.WithDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT \"PhoneNumber\", \"Email\" FROM \"AspNetUsers\" WHERE \"UserName\" = '{name}'";
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return (Phone: reader.GetString(0), Email: reader.GetString(1));
        });
        raw.Phone.ShouldStartWith("ENC1:sm4gcm:");
        raw.Phone.ShouldNotContain("13800138000");
        raw.Email.ShouldStartWith("ENC1:sm4gcm:");
        (await TestAccounts.WithUsersAsync(app, async users => (await users.FindByNameAsync(name))!.PhoneNumber)).ShouldBe("13800138000");
        // … and neither is copied into the audit trail in plaintext.
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.After!.Contains("13800138000") || a.After!.Contains("zhangsan@")))).ShouldBe(0);

        var (_, granted) = await PostAsync(secadmin, "/Admin/Roles", "Assign", ("id", await IdOfAsync(name)), ("role", Roles.CountyOfficer));
        Field(granted, "message").ShouldBe("角色已授予。");

        using var officer = app.NewClient();
        (await SignInSteps.PasswordAsync(officer, name, temporary)).ShouldBe("/Account/ChangePassword");
        (await officer.GetJsonAsync("/api/v1/enterprises")).Status.ShouldBe(HttpStatusCode.Unauthorized);
        var (_, location, _) = await SignInSteps.PostAsync(officer, "/Account/ChangePassword", [new("current", temporary), new("password", "Shangcheng-2026!"), new("confirm", "Shangcheng-2026!")]);
        location.ShouldBe("/");
        var list = await officer.GetJsonAsync("/api/v1/enterprises?pageSize=500");
        list.Status.ShouldBe(HttpStatusCode.OK);
        list.Json!["items"]!.AsArray().ShouldAllBe(e => e!["regionCode"]!.GetValue<string>() == "330102");

        var events = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Entity == SecurityEvents.Entity && a.EntityKey == name).OrderBy(a => a.Id).ToListAsync());
        events.Select(e => (e.Action, e.Actor)).ShouldBe([
            (SecurityEvents.AccountCreated, "sysadmin"),
            (SecurityEvents.RoleGranted, "secadmin"),
            (SecurityEvents.PasswordChanged, name),
            (SecurityEvents.SignIn, name),
        ]);
        events[1].After!.ShouldContain("\"role\":\"county-officer\"");
    }

    [Theory]
    [InlineData("bad name!", "330102", null, "用户名须为")]
    [InlineData("{new}", "339999", null, "不在区划表中")]
    [InlineData("{new}", "330102", "91330102000000000Y", "统一社会信用代码无效")]
    [InlineData("sc-county", "330102", null, "该用户名已存在")]
    public async Task The_system_administrator_is_told_why_an_account_cannot_be_created(string userName, string region, string? creditCode, string reason)
    {
        using var sysadmin = await Sessions.LoginAsync(app, "sysadmin");
        var name = userName == "{new}" ? "refused-" + Guid.NewGuid().ToString("N")[..6] : userName;
        var before = await app.WithDbAsync(db => db.Users.CountAsync());
        var (_, html) = await PostAsync(sysadmin, "/Admin/Users", "Create", ("userName", name), ("DisplayName", "被拒绝"), ("RegionCode", region), ("CreditCode", creditCode ?? ""));
        Field(html, "message").ShouldContain(reason);
        PageForms.HasTestId(html, "new-password").ShouldBeFalse();
        (await app.WithDbAsync(db => db.Users.CountAsync())).ShouldBe(before);
    }

    [Theory]
    [InlineData("sysadmin", "Disable", "不能在这里修改自己的账户")]
    [InlineData("secadmin", "Disable", "管理员账户不能由系统管理员停用")]
    [InlineData("auditor", "Reset", "管理员账户不能由系统管理员停用")]
    [InlineData("auditor", "Update", "管理员账户不能由系统管理员停用")]
    public async Task The_system_administrator_cannot_disable_reset_or_edit_an_administrator_nor_their_own_account(string target, string handler, string reason)
    {
        using var sysadmin = await Sessions.LoginAsync(app, "sysadmin");
        var id = await IdOfAsync(target);
        var stampBefore = await app.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.SecurityStamp).SingleAsync());
        var (_, html) = await PostAsync(sysadmin, "/Admin/Users", handler, ("id", id), ("DisplayName", "改名"));
        Field(html, "message").ShouldContain(reason);
        var after = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == id));
        after.DisabledAt.ShouldBeNull();
        after.SecurityStamp.ShouldBe(stampBefore);
        after.DisplayName.ShouldNotBe("改名");
        (await Sessions.LoginAsync(app, target)).Dispose(); // still signs in with its own password
        var refusal = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Entity == SecurityEvents.Entity && a.EntityKey == target && a.Actor == "sysadmin" && a.Action != SecurityEvents.SignIn).OrderByDescending(a => a.Id).FirstAsync());
        refusal.After!.ShouldContain("\"outcome\":\"failure\"");
    }

    [Theory]
    [InlineData("{self}", Roles.AuditAdministrator, "不能修改自己的角色")]
    [InlineData("{city-account}", Roles.CountyOfficer, "账户所属区域与角色“县（区）级主管部门”不符")]
    [InlineData("{city-account}", Roles.SystemAdministrator, "账户所属区域与角色“系统管理员”不符")]
    [InlineData("{city-account}", Roles.Enterprise, "企业用户账户须先由系统管理员填写统一社会信用代码")]
    [InlineData("{city-account}", "superuser", "请选择有效的角色")]
    public async Task The_security_administrator_is_told_why_a_role_cannot_be_granted(string target, string role, string reason)
    {
        using var secadmin = await Sessions.LoginAsync(app, "secadmin");
        var name = target == "{self}" ? "secadmin" : await TestAccounts.CreateAsync(app, "city", Roles.CityOfficer, "330100");
        var (_, html) = await PostAsync(secadmin, "/Admin/Roles", "Assign", ("id", await IdOfAsync(name)), ("role", role));
        Field(html, "message").ShouldContain(reason);
        (await TestAccounts.WithUsersAsync(app, async users => await users.GetRolesAsync((await users.FindByNameAsync(name))!)))
            .ShouldBe([target == "{self}" ? Roles.SecurityAdministrator : Roles.CityOfficer]);
    }

    [Theory]
    [InlineData("zj-province")]
    [InlineData("auditor")]
    [InlineData("secadmin")]
    public async Task Only_the_system_administrator_creates_accounts(string user)
    {
        using var client = await Sessions.LoginAsync(app, user);
        var before = await app.WithDbAsync(db => db.Users.CountAsync());
        using var form = new FormUrlEncodedContent([new("userName", "sneaky-" + user), new("DisplayName", "越权")]);
        using var r = await client.PostAsync(Http.Url("/Admin/Users?handler=Create"), form, TestContext.Current.CancellationToken);
        r.StatusCode.ShouldBeOneOf(HttpStatusCode.Redirect, HttpStatusCode.BadRequest); // refused by policy (or by the missing form token)
        (await app.WithDbAsync(db => db.Users.CountAsync())).ShouldBe(before);
        (await app.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "sneaky-" + user))).ShouldBeFalse();
    }

    [Fact]
    public async Task A_reset_password_must_be_replaced_at_the_next_sign_in()
    {
        var user = await TestAccounts.CreateAsync(app, "reset", Roles.CountyOfficer, "330105");
        using var sysadmin = await Sessions.LoginAsync(app, "sysadmin");
        var (_, html) = await PostAsync(sysadmin, "/Admin/Users", "Reset", ("id", await IdOfAsync(user)));
        var temporary = Field(html, "new-password");
        using var client = app.NewClient();
        (await Sessions.PostLoginAsync(client, user, TestAccounts.Password)).Status.ShouldBe(HttpStatusCode.OK); // the old one no longer works
        (await SignInSteps.PasswordAsync(client, user, temporary)).ShouldBe("/Account/ChangePassword");
        PageForms.TestIdText(await client.GetPageAsync("/Account/ChangePassword"), "change-reason").ShouldContain("由管理员设置");
    }

    [Fact]
    public async Task A_changed_role_ends_the_accounts_open_session_and_the_next_one_has_the_new_role()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 8, 1, 1, 0, 0, TimeSpan.Zero));
        await using var host = app.App.WithClock(clock);
        var user = await TestAccounts.CreateAsync(app, "demote", Roles.CountyOfficer, "330102");
        using var client = SignInSteps.Client(host);
        await SignInSteps.PasswordAsync(client, user);
        (await client.GetJsonAsync("/api/v1/enterprises")).Status.ShouldBe(HttpStatusCode.OK);

        using var secadmin = SignInSteps.Client(host);
        await SignInSteps.PasswordAsync(secadmin, "secadmin", TiduAppFixture.DemoPassword);
        await SignInSteps.PostAsync(secadmin, "/Admin/Roles", [new("id", await IdOfAsync(user)), new("role", Roles.Commissioner)], handler: "Assign");
        clock.Advance(TimeSpan.FromSeconds(59));
        (await client.GetJsonAsync("/api/v1/enterprises")).Status.ShouldBe(HttpStatusCode.OK); // the stamp is checked once a minute
        clock.Advance(TimeSpan.FromSeconds(2));
        (await client.GetJsonAsync("/api/v1/enterprises")).Status.ShouldBe(HttpStatusCode.Unauthorized);

        // Signed in again, as a commissioner: reads files, does not write them.
        using var again = await Sessions.LoginAsync(SignInSteps.Client(host), user, TestAccounts.Password);
        var e = KnownEnterprises.Shangcheng;
        (await again.GetJsonAsync("/api/v1/enterprises")).Status.ShouldBe(HttpStatusCode.OK);
        (await again.PutJsonAsync($"/api/v1/enterprises/{e.CreditCode}", Profiles.Minimal(e.CreditCode, e.Name, e.RegionCode))).Status.ShouldBe(HttpStatusCode.Forbidden);
    }
}

[Collection(SqliteApp.Name)]
public sealed class SqliteAccountAdministrationTests(SqliteAppFixture app) : AccountAdministrationTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresAccountAdministrationTests(PostgresAppFixture app) : AccountAdministrationTests(app);
