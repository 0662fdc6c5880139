using System.Net;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Tidu.Data.Entities.Sharing;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Security;

/// <summary>
/// Keys with least privilege: a key gets the one purpose the administrator chose when making it (no default
/// <c>enterprises:read</c>); a list key pulls its list — consenting enterprises of its region and tiers — and reads
/// nothing else; a file key reads files and nothing of the workflow or the service.
/// </summary>
public abstract class KeyPrivilegeTests(TiduAppFixture app)
{
    private static readonly string[] WorkflowAndService =
    [
        "/api/v1/applications", "/api/v1/requests", "/api/v1/visits", "/api/v1/pools", "/api/v1/recognitions", "/api/v1/commissioners",
        "/api/v1/notifications", "/api/v1/rounds",
    ];

    [Fact]
    public async Task A_list_key_pulls_only_consenting_enterprises_and_reads_no_file()
    {
        // Even a scope string that also says enterprises:read does not make a list key read files.
        var key = await ApiKeys.CreateAsync(app, "330100", "lists:read enterprises:read", RecipientKinds.Bank, "innovative-sme specialized-sme little-giant");
        using var bank = Sessions.WithApiKey(app, key);

        foreach (var url in WorkflowAndService.Concat(["/api/v1/enterprises", "/api/v1/enterprises/export.xlsx", $"/api/v1/enterprises/{KnownEnterprises.Shangcheng.CreditCode}"]))
        {
            (await bank.GetJsonAsync(url)).Status.ShouldBe(HttpStatusCode.Forbidden, url);
        }
        var (status, json, text) = await bank.GetJsonAsync("/api/v1/lists/enterprises");
        status.ShouldBe(HttpStatusCode.OK, text);
        var listed = json!["enterprises"]!.AsArray().Select(e => e!["creditCode"]!.GetValue<string>()).ToList();
        listed.ShouldNotBeEmpty(); // the demo data gives every other Hangzhou enterprise a paper consent to banks
        var consenting = await app.WithDbAsync(db => db.SharingConsents
            .Where(c => c.RecipientKind == RecipientKinds.Bank && c.WithdrawnAt == null && c.Enterprise.CityCode == "330100")
            .Select(c => c.Enterprise.CreditCode).ToListAsync());
        listed.ShouldBeSubsetOf(consenting);
    }

    [Fact]
    public async Task A_file_key_reads_the_files_of_its_region_and_nothing_of_the_workflow_the_service_or_the_lists()
    {
        using var reader = Sessions.WithApiKey(app, await ApiKeys.CreateAsync(app, "330102", "enterprises:read"));
        (await reader.GetJsonAsync($"/api/v1/enterprises/{KnownEnterprises.Shangcheng.CreditCode}")).Status.ShouldBe(HttpStatusCode.OK);
        foreach (var url in WorkflowAndService.Append("/api/v1/lists/enterprises"))
        {
            (await reader.GetJsonAsync(url)).Status.ShouldBe(HttpStatusCode.Forbidden, url);
        }
    }

    [Fact]
    public async Task The_administrator_makes_a_key_only_for_a_purpose_chosen_explicitly()
    {
        using var admin = await Sessions.LoginAsync(app, "admin");
        var page = await admin.GetPageAsync("/Admin/ApiKeys");
        var name = "密钥用途测试 " + Guid.NewGuid().ToString("N")[..6];

        async Task<string> CreateAsync(params (string Key, string Value)[] fields)
        {
            var (status, html) = await admin.PostFormAsync("/Admin/ApiKeys?handler=Create", page,
                fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).Prepend(new("regionCode", "330100")).Prepend(new("name", name)));
            status.ShouldBe(HttpStatusCode.OK);
            return html;
        }

        (await CreateAsync()).ShouldContain("请选择密钥用途");
        (await CreateAsync(("purpose", "list"), ("recipientKind", "bank"))).ShouldContain("至少选择一个梯度");
        (await CreateAsync(("purpose", "read"), ("recipientKind", "bank"), ("tiers", "little-giant"))).ShouldContain("只有名单推送密钥");
        (await app.WithDbAsync(db => db.ApiKeys.CountAsync(k => k.Name == name))).ShouldBe(0);

        (await CreateAsync(("purpose", "read"))).ShouldContain("data-testid=\"new-key\"");
        (await CreateAsync(("purpose", "list"), ("recipientKind", "bank"), ("tiers", "little-giant"))).ShouldContain("data-testid=\"new-key\"");
        var made = await app.WithDbAsync(db => db.ApiKeys.Where(k => k.Name == name).OrderBy(k => k.Id).Select(k => new { k.Scopes, k.RecipientKind, k.Tiers }).ToListAsync());
        made.Select(k => k.Scopes).ShouldBe(["enterprises:read", "lists:read"]);
        made[0].RecipientKind.ShouldBeNull();
        made[1].Tiers.ShouldBe("little-giant");
    }
}

[Collection(SqliteApp.Name)]
public sealed class SqliteKeyPrivilegeTests(SqliteAppFixture app) : KeyPrivilegeTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresKeyPrivilegeTests(PostgresAppFixture app) : KeyPrivilegeTests(app);
