using System.Net;
using System.Text.Json.Nodes;
using Shouldly;
using Tidu.Data.Entities;
using Tidu.Web.Security;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Scope;

/// <summary>
/// Region scope through the API, for every role but the administrator: an enterprise outside the caller's region
/// is not found when read, missing from lists and exports, refused when written — and the database is unchanged.
/// Each case also reads an enterprise inside the caller's scope, so a scope that hid everything would fail.
/// </summary>
public abstract class RegionScopeTests(TiduAppFixture app)
{
    private static readonly Dictionary<string, KnownEnterprise> ByName = KnownEnterprises.All.ToDictionary(k => k.Name);

    /// <summary>Demo account (its role in its region, docs/procedure.md) → an enterprise outside its scope, and one inside (null: none is).</summary>
    public static TheoryData<string, string, string?> Cases => new()
    {
        { "sc-county", KnownEnterprises.Gongshu.Name, KnownEnterprises.Shangcheng.Name },     // county officer 330102 → sibling county
        { "gs-county", KnownEnterprises.Shangcheng.Name, KnownEnterprises.Gongshu.Name },     // county officer 330105 → sibling county
        { "hz-city", KnownEnterprises.Haishu.Name, KnownEnterprises.Gongshu.Name },           // city officer 330100 → Ningbo
        { "hz-city", KnownEnterprises.Jiang_an.Name, KnownEnterprises.Shangcheng.Name },      // city officer 330100 → Hubei
        { "zj-province", KnownEnterprises.Jiang_an.Name, KnownEnterprises.Haishu.Name },      // province officer 330000 → Hubei
        { "hb-province", KnownEnterprises.Shangcheng.Name, KnownEnterprises.Jiang_an.Name },  // province officer 420000 → Zhejiang
        { "expert", KnownEnterprises.Shangcheng.Name, null },                                 // experts see nothing until assigned
        { "enterprise", KnownEnterprises.Shangcheng.Name, "" },                               // enterprise user: only its own file ("" = its own)
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_role_can_neither_read_nor_write_an_enterprise_outside_its_region(string user, string outsideName, string? insideName)
    {
        var outside = ByName[outsideName];
        using var client = await Sessions.LoginAsync(app, user);
        var before = await FileState.ReadAsync(app, outside.CreditCode);

        await ShouldNotSeeAsync(client, outside);
        await ShouldNotWriteAsync(client, outside);

        (await FileState.ReadAsync(app, outside.CreditCode)).ShouldBe(before);

        if (insideName is not null)
        {
            var inside = insideName.Length == 0 ? await app.EnterpriseUserCreditCodeAsync() : ByName[insideName].CreditCode;
            var (status, json, _) = await client.GetJsonAsync($"/api/v1/enterprises/{inside}");
            status.ShouldBe(HttpStatusCode.OK);
            json!["creditCode"]!.GetValue<string>().ShouldBe(inside);
            (await client.GetJsonAsync($"/api/v1/enterprises?q={inside}")).Json!["total"]!.GetValue<int>().ShouldBe(1);
        }
    }

    [Fact]
    public async Task A_read_only_API_key_reads_its_region_only_and_cannot_write_at_all()
    {
        var key = await CreateKeyAsync("330102", "enterprises:read");
        using var client = Sessions.WithApiKey(app, key);
        var inside = KnownEnterprises.Shangcheng;
        var outside = KnownEnterprises.Gongshu;
        var insideBefore = await FileState.ReadAsync(app, inside.CreditCode);
        var outsideBefore = await FileState.ReadAsync(app, outside.CreditCode);

        (await client.GetJsonAsync($"/api/v1/enterprises/{inside.CreditCode}")).Status.ShouldBe(HttpStatusCode.OK);
        await ShouldNotSeeAsync(client, outside);
        var (putInside, _, _) = await client.PutJsonAsync($"/api/v1/enterprises/{inside.CreditCode}", Renamed(inside));
        putInside.ShouldBe(HttpStatusCode.Forbidden);
        await ShouldNotWriteAsync(client, outside);

        (await FileState.ReadAsync(app, inside.CreditCode)).ShouldBe(insideBefore);
        (await FileState.ReadAsync(app, outside.CreditCode)).ShouldBe(outsideBefore);
    }

    [Fact]
    public async Task A_writing_API_key_writes_inside_its_region_and_is_refused_row_by_row_outside()
    {
        var key = await CreateKeyAsync("330102", "enterprises:read enterprises:write");
        using var client = Sessions.WithApiKey(app, key);
        var outside = KnownEnterprises.Gongshu;
        var before = await FileState.ReadAsync(app, outside.CreditCode);

        await ShouldNotWriteAsync(client, outside);
        (await FileState.ReadAsync(app, outside.CreditCode)).ShouldBe(before);

        // The same body for its own region is accepted (unchanged content: nothing created or updated).
        var inside = KnownEnterprises.Shangcheng;
        var current = (await client.GetJsonAsync($"/api/v1/enterprises/{inside.CreditCode}")).Json!;
        var (status, json, text) = await client.PutJsonAsync($"/api/v1/enterprises/{inside.CreditCode}", current);
        status.ShouldBe(HttpStatusCode.OK, text);
        json!["unchanged"]!.GetValue<int>().ShouldBe(1);
    }

    private static async Task ShouldNotSeeAsync(HttpClient client, KnownEnterprise e)
    {
        var (status, json, text) = await client.GetJsonAsync($"/api/v1/enterprises/{e.CreditCode}");
        if (status == HttpStatusCode.Forbidden)
        {
            // A role that may not read enterprise files at all (an expert without assignment): every read is refused.
            foreach (var url in new[] { $"/api/v1/enterprises/{e.CreditCode}/evaluation", $"/api/v1/enterprises?q={e.CreditCode}", "/api/v1/enterprises/export.xlsx" })
            {
                (await client.GetJsonAsync(url)).Status.ShouldBe(HttpStatusCode.Forbidden, url);
            }
            return;
        }
        status.ShouldBe(HttpStatusCode.NotFound, text);
        json!["status"]!.GetValue<int>().ShouldBe(404);
        (await client.GetJsonAsync($"/api/v1/enterprises/{e.CreditCode}/evaluation")).Status.ShouldBe(HttpStatusCode.NotFound);

        var byCode = await client.GetJsonAsync($"/api/v1/enterprises?q={e.CreditCode}");
        byCode.Status.ShouldBe(HttpStatusCode.OK, byCode.Text);
        byCode.Json!["total"]!.GetValue<int>().ShouldBe(0);
        var byRegion = await client.GetJsonAsync($"/api/v1/enterprises?region={e.RegionCode}&pageSize=500");
        byRegion.Json!["items"]!.AsArray().Select(i => i!["creditCode"]!.GetValue<string>()).ShouldNotContain(e.CreditCode);

        using var export = await client.GetAsync(Http.Url($"/api/v1/enterprises/export.xlsx?region={e.RegionCode}"));
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rows = Tables.ReadXlsx(await export.Content.ReadAsByteArrayAsync());
        rows.Select(r => r["统一社会信用代码"]).ShouldNotContain(e.CreditCode);
    }

    private static async Task ShouldNotWriteAsync(HttpClient client, KnownEnterprise e)
    {
        var (put, putJson, putText) = await client.PutJsonAsync($"/api/v1/enterprises/{e.CreditCode}", Renamed(e));
        put.ShouldBe(HttpStatusCode.Forbidden, putText);
        putJson!["status"]!.GetValue<int>().ShouldBe(403);

        var csv = Tables.Csv([new Tables.Row(e.CreditCode, e.Name + "（改名）", e.RegionCode, "2015-03-01", "2025", "9999")]);
        var (import, json, text) = await client.ImportAsync("outside.csv", csv, commit: true);
        if (import == HttpStatusCode.Forbidden)
        {
            return; // the role may not write at all
        }
        import.ShouldBe(HttpStatusCode.OK, text);
        // The role may write, but not this row: it is refused with the reason, and nothing is saved.
        var issue = json!["issues"]!.AsArray().ShouldHaveSingleItem()!;
        issue["row"]!.GetValue<long>().ShouldBe(2);
        issue["column"]!.GetValue<string>().ShouldBe("统一社会信用代码");
        issue["reason"]!.GetValue<string>().ShouldContain("outside");
        issue["reasonZh"]!.GetValue<string>().ShouldContain("不在您的管辖区域内");
        json["validProfiles"]!.GetValue<int>().ShouldBe(0);
        json["committed"]!["created"]!.GetValue<int>().ShouldBe(0);
        json["committed"]!["updated"]!.GetValue<int>().ShouldBe(0);
    }

    private static JsonObject Renamed(KnownEnterprise e) => Profiles.Minimal(e.CreditCode, e.Name + "（改名）", e.RegionCode, revenue: 7777m);

    private async Task<string> CreateKeyAsync(string region, string scopes)
    {
        var (key, prefix, hash) = ApiKeyAuthentication.NewKey();
        await app.WithDbAsync(db =>
        {
            db.ApiKeys.Add(new ApiKey { Name = "测试银行 " + prefix, Prefix = prefix, SecretHash = hash, RegionCode = region, Scopes = scopes, CreatedAt = TestClock.Start });
            return db.SaveChangesAsync();
        });
        return key;
    }
}

[Collection(SqliteApp.Name)]
public sealed class SqliteRegionScopeTests(SqliteAppFixture app) : RegionScopeTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresRegionScopeTests(PostgresAppFixture app) : RegionScopeTests(app);
