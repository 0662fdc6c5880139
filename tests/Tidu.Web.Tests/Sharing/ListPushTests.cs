using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Shouldly;
using Tidu.Data.Entities;
using Tidu.Web.Security;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Sharing;

/// <summary>
/// List push to banks: a bank key reads only consenting enterprises in its region and tiers,
/// loses one when its consent is withdrawn, every pull is logged with its row count and hash, and the XLSX
/// carries the same rows as the JSON.
/// </summary>
public abstract class ListPushTests(TiduAppFixture app)
{
    private const string ListPath = "/api/v1/lists/enterprises";
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    // 西湖区 is in Hangzhou (330100), the bank key's region; 海曙区 is in Ningbo, outside it.
    private static readonly string Consenting = CreditCodes.For("330106", 7001);
    private static readonly string NoConsent = CreditCodes.For("330106", 7002);
    private static readonly string OtherTier = CreditCodes.For("330106", 7003);
    private static readonly string OtherRegion = CreditCodes.For("330203", 7004);
    private static readonly string ServiceBodyOnly = CreditCodes.For("330106", 7005);

    [Fact]
    public async Task A_bank_key_reads_only_consenting_enterprises_in_its_region_and_tiers()
    {
        await ArrangeAsync();
        using var bank = Sessions.WithApiKey(app, await BankKeyAsync());

        var codes = await ListedAsync(bank);
        codes.ShouldContain(Consenting);
        codes.ShouldNotContain(NoConsent);        // recognised, in region and tier, but never consented
        codes.ShouldNotContain(OtherTier);        // consented, but only an innovative SME: not a tier of the key
        codes.ShouldNotContain(OtherRegion);      // consented, recognised, but in Ningbo
        codes.ShouldNotContain(ServiceBodyOnly);  // consented to service bodies, not to banks
    }

    [Fact]
    public async Task Asking_for_a_region_or_a_tier_outside_the_key_is_forbidden_and_a_narrower_region_is_not()
    {
        await ArrangeAsync();
        using var bank = Sessions.WithApiKey(app, await BankKeyAsync());
        (await bank.GetJsonAsync(ListPath + "?region=330200")).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await bank.GetJsonAsync(ListPath + "?region=330000")).Status.ShouldBe(HttpStatusCode.Forbidden); // the province contains the key's city
        (await bank.GetJsonAsync(ListPath + "?tier=innovative-sme")).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await bank.GetJsonAsync(ListPath + ".xlsx?tier=little-giant,hidden-champion")).Status.ShouldBe(HttpStatusCode.Forbidden);

        var (status, json, text) = await bank.GetJsonAsync(ListPath + "?region=330106&tier=little-giant");
        status.ShouldBe(HttpStatusCode.OK, text);
        Codes(json!).ShouldContain(Consenting);
        (await bank.GetJsonAsync(ListPath + "?region=330102")).Json!["enterprises"]!.AsArray().Select(r => r!["creditCode"]!.GetValue<string>()).ShouldNotContain(Consenting);
    }

    [Fact]
    public async Task Keys_without_the_list_scope_and_signed_in_users_cannot_pull_lists()
    {
        var (plain, prefix, hash) = ApiKeyAuthentication.NewKey();
        await app.WithDbAsync(async db =>
        {
            // Same region and tiers as a bank key, but only enterprises:read: the list needs lists:read.
            db.ApiKeys.Add(new ApiKey { Name = "只读密钥", Prefix = prefix, SecretHash = hash, RegionCode = "330100", Scopes = "enterprises:read", Tiers = "little-giant", RecipientKind = "bank" });
            await db.SaveChangesAsync(_ct);
        });
        using var reader = Sessions.WithApiKey(app, plain);
        (await reader.GetJsonAsync(ListPath)).Status.ShouldBe(HttpStatusCode.Forbidden);

        using var officer = await Sessions.LoginAsync(app, "hz-city");
        (await officer.GetJsonAsync(ListPath)).Status.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Withdrawing_consent_takes_the_enterprise_off_the_next_list()
    {
        var code = CreditCodes.For("330106", 7010);
        using var officer = await Sessions.LoginAsync(app, "hz-city");
        await CreateRecognisedAsync(officer, code, "撤回测试有限公司", "330106", "little-giant");
        var consent = await GiveAsync(officer, code, "bank", "纸质-2026-010");
        using var bank = Sessions.WithApiKey(app, await BankKeyAsync());
        (await ListedAsync(bank)).ShouldContain(code);

        var (status, json, text) = await officer.PostJsonAsync($"/api/v1/enterprises/{code}/consents/{consent}/withdraw", new JsonObject());
        status.ShouldBe(HttpStatusCode.OK, text);
        json!["active"]!.GetValue<bool>().ShouldBeFalse();
        json["withdrawnBy"]!.GetValue<string>().ShouldBe("hz-city");
        (await ListedAsync(bank)).ShouldNotContain(code);
    }

    [Fact]
    public async Task Consent_is_recorded_with_who_when_and_how_and_each_party_acts_only_within_its_scope()
    {
        var code = CreditCodes.For("330106", 7020);
        using var officer = await Sessions.LoginAsync(app, "hz-city");
        await CreateRecognisedAsync(officer, code, "授权记录有限公司", "330106", "little-giant");

        // An officer records consent given on paper, and only with the form's reference.
        (await officer.PostJsonAsync($"/api/v1/enterprises/{code}/consents", new JsonObject { ["recipientKind"] = "bank" })).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await officer.PostJsonAsync($"/api/v1/enterprises/{code}/consents", new JsonObject { ["recipientKind"] = "insurer", ["paperReference"] = "x" })).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var (status, json, text) = await officer.PostJsonAsync($"/api/v1/enterprises/{code}/consents", new JsonObject { ["recipientKind"] = "bank", ["paperReference"] = "杭经信授〔2026〕20号" });
        status.ShouldBe(HttpStatusCode.Created, text);
        json!["basis"]!.GetValue<string>().ShouldBe("paper");
        json["givenBy"]!.GetValue<string>().ShouldBe("hz-city");
        json["paperReference"]!.GetValue<string>().ShouldBe("杭经信授〔2026〕20号");

        using var elsewhere = await Sessions.LoginAsync(app, "hb-province");
        (await elsewhere.PostJsonAsync($"/api/v1/enterprises/{code}/consents", new JsonObject { ["recipientKind"] = "bank", ["paperReference"] = "x" })).Status.ShouldBe(HttpStatusCode.NotFound);

        // The enterprise user gives consent online for its own file, and cannot for another's.
        using var enterprise = await Sessions.LoginAsync(app, "enterprise");
        var own = await app.EnterpriseUserCreditCodeAsync();
        var given = await enterprise.PostJsonAsync($"/api/v1/enterprises/{own}/consents", new JsonObject { ["recipientKind"] = "service-body" });
        given.Status.ShouldBe(HttpStatusCode.Created, given.Text);
        given.Json!["basis"]!.GetValue<string>().ShouldBe("online");
        given.Json["givenBy"]!.GetValue<string>().ShouldBe("enterprise");
        (await enterprise.PostJsonAsync($"/api/v1/enterprises/{code}/consents", new JsonObject { ["recipientKind"] = "bank" })).Status.ShouldBe(HttpStatusCode.NotFound);
        var withdrawn = await enterprise.PostJsonAsync($"/api/v1/enterprises/{own}/consents/{given.Json["id"]!.GetValue<long>()}/withdraw", new JsonObject());
        withdrawn.Status.ShouldBe(HttpStatusCode.OK, withdrawn.Text);

        // Both the consent and its withdrawal are in the audit trail of the file.
        var audited = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.CreditCode == own && a.Entity == "SharingConsent").Select(a => a.Action).ToListAsync(_ct));
        audited.ShouldContain("insert");
        audited.ShouldContain("update");
    }

    [Fact]
    public async Task Every_pull_is_logged_with_its_rows_and_hash_and_shown_to_officers_of_the_region()
    {
        await ArrangeAsync();
        using var bank = Sessions.WithApiKey(app, await BankKeyAsync("日志银行"));
        var (_, json, _) = await bank.GetJsonAsync(ListPath);
        using var xlsx = await bank.GetAsync(Http.Url(ListPath + ".xlsx"), _ct);
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);

        var pulls = await app.WithDbAsync(db => db.ListPulls.AsNoTracking().Where(p => p.KeyName == "日志银行").OrderBy(p => p.Id).ToListAsync(_ct));
        pulls.Select(p => p.Format).ShouldBe(["json", "xlsx"]);
        pulls.ShouldAllBe(p => p.Rows == json!["enterprises"]!.AsArray().Count && p.RegionCode == "330100" && p.RecipientKind == "bank" && p.Tiers == "specialized-sme little-giant");
        pulls[0].ListHash.ShouldBe(json!["listHash"]!.GetValue<string>());
        pulls[1].ListHash.ShouldBe(pulls[0].ListHash); // same rows, same hash, whatever the format
        xlsx.Headers.GetValues("X-List-Hash").Single().ShouldBe(pulls[0].ListHash);

        using var officer = await Sessions.LoginAsync(app, "hz-city");
        var seen = (await officer.GetJsonAsync("/api/v1/lists/pulls")).Json!.AsArray();
        seen.Count(p => p!["keyName"]!.GetValue<string>() == "日志银行").ShouldBe(2);
        using var elsewhere = await Sessions.LoginAsync(app, "hb-province");
        (await elsewhere.GetJsonAsync("/api/v1/lists/pulls")).Json!.AsArray().ShouldNotContain(p => p!["keyName"]!.GetValue<string>() == "日志银行");
        using var page = await officer.GetAsync(Http.Url("/Sharing/Pulls"), _ct);
        (await page.Content.ReadAsStringAsync(_ct)).ShouldContain("日志银行");
    }

    [Fact]
    public async Task The_XLSX_has_the_same_rows_as_the_JSON()
    {
        await ArrangeAsync();
        using var bank = Sessions.WithApiKey(app, await BankKeyAsync());
        var json = (await bank.GetJsonAsync(ListPath)).Json!["enterprises"]!.AsArray();
        using var response = await bank.GetAsync(Http.Url(ListPath + ".xlsx"), _ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(_ct);
        using var stream = new MemoryStream(bytes);
        var sheet = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();

        json.Count.ShouldBeGreaterThan(0);
        sheet.Select(r => (string)r["统一社会信用代码"]!).ShouldBe(json.Select(r => r!["creditCode"]!.GetValue<string>()));
        sheet.Select(r => (string)r["企业名称"]!).ShouldBe(json.Select(r => r!["name"]!.GetValue<string>()));
        sheet.Select(r => r["认定梯度代码"]?.ToString() ?? "").ShouldBe(json.Select(r => string.Join(",", r!["recognitions"]!.AsArray().Select(x => x!["tier"]!.GetValue<string>()))));
        sheet.Select(r => r["符合条件梯度代码"]?.ToString() ?? "").ShouldBe(json.Select(r => string.Join(",", r!["qualifiedTiers"]!.AsArray().Select(x => x!.GetValue<string>()))));
    }

    /// <summary>The five enterprises of the scope cases (idempotent: every test may call it).</summary>
    private async Task ArrangeAsync()
    {
        if (await app.WithDbAsync(db => db.Enterprises.IgnoreQueryFilters().AnyAsync(e => e.CreditCode == ServiceBodyOnly, _ct)))
        {
            return;
        }
        using var city = await Sessions.LoginAsync(app, "hz-city");
        await CreateRecognisedAsync(city, Consenting, "名单授权有限公司", "330106", "little-giant");
        await GiveAsync(city, Consenting, "bank", "纸质-2026-001");
        await CreateRecognisedAsync(city, NoConsent, "名单未授权有限公司", "330106", "little-giant");
        await CreateRecognisedAsync(city, OtherTier, "名单创新型有限公司", "330106", "innovative-sme");
        await GiveAsync(city, OtherTier, "bank", "纸质-2026-003");
        await CreateRecognisedAsync(city, ServiceBodyOnly, "名单服务机构授权有限公司", "330106", "little-giant");
        await GiveAsync(city, ServiceBodyOnly, "service-body", "纸质-2026-005");
        using var province = await Sessions.LoginAsync(app, "zj-province");
        await CreateRecognisedAsync(province, OtherRegion, "名单宁波有限公司", "330203", "little-giant");
        await GiveAsync(province, OtherRegion, "bank", "纸质-2026-004");
        // The minimal files qualify for no tier of the key by evaluation: only recognitions put them on a list.
        var qualified = await app.WithDbAsync(db => db.TierOutcomes.IgnoreQueryFilters()
            .Where(t => t.Qualified && (t.Tier == "specialized-sme" || t.Tier == "little-giant") && t.Enterprise.CreditCode == OtherTier).CountAsync(_ct));
        qualified.ShouldBe(0);
    }

    private async Task CreateRecognisedAsync(HttpClient officer, string code, string name, string region, string tier)
    {
        var put = await officer.PutJsonAsync($"/api/v1/enterprises/{code}", Profiles.Minimal(code, name, region));
        put.Status.ShouldBe(HttpStatusCode.OK, put.Text);
        await app.WithDbAsync(async db =>
        {
            var id = await db.Enterprises.Where(e => e.CreditCode == code).Select(e => e.Id).SingleAsync(_ct);
            db.Recognitions.Add(new EnterpriseRecognition { EnterpriseId = id, Tier = tier, RecognizedOn = new DateOnly(2024, 7, 1), ValidUntil = new DateOnly(2099, 6, 30) });
            await db.SaveChangesAsync(_ct);
        });
    }

    private static async Task<long> GiveAsync(HttpClient officer, string code, string kind, string paper)
    {
        var (status, json, text) = await officer.PostJsonAsync($"/api/v1/enterprises/{code}/consents", new JsonObject { ["recipientKind"] = kind, ["paperReference"] = paper });
        status.ShouldBe(HttpStatusCode.Created, text);
        return json!["id"]!.GetValue<long>();
    }

    private async Task<string> BankKeyAsync(string name = "杭州测试银行")
    {
        var (key, prefix, hash) = ApiKeyAuthentication.NewKey();
        await app.WithDbAsync(async db =>
        {
            db.ApiKeys.Add(new ApiKey
            {
                Name = name,
                Prefix = prefix,
                SecretHash = hash,
                RegionCode = "330100",
                Scopes = "lists:read",
                RecipientKind = "bank",
                Tiers = "specialized-sme little-giant",
            });
            await db.SaveChangesAsync(_ct);
        });
        return key;
    }

    private static async Task<List<string>> ListedAsync(HttpClient bank)
    {
        var (status, json, text) = await bank.GetJsonAsync(ListPath);
        status.ShouldBe(HttpStatusCode.OK, text);
        return Codes(json!);
    }

    private static List<string> Codes(JsonNode json) => json["enterprises"]!.AsArray().Select(r => r!["creditCode"]!.GetValue<string>()).ToList();
}

[Collection(SqliteApp.Name)]
public sealed class SqliteListPushTests(SqliteAppFixture app) : ListPushTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresListPushTests(PostgresAppFixture app) : ListPushTests(app);
