using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Tidu.Data.Entities;
using Tidu.Data.Scoping;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Security;

/// <summary>
/// Recognitions only through the procedure: a round's decision, or an issuing authority's official list entered (and
/// audited) by the administrator — never a file edit (PUT) or an import, whoever sends it; a PUT without
/// <c>recognitions</c> keeps them; the database refuses a recognition written without a basis.
/// </summary>
public abstract class RecognitionProcedureTests(TiduAppFixture app)
{
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static readonly DateOnly Recognized = new(2025, 7, 1);

    private static JsonObject LittleGiant() => new()
    {
        ["tier"] = "little-giant",
        ["recognizedOn"] = Day(Recognized),
        ["validUntil"] = Day(Recognized.AddYears(3).AddDays(-1)),
        ["issuer"] = "工业和信息化部",
    };

    [Fact]
    public async Task An_officers_import_cannot_add_a_recognition_to_a_stored_or_a_new_file_and_the_rows_say_why()
    {
        using var county = await Sessions.LoginAsync(app, "sc-county");
        var stored = KnownEnterprises.Shangcheng;
        var fresh = CreditCodes.For("330102", 810_001);
        var forged = Profiles.Minimal(stored.CreditCode, stored.Name, stored.RegionCode);
        forged["recognitions"] = new JsonArray(LittleGiant());
        var forgedNew = Profiles.Minimal(fresh, "伪造认定新建有限公司", "330102");
        forgedNew["recognitions"] = new JsonArray(LittleGiant());
        var honest = Profiles.Minimal(CreditCodes.For("330102", 810_002), "正常导入有限公司", "330102");
        var file = Encoding.UTF8.GetBytes(new JsonArray(forged, forgedNew, honest).ToJsonString());

        var (status, json, text) = await county.ImportAsync("forged.json", file, commit: true);
        status.ShouldBe(HttpStatusCode.OK, text);
        var issues = json!["issues"]!.AsArray().Select(i => i!.AsObject()).ToList();
        issues.Select(i => i["row"]!.GetValue<long>()).ShouldBe([1L, 2L]);
        issues.ShouldAllBe(i => i["column"]!.GetValue<string>() == "认定" && i["reasonZh"]!.GetValue<string>().Contains("认定程序"));
        json["committed"]!["created"]!.GetValue<int>().ShouldBe(1);

        (await RecognitionsOfAsync(stored.CreditCode)).ShouldNotContain(r => r.Tier == "little-giant" && r.RecognizedOn == Recognized);
        (await FileState.ReadAsync(app, fresh)).ShouldBeNull();
    }

    [Fact]
    public async Task A_put_keeps_the_recognitions_it_leaves_out_and_is_refused_when_it_changes_them()
    {
        var code = CreditCodes.For("330102", 810_010);
        using var county = await Sessions.LoginAsync(app, "sc-county");
        (await county.PutJsonAsync($"/api/v1/enterprises/{code}", Profiles.Minimal(code, "认定保留有限公司", "330102"))).Status.ShouldBe(HttpStatusCode.OK);
        await EnterListAsync(code, "测试名单〔保留〕");
        var before = await RecognitionsOfAsync(code);
        before.ShouldHaveSingleItem().Basis.ShouldBe("official-list:测试名单〔保留〕");

        // A file edit without recognitions (a new revenue figure) keeps the recognition.
        var (kept, _, keptText) = await county.PutJsonAsync($"/api/v1/enterprises/{code}", Profiles.Minimal(code, "认定保留有限公司", "330102", revenue: 6000m));
        kept.ShouldBe(HttpStatusCode.OK, keptText);
        (await RecognitionsOfAsync(code)).Select(r => r.Id).ShouldBe(before.Select(r => r.Id));

        // The file as read back (recognitions included) is written back unchanged.
        var current = (await county.GetJsonAsync($"/api/v1/enterprises/{code}")).Json!;
        (await county.PutJsonAsync($"/api/v1/enterprises/{code}", current)).Status.ShouldBe(HttpStatusCode.OK);

        // Dropping, changing or adding one is refused in Chinese, and nothing changes.
        var state = await FileState.ReadAsync(app, code);
        foreach (var recognitions in new[] { new JsonArray(), new JsonArray(LittleGiant(), LittleGiant().Also("tier", "specialized-sme")) })
        {
            var edited = Profiles.Minimal(code, "认定保留有限公司", "330102", revenue: 7000m);
            edited["recognitions"] = recognitions;
            var (status, json, text) = await county.PutJsonAsync($"/api/v1/enterprises/{code}", edited);
            status.ShouldBe(HttpStatusCode.UnprocessableEntity, text);
            json!["title"]!.GetValue<string>().ShouldContain("认定信息只能由认定程序");
        }
        (await FileState.ReadAsync(app, code)).ShouldBe(state);
        (await RecognitionsOfAsync(code)).Select(r => r.Id).ShouldBe(before.Select(r => r.Id));
    }

    [Fact]
    public async Task Only_the_administrator_enters_an_official_list_and_the_list_is_on_record()
    {
        var code = CreditCodes.For("330102", 810_020);
        var unknown = CreditCodes.For("330102", 810_021);
        using var county = await Sessions.LoginAsync(app, "sc-county");
        (await county.PutJsonAsync($"/api/v1/enterprises/{code}", Profiles.Minimal(code, "官方名单有限公司", "330102"))).Status.ShouldBe(HttpStatusCode.OK);
        var body = ListBody("测试名单〔官方〕", code, unknown);
        foreach (var officer in new[] { "sc-county", "zj-province" })
        {
            using var client = await Sessions.LoginAsync(app, officer);
            (await client.PostJsonAsync("/api/v1/recognitions/official-lists", body)).Status.ShouldBe(HttpStatusCode.Forbidden, officer);
        }
        (await RecognitionsOfAsync(code)).ShouldBeEmpty();

        using var admin = await Sessions.LoginAsync(app, "admin");
        var (status, json, text) = await admin.PostJsonAsync("/api/v1/recognitions/official-lists", body);
        status.ShouldBe(HttpStatusCode.Created, text);
        json!["added"]!.GetValue<int>().ShouldBe(1);
        json["unknown"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldBe([unknown]);
        (await RecognitionsOfAsync(code)).ShouldHaveSingleItem().Basis.ShouldBe("official-list:测试名单〔官方〕");
        (await FileState.ReadAsync(app, unknown)).ShouldBeNull("a list names files; it does not create them");
        var audited = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Entity == "OfficialRecognitionList").Select(a => a.After!).ToListAsync());
        audited.ShouldContain(a => a.Contains("测试名单〔官方〕") && a.Contains("admin"));
        // The same list again adds nothing.
        (await admin.PostJsonAsync("/api/v1/recognitions/official-lists", body)).Json!["unchanged"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task The_database_refuses_a_recognition_written_without_a_basis_whoever_writes_it()
    {
        var id = await app.WithDbAsync(db => db.Enterprises.Where(e => e.CreditCode == KnownEnterprises.Shangcheng.CreditCode).Select(e => e.Id).SingleAsync());
        foreach (var scope in new[] { RegionScope.Region("sc-county", "330102"), RegionScope.Everything("admin") })
        {
            await Should.ThrowAsync<RecognitionBasisMissingException>(() => app.WithDbAsync(db =>
            {
                db.Recognitions.Add(new EnterpriseRecognition { EnterpriseId = id, Tier = "little-giant", RecognizedOn = Recognized, Issuer = "伪造" });
                return db.SaveChangesAsync();
            }, scope));
        }
        (await RecognitionsOfAsync(KnownEnterprises.Shangcheng.CreditCode)).ShouldNotContain(r => r.Issuer == "伪造");
    }

    private static JsonObject ListBody(string document, params string[] codes) => new()
    {
        ["tier"] = "little-giant",
        ["issuer"] = "工业和信息化部",
        ["documentNumber"] = document,
        ["recognizedOn"] = Day(Recognized),
        ["validUntil"] = Day(Recognized.AddYears(3).AddDays(-1)),
        ["creditCodes"] = new JsonArray([.. codes.Select(c => (JsonNode)c)]),
    };

    private async Task EnterListAsync(string code, string document)
    {
        using var admin = await Sessions.LoginAsync(app, "admin");
        var (status, _, text) = await admin.PostJsonAsync("/api/v1/recognitions/official-lists", ListBody(document, code));
        status.ShouldBe(HttpStatusCode.Created, text);
    }

    private Task<List<EnterpriseRecognition>> RecognitionsOfAsync(string code) =>
        app.WithDbAsync(db => db.Recognitions.AsNoTracking().Where(r => r.Enterprise.CreditCode == code).OrderBy(r => r.Id).ToListAsync());
}

internal static class JsonObjects
{
    /// <summary>The object with one member set (a copy).</summary>
    public static JsonObject Also(this JsonObject o, string key, string value)
    {
        var copy = o.DeepClone().AsObject();
        copy[key] = value;
        return copy;
    }
}

[Collection(SqliteApp.Name)]
public sealed class SqliteRecognitionProcedureTests(SqliteAppFixture app) : RecognitionProcedureTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresRecognitionProcedureTests(PostgresAppFixture app) : RecognitionProcedureTests(app);
