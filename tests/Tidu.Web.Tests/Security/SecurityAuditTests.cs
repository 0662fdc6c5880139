using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Shouldly;
using Tidu.Data.Auditing;
using Tidu.Data.Entities;
using Tidu.Data.Identity;
using Tidu.Web.Security;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Security;

/// <summary>
/// Security events in the tamper-evident trail with who, when, from where and the outcome (GB/T 22239-2019 8.1.4.3):
/// failed sign-ins (never the password typed), API keys issued and revoked, a refused policy change, exports of
/// enterprise files; and the audit administrator's search and export, the export itself recorded.
/// </summary>
public abstract class SecurityAuditTests(TiduAppFixture app)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private Task<List<AuditEntry>> EventsAsync(string kind, string subject) =>
        app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Entity == SecurityEvents.Entity && a.Action == kind && a.EntityKey == subject)
            .OrderBy(a => a.Id).ToListAsync(_ct));

    [Fact]
    public async Task A_failed_sign_in_is_a_failure_with_the_name_typed_and_the_address_and_never_the_password()
    {
        var user = await TestAccounts.CreateAsync(app, "typo", Roles.CountyOfficer, "330102");
        var wrong = "Wrong-" + Guid.NewGuid().ToString("N")[..10];
        using var client = app.NewClient();
        (await Sessions.PostLoginAsync(client, user, wrong)).Status.ShouldBe(HttpStatusCode.OK);

        var failed = (await EventsAsync(SecurityEvents.SignInFailed, user)).ShouldHaveSingleItem();
        failed.After!.ShouldContain("\"outcome\":\"failure\"");
        failed.After!.ShouldContain("\"address\":\"127.0.0.1\"");
        failed.Sequence.ShouldNotBeNull();
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.After!.Contains(wrong) || a.Before!.Contains(wrong), _ct))).ShouldBe(0);
        (await EventsAsync(SecurityEvents.SignIn, user)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Issuing_and_revoking_an_API_key_are_events_of_the_security_administrator_without_the_secret()
    {
        using var secadmin = await Sessions.LoginAsync(app, "secadmin");
        var name = "审计测试密钥-" + Guid.NewGuid().ToString("N")[..6];
        var (_, _, created) = await SignInSteps.PostAsync(secadmin, "/Admin/ApiKeys", [new("name", name), new("regionCode", "330102"), new("purpose", "read")], handler: "Create");
        var secret = PageForms.TestIdText(created, "new-key");
        secret.ShouldStartWith("tidu_");
        var id = await app.WithDbAsync(db => db.ApiKeys.Where(k => k.Name == name).Select(k => k.Id).SingleAsync(_ct));
        await SignInSteps.PostAsync(secadmin, "/Admin/ApiKeys", [new("id", id.ToString(CultureInfo.InvariantCulture))], handler: "Revoke");

        var issued = (await EventsAsync(SecurityEvents.ApiKeyCreated, name)).ShouldHaveSingleItem();
        var revoked = (await EventsAsync(SecurityEvents.ApiKeyRevoked, name)).ShouldHaveSingleItem();
        foreach (var e in new[] { issued, revoked })
        {
            e.Actor.ShouldBe("secadmin");
            e.After!.ShouldContain("\"outcome\":\"success\"");
            e.After!.ShouldContain("\"address\":\"127.0.0.1\"");
        }
        issued.After!.ShouldContain("\"region\":\"330102\"");
        revoked.Sequence!.Value.ShouldBeGreaterThan(issued.Sequence!.Value);
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.After!.Contains(secret), _ct))).ShouldBe(0);
        (await Sessions.WithApiKey(app, secret).GetJsonAsync("/api/v1/enterprises")).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_accounts_details_status_password_and_role_changed_by_the_administrators_are_events_in_order_without_the_password()
    {
        var user = await TestAccounts.CreateAsync(app, "managed", Roles.CountyOfficer, "330102");
        var id = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == user).Select(u => u.Id).SingleAsync(_ct));
        using var sysadmin = await Sessions.LoginAsync(app, "sysadmin");
        using var secadmin = await Sessions.LoginAsync(app, "secadmin");
        await SignInSteps.PostAsync(sysadmin, "/Admin/Users", [new("id", id), new("DisplayName", "上城区经信局 李四"), new("RegionCode", "330102"), new("PhoneNumber", "13900139000")], handler: "Update");
        await SignInSteps.PostAsync(sysadmin, "/Admin/Users", [new("id", id)], handler: "Disable");
        await SignInSteps.PostAsync(sysadmin, "/Admin/Users", [new("id", id)], handler: "Enable");
        var (_, _, reset) = await SignInSteps.PostAsync(sysadmin, "/Admin/Users", [new("id", id)], handler: "Reset");
        var temporary = PageForms.TestIdText(reset, "new-password");
        temporary.Length.ShouldBe(20);
        await SignInSteps.PostAsync(secadmin, "/Admin/Roles", [new("id", id), new("role", Roles.Commissioner)], handler: "Assign");

        var events = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Entity == SecurityEvents.Entity && a.EntityKey == user && a.Actor != "test:system").OrderBy(a => a.Sequence).ToListAsync(_ct));
        events.Select(e => (e.Action, e.Actor)).ShouldBe([
            (SecurityEvents.AccountChanged, "sysadmin"),
            (SecurityEvents.AccountDisabled, "sysadmin"),
            (SecurityEvents.AccountEnabled, "sysadmin"),
            (SecurityEvents.PasswordReset, "sysadmin"),
            (SecurityEvents.RoleRevoked, "secadmin"),
            (SecurityEvents.RoleGranted, "secadmin"),
        ]);
        events.ShouldAllBe(e => e.After!.Contains("\"outcome\":\"success\"") && e.After!.Contains("\"address\":\"127.0.0.1\""));
        events[0].After!.ShouldContain("上城区经信局 李四");
        events[4].After!.ShouldContain($"\"role\":\"{Roles.CountyOfficer}\"");
        events[5].After!.ShouldContain($"\"role\":\"{Roles.Commissioner}\"");
        // Neither the temporary password nor the phone number (a personal detail, encrypted in its column) is in the trail.
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.After!.Contains(temporary) || a.After!.Contains("13900139000"), _ct))).ShouldBe(0);
    }

    [Fact]
    public async Task A_configuration_changed_between_starts_is_recorded_once_with_before_and_after_and_no_key()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(app);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero));
        var keys = Tidu.Data.Cryptography.KeyRing.Of(Tidu.Data.Cryptography.CryptoSuite.Guomi,
            (Tidu.Data.Cryptography.KeyRing.Fields, "f1", [.. Enumerable.Range(1, Tidu.Data.Cryptography.KeyRing.MaterialBytes).Select(i => (byte)i)]));
        var environment = new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Production" };
        ConfigurationSnapshot Snapshot(bool twoFactor) => new(new ConfigurationBuilder().AddInMemoryCollection([
            new("Database:Provider", "postgres"), new("Security:RequireTwoFactor", twoFactor ? "true" : "false")]).Build(), environment, keys);

        async Task<List<AuditEntry>> RecordedAsync(ConfigurationSnapshot snapshot)
        {
            await using (var db = scratch.Context("system:startup", clock))
            {
                await snapshot.RecordIfChangedAsync(db, clock, _ct);
            }
            await using var read = scratch.Context();
            return await read.AuditEntries.AsNoTracking().Where(a => a.Entity == SecurityEvents.Entity && a.Action == SecurityEvents.ConfigurationChanged)
                .OrderBy(a => a.Sequence).ToListAsync(_ct);
        }

        (await RecordedAsync(Snapshot(twoFactor: true))).ShouldHaveSingleItem().After!.ShouldContain("\"before\":null");
        clock.Advance(TimeSpan.FromDays(1));
        (await RecordedAsync(Snapshot(twoFactor: true))).Count.ShouldBe(1); // unchanged: nothing recorded
        clock.Advance(TimeSpan.FromDays(1));
        var events = await RecordedAsync(Snapshot(twoFactor: false));
        events.Count.ShouldBe(2);
        var changed = System.Text.Json.Nodes.JsonNode.Parse(events[1].After!)!;
        changed["before"]!["双因素认证（配置要求）"]!.GetValue<string>().ShouldBe("是");
        changed["settings"]!["双因素认证（配置要求）"]!.GetValue<string>().ShouldStartWith("否");
        changed["outcome"]!.GetValue<string>().ShouldBe(SecurityEvents.Success);
        events[1].At.ShouldBe(new DateTimeOffset(2026, 9, 3, 0, 0, 0, TimeSpan.Zero));
        events[1].Actor.ShouldBe("system:startup");
        // Keys appear by id only.
        events[1].After!.ShouldContain("f1");
        events[1].After!.ShouldNotContain(Convert.ToBase64String([.. Enumerable.Range(1, Tidu.Data.Cryptography.KeyRing.MaterialBytes).Select(i => (byte)i)]));
        await using var verify = scratch.Context();
        (await AuditChainVerifier.VerifyAsync(verify, scratch.Hashing, ct: _ct)).FirstBreak.ShouldBeNull();
    }

    [Fact]
    public async Task A_refused_policy_change_is_a_failed_event_and_changes_nothing()
    {
        using var secadmin = await Sessions.LoginAsync(app, "secadmin");
        var before = await app.WithDbAsync(db => db.SecurityPolicies.AsNoTracking().SingleOrDefaultAsync(_ct));
        var count = (await EventsAsync(SecurityEvents.PolicyChanged, "policy")).Count;
        // An idle timeout longer than the whole session cannot be set.
        var (_, _, html) = await SignInSteps.PostAsync(secadmin, "/Admin/SecurityPolicy", [
            new("MinimumLength", "10"), new("RequiredCharacterClasses", "3"), new("PasswordHistory", "5"), new("MaximumPasswordAgeDays", "90"),
            new("IdleTimeoutMinutes", "240"), new("AbsoluteLifetimeHours", "1")]);
        html.ShouldContain("数值超出允许范围");

        var events = await EventsAsync(SecurityEvents.PolicyChanged, "policy");
        events.Count.ShouldBe(count + 1);
        events[^1].Actor.ShouldBe("secadmin");
        events[^1].After!.ShouldContain("\"outcome\":\"failure\"");
        var after = await app.WithDbAsync(db => db.SecurityPolicies.AsNoTracking().SingleOrDefaultAsync(_ct));
        (after?.IdleTimeoutMinutes, after?.AbsoluteLifetimeHours).ShouldBe((before?.IdleTimeoutMinutes, before?.AbsoluteLifetimeHours));
    }

    [Fact]
    public async Task An_export_of_enterprise_files_is_recorded_with_who_how_many_and_the_filter()
    {
        using var officer = await Sessions.LoginAsync(app, "sc-county");
        var total = (await officer.GetJsonAsync("/api/v1/enterprises?region=330102&pageSize=1")).Json!["total"]!.GetValue<int>();
        total.ShouldBeGreaterThan(0);
        var mark = await app.WithDbAsync(db => db.AuditEntries.MaxAsync(a => a.Id, _ct));
        using var r = await officer.GetAsync(Http.Url("/api/v1/enterprises/export.xlsx?region=330102"), _ct);
        r.StatusCode.ShouldBe(HttpStatusCode.OK);

        var e = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .SingleAsync(a => a.Id > mark && a.Entity == SecurityEvents.Entity && a.Action == SecurityEvents.DataExported && a.Actor == "sc-county", _ct));
        e.After!.ShouldContain($"\"rows\":{total}");
        e.After!.ShouldContain("\"filter\":\"?region=330102\"");
        e.After!.ShouldContain("\"address\":\"127.0.0.1\"");
    }

    [Fact]
    public async Task The_audit_administrator_finds_failed_sign_ins_of_an_account_and_exports_them_and_the_export_is_recorded()
    {
        var user = await TestAccounts.CreateAsync(app, "searched", Roles.CountyOfficer, "330102");
        using (var client = app.NewClient())
        {
            await Sessions.PostLoginAsync(client, user, "Wrong-password-1");
            await Sessions.PostLoginAsync(client, user, "Wrong-password-2");
            await Sessions.LoginAsync(client, user, TestAccounts.Password);
        }
        using var auditor = await Sessions.LoginAsync(app, "auditor");

        var page = await auditor.GetPageAsync($"/Audit?key={user}&outcome=failure");
        var rows = System.Text.RegularExpressions.Regex.Matches(page, "<tr data-action=\"([a-z-]+)\"").Select(m => m.Groups[1].Value).ToList();
        rows.ShouldBe([SecurityEvents.SignInFailed, SecurityEvents.SignInFailed]);
        page.ShouldContain("登录失败");
        page.ShouldContain("127.0.0.1");

        using var export = await auditor.GetAsync(Http.Url($"/Audit?handler=Export&format=csv&key={user}&entity=SecurityEvent"), _ct);
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        var csv = (await export.Content.ReadAsStringAsync(_ct)).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        csv[0].ShouldBe("序号,时间（北京时间）,操作者,事件,对象类型,对象,结果,来源地址,详情");
        // Two failures and the sign-in, oldest first.
        csv.Skip(1).Select(l => l.Split(',')[3]).ShouldBe(["登录失败", "登录失败", "登录成功"]);
        csv.Skip(1).Select(l => l.Split(',')[6]).ShouldBe(["失败", "失败", "成功"]);

        var recorded = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Entity == SecurityEvents.Entity && a.Action == SecurityEvents.AuditExported && a.Actor == "auditor")
            .OrderByDescending(a => a.Id).FirstAsync(_ct));
        recorded.After!.ShouldContain("\"rows\":3");
        recorded.After!.ShouldContain($"key={user}");
    }

    [Fact]
    public async Task Only_the_audit_administrator_reaches_the_search_and_the_export()
    {
        foreach (var user in new[] { "sysadmin", "secadmin", "zj-province" })
        {
            using var client = await Sessions.LoginAsync(app, user);
            using var r = await client.GetAsync(Http.Url("/Audit?handler=Export&format=csv"), _ct);
            r.StatusCode.ShouldBe(HttpStatusCode.Redirect, user);
            SeparationOfDutiesTests.Redirected(r).ShouldBe("/Account/AccessDenied", user);
        }
    }
}

[Collection(SqliteApp.Name)]
public sealed class SqliteSecurityAuditTests(SqliteAppFixture app) : SecurityAuditTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresSecurityAuditTests(PostgresAppFixture app) : SecurityAuditTests(app);
