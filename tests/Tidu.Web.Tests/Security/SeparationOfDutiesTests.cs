using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Tidu.Data.Auditing;
using Tidu.Data.Identity;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Security;

/// <summary>
/// 三员分立: the system, security and audit administrators each reach their own pages and nothing else; none of them
/// reads or changes enterprise data; no account holds two roles (the database refuses it); every refusal is tested.
/// </summary>
public abstract class SeparationOfDutiesTests(TiduAppFixture app)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public static TheoryData<string> Administrators => ["sysadmin", "secadmin", "auditor"];

    [Theory]
    [MemberData(nameof(Administrators))]
    public async Task No_administrator_reads_or_changes_enterprise_data_through_the_pages(string admin)
    {
        using var client = await Sessions.LoginAsync(app, admin);
        var code = KnownEnterprises.Shangcheng.CreditCode;
        foreach (var page in new[] { "/Enterprises", $"/Enterprises/{code}", "/Import", "/Monitoring", "/Applications", "/Rounds", "/Recognitions", "/Pools", "/Service/Requests", "/Service/Visits", "/Service/Commissioners" })
        {
            using var r = await client.GetAsync(Http.Url(page), _ct);
            r.StatusCode.ShouldBe(HttpStatusCode.Redirect, page);
            Redirected(r).ShouldBe("/Account/AccessDenied", page);
        }
        // The home page is theirs, not the overview of enterprise counts.
        using var home = await client.GetAsync(Http.Url("/"), _ct);
        Redirected(home).ShouldBe("/Admin");
    }

    [Theory]
    [MemberData(nameof(Administrators))]
    public async Task No_administrator_reads_or_changes_enterprise_data_through_the_API(string admin)
    {
        using var client = await Sessions.LoginAsync(app, admin);
        var e = KnownEnterprises.Shangcheng;
        var before = await FileState.ReadAsync(app, e.CreditCode);
        (await client.GetJsonAsync("/api/v1/enterprises")).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await client.GetJsonAsync($"/api/v1/enterprises/{e.CreditCode}")).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await client.GetJsonAsync($"/api/v1/enterprises/{e.CreditCode}/audit")).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await client.GetJsonAsync("/api/v1/monitoring/rollup")).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await client.GetJsonAsync("/api/v1/applications")).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await client.PutJsonAsync($"/api/v1/enterprises/{e.CreditCode}", Profiles.Minimal(e.CreditCode, "管理员改写", e.RegionCode))).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await client.ImportAsync("x.csv", Tables.Csv([new(e.CreditCode, "管理员导入", e.RegionCode, "2012-05-01", "2025", "100")]), commit: true)).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await FileState.ReadAsync(app, e.CreditCode)).ShouldBe(before);
    }

    [Theory]
    [InlineData("sysadmin", "/Admin/Users", true)]
    [InlineData("sysadmin", "/Admin/Configuration", true)]
    [InlineData("sysadmin", "/Admin/Roles", false)]
    [InlineData("sysadmin", "/Admin/ApiKeys", false)]
    [InlineData("sysadmin", "/Admin/SecurityPolicy", false)]
    [InlineData("sysadmin", "/Audit", false)]
    [InlineData("sysadmin", "/Sharing/Pulls", false)]
    [InlineData("secadmin", "/Admin/Roles", true)]
    [InlineData("secadmin", "/Admin/ApiKeys", true)]
    [InlineData("secadmin", "/Admin/SecurityPolicy", true)]
    [InlineData("secadmin", "/Admin/Users", false)]
    [InlineData("secadmin", "/Admin/Configuration", false)]
    [InlineData("secadmin", "/Audit", false)]
    [InlineData("auditor", "/Audit", true)]
    [InlineData("auditor", "/Sharing/Pulls", true)]
    [InlineData("auditor", "/Admin/Users", false)]
    [InlineData("auditor", "/Admin/Roles", false)]
    [InlineData("auditor", "/Admin/ApiKeys", false)]
    [InlineData("auditor", "/Admin/SecurityPolicy", false)]
    [InlineData("auditor", "/Admin/Configuration", false)]
    [InlineData("zj-province", "/Admin", false)]
    [InlineData("zj-province", "/Admin/Users", false)]
    [InlineData("zj-province", "/Admin/Roles", false)]
    [InlineData("zj-province", "/Admin/ApiKeys", false)]
    [InlineData("zj-province", "/Audit", false)]
    [InlineData("enterprise", "/Admin/SecurityPolicy", false)]
    public async Task Each_administrator_reaches_their_own_pages_only(string user, string page, bool allowed)
    {
        using var client = await Sessions.LoginAsync(app, user);
        using var r = await client.GetAsync(Http.Url(page), _ct);
        if (allowed)
        {
            r.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        else
        {
            r.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            Redirected(r).ShouldBe("/Account/AccessDenied");
        }
    }

    /// <summary>The path a redirect points to (the cookie handler writes absolute locations).</summary>
    internal static string Redirected(HttpResponseMessage r) => new Uri(new Uri("http://localhost"), r.Headers.Location!).AbsolutePath;

    [Fact]
    public async Task A_refused_page_is_a_security_event_with_who_and_what()
    {
        using var client = await Sessions.LoginAsync(app, "secadmin");
        using var r = await client.GetAsync(Http.Url("/Audit"), _ct);
        var entry = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Entity == SecurityEvents.Entity && a.Action == SecurityEvents.AccessRefused && a.Actor == "secadmin")
            .OrderByDescending(a => a.Id).FirstAsync(_ct));
        entry.After!.ShouldContain("\"path\":\"/Audit\"");
        entry.After!.ShouldContain("\"outcome\":\"failure\"");
    }

    [Fact]
    public async Task The_audit_API_is_the_audit_administrators()
    {
        foreach (var (user, status) in new[] { ("auditor", HttpStatusCode.OK), ("sysadmin", HttpStatusCode.Forbidden), ("secadmin", HttpStatusCode.Forbidden), ("zj-province", HttpStatusCode.Forbidden) })
        {
            using var client = await Sessions.LoginAsync(app, user);
            (await client.GetJsonAsync("/api/v1/audit/verify")).Status.ShouldBe(status, user);
            (await client.GetJsonAsync("/api/v1/audit?entity=ApiKey")).Status.ShouldBe(status, user);
        }
    }

    [Fact]
    public async Task The_demo_has_one_account_per_administrator_role_and_each_holds_only_that_one()
    {
        var roles = await TestAccounts.WithUsersAsync(app, async users => new[]
        {
            await users.GetRolesAsync((await users.FindByNameAsync("sysadmin"))!),
            await users.GetRolesAsync((await users.FindByNameAsync("secadmin"))!),
            await users.GetRolesAsync((await users.FindByNameAsync("auditor"))!),
        });
        roles[0].ShouldBe([Roles.SystemAdministrator]);
        roles[1].ShouldBe([Roles.SecurityAdministrator]);
        roles[2].ShouldBe([Roles.AuditAdministrator]);
    }

    [Fact]
    public async Task No_account_can_hold_a_second_role_not_through_Identity_and_not_through_SQL()
    {
        var name = await TestAccounts.CreateAsync(app, "dual", Roles.SystemAdministrator);
        await Should.ThrowAsync<DbUpdateException>(() => TestAccounts.WithUsersAsync(app, async users =>
            await users.AddToRoleAsync((await users.FindByNameAsync(name))!, Roles.AuditAdministrator)));
        var ids = await app.WithDbAsync(async db => (
            User: await db.Users.Where(u => u.UserName == name).Select(u => u.Id).SingleAsync(_ct),
            Role: await db.Roles.Where(r => r.Name == Roles.SecurityAdministrator).Select(r => r.Id).SingleAsync(_ct)));
        await Should.ThrowAsync<Exception>(() => app.WithDbAsync(db =>
            db.Database.ExecuteSqlAsync($"INSERT INTO \"AspNetUserRoles\" (\"UserId\", \"RoleId\") VALUES ({ids.User}, {ids.Role})", _ct)));
        (await TestAccounts.WithUsersAsync(app, async users => await users.GetRolesAsync((await users.FindByNameAsync(name))!))).ShouldBe([Roles.SystemAdministrator]);
    }
}

[Collection(SqliteApp.Name)]
public sealed class SqliteSeparationOfDutiesTests(SqliteAppFixture app) : SeparationOfDutiesTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresSeparationOfDutiesTests(PostgresAppFixture app) : SeparationOfDutiesTests(app);
