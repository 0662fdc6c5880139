using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Importing;

/// <summary>Uploads through POST /api/v1/imports by a city officer (杭州市, 330100), committed with ?commit=true.</summary>
public abstract class ImportTests(TiduAppFixture app)
{
    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    public async Task The_shipped_template_imports_as_shipped(string format)
    {
        // As the README's walk-through does it: 上城区 downloads the template from 数据导入 and uploads it unchanged.
        using var client = await Sessions.LoginAsync(app, "sc-county");
        using var download = await client.GetAsync(Http.Url($"/Import/Template?format={format}"), TestContext.Current.CancellationToken);
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        var template = await download.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

        var (status, json, text) = await client.ImportAsync($"tidu-import-template.{format}", template, commit: false);

        status.ShouldBe(HttpStatusCode.OK, text);
        json!["issues"]!.AsArray().ShouldBeEmpty(text);
        json["badRows"]!.GetValue<int>().ShouldBe(0);
        json["validProfiles"]!.GetValue<int>().ShouldBe(1);
        Tidu.Domain.CreditCode.IsValid(Tidu.Web.Pages.Import.TemplateModel.ExampleCreditCode).ShouldBeTrue();
    }

    [Fact]
    public async Task Bad_rows_are_reported_by_row_column_and_reason_and_the_good_rows_are_saved_once()
    {
        using var client = await Sessions.LoginAsync(app, "hz-city");
        var good1 = CreditCodes.For("330106", 101);
        var good2 = CreditCodes.For("330108", 102);
        var good3 = CreditCodes.For("330110", 103);
        var badNumber = CreditCodes.For("330106", 104);
        var badDate = CreditCodes.For("330106", 105);
        var validOfBadCheck = CreditCodes.For("330106", 106);
        var badCheck = CreditCodes.WithWrongCheck(validOfBadCheck);
        Tables.Row[] rows =
        [
            new(good1, "导入测试甲有限公司", "330106", "2012-05-01", "2024", "1200.5"),       // row 2
            new(good1, "导入测试甲有限公司", "330106", "2012-05-01", "2025", "1500"),         // row 3: second year of the same file
            new(badNumber, "导入测试乙有限公司", "330106", "2012-05-01", "2025", "1,2OO"),    // row 4: not a number
            new(good2, "导入测试丙有限公司", "330108", "2016-11-30", "2025", "800"),          // row 5
            new(badDate, "导入测试丁有限公司", "330106", "2021-02-30", "2025", "800"),        // row 6: 30 February
            new(badCheck, "导入测试戊有限公司", "330106", "2012-05-01", "2025", "800"),       // row 7: wrong check character
            new(good3, "导入测试己有限公司", "330110", "2019-01-15", "2025", "60"),           // row 8
        ];
        var csv = Tables.Csv(rows);

        var (status, json, text) = await client.ImportAsync("upload.csv", csv, commit: true);

        status.ShouldBe(HttpStatusCode.OK, text);
        var issues = json!["issues"]!.AsArray().Select(i => i!.AsObject()).ToList();
        issues.Select(i => i["row"]!.GetValue<long>()).ShouldBe([4L, 6L, 7L], text);
        issues[0]["column"]!.GetValue<string>().ShouldBe("营业收入（万元）");
        issues[0]["reason"]!.GetValue<string>().ShouldContain("is not a number");
        issues[0]["reasonZh"]!.GetValue<string>().ShouldContain("不是数字");
        issues[1]["column"]!.GetValue<string>().ShouldBe("成立日期");
        issues[1]["reason"]!.GetValue<string>().ShouldContain("is not a date");
        issues[1]["reasonZh"]!.GetValue<string>().ShouldContain("不是有效日期");
        issues[2]["column"]!.GetValue<string>().ShouldBe("统一社会信用代码");
        issues[2]["reason"]!.GetValue<string>().ShouldBe($"invalid credit code: check character is '{badCheck[17]}', expected '{validOfBadCheck[17]}'");
        issues[2]["reasonZh"]!.GetValue<string>().ShouldContain("校验位");
        issues[2]["reasonZh"]!.GetValue<string>().ShouldContain($"应为“{validOfBadCheck[17]}”");
        json["badRows"]!.GetValue<int>().ShouldBe(3);
        json["validProfiles"]!.GetValue<int>().ShouldBe(3);
        json["committed"]!["created"]!.GetValue<int>().ShouldBe(3);
        json["committed"]!["updated"]!.GetValue<int>().ShouldBe(0);

        (await FileState.ReadAsync(app, good1))!.Financials.ShouldBe("2024:1200.5:300:80;2025:1500:300:80");
        (await FileState.ReadAsync(app, good2)).ShouldNotBeNull();
        (await FileState.ReadAsync(app, good3)).ShouldNotBeNull();
        foreach (var bad in new[] { badNumber, badDate, badCheck, validOfBadCheck })
        {
            (await FileState.ReadAsync(app, bad)).ShouldBeNull();
        }

        // The same file again: nothing to create or change, and no new audit entries.
        var states = await Task.WhenAll(new[] { good1, good2, good3 }.Select(c => FileState.ReadAsync(app, c)));
        var again = await client.ImportAsync("upload.csv", csv, commit: true);
        again.Status.ShouldBe(HttpStatusCode.OK, again.Text);
        again.Json!["committed"]!["created"]!.GetValue<int>().ShouldBe(0);
        again.Json!["committed"]!["updated"]!.GetValue<int>().ShouldBe(0);
        again.Json!["committed"]!["unchanged"]!.GetValue<int>().ShouldBe(3);
        (await Task.WhenAll(new[] { good1, good2, good3 }.Select(c => FileState.ReadAsync(app, c)))).ShouldBe(states);
    }

    [Fact]
    public async Task Without_commit_an_upload_is_only_validated()
    {
        using var client = await Sessions.LoginAsync(app, "hz-city");
        var code = CreditCodes.For("330106", 111);
        var (status, json, text) = await client.ImportAsync("check.csv", Tables.Csv([new(code, "只校验有限公司", "330106", "2012-05-01", "2025", "100")]), commit: false);
        status.ShouldBe(HttpStatusCode.OK, text);
        json!["validProfiles"]!.GetValue<int>().ShouldBe(1);
        json["committed"].ShouldBeNull();
        (await FileState.ReadAsync(app, code)).ShouldBeNull();
    }

    [Fact]
    public async Task A_row_the_database_refuses_costs_only_itself_the_others_are_saved_in_the_same_transaction()
    {
        using var client = await Sessions.LoginAsync(app, "hz-city");
        // 501 files: more than one save chunk, so the first chunk has been written when the last row fails.
        var codes = Enumerable.Range(0, 501).Select(i => CreditCodes.For("330109", 20_000 + i)).ToList();
        var rows = codes.Select((c, i) => new Tables.Row(c, $"事务测试{i:D3}有限公司", "330109", "2010-01-01", "2025", "500")).ToList();
        var poisoned = codes[^1];
        await RefuseInsertOfAsync(poisoned);
        try
        {
            var (status, json, text) = await client.ImportAsync("tx.csv", Tables.Csv(rows), commit: true);
            status.ShouldBe(HttpStatusCode.OK, text);
            json!["committed"]!["created"]!.GetValue<int>().ShouldBe(500);
            var issue = json["issues"]!.AsArray().ShouldHaveSingleItem()!;
            issue["row"]!.GetValue<long>().ShouldBe(502);
            issue["reasonZh"]!.GetValue<string>().ShouldContain("其他行已保存");
            text.ShouldNotContain("test: refused"); // the database's message stays in the log
            text.ShouldNotContain("   at ");
            var saved = await app.WithDbAsync(db => db.Enterprises.CountAsync(e => codes.Contains(e.CreditCode)));
            saved.ShouldBe(500);
            (await FileState.ReadAsync(app, poisoned)).ShouldBeNull();
        }
        finally
        {
            await DropRefusalAsync();
        }
    }

    [Fact]
    public async Task An_XLSX_file_in_the_template_is_imported_like_a_CSV()
    {
        using var client = await Sessions.LoginAsync(app, "hz-city");
        var code = CreditCodes.For("330112", 121);
        var xlsx = Tables.Xlsx([new(code, "表格导入有限公司", "330112", "2014-07-01", "2024", "2300.25"), new(code, "表格导入有限公司", "330112", "2014-07-01", "2025", "2600")]);
        var (status, json, text) = await client.ImportAsync("upload.xlsx", xlsx, commit: true);
        status.ShouldBe(HttpStatusCode.OK, text);
        json!["issues"]!.AsArray().ShouldBeEmpty(text);
        json["committed"]!["created"]!.GetValue<int>().ShouldBe(1);
        (await FileState.ReadAsync(app, code))!.Financials.ShouldBe("2024:2300.25:300:80;2025:2600:300:80");
    }

    [Fact]
    public async Task A_hostile_JSON_record_is_reported_and_the_others_are_imported_verbatim()
    {
        using var client = await Sessions.LoginAsync(app, "hz-city");
        var good = CreditCodes.For("330113", 131);
        var script = CreditCodes.For("330113", 132);
        var hostile = CreditCodes.For("330113", 133);
        var scriptName = "<script>alert('x')</script>\"); DROP TABLE \"Enterprises\";--";
        var hostileRecord = Profiles.Minimal(hostile, "恶意记录", "330113");
        hostileRecord["__proto__"] = new JsonObject { ["admin"] = true };
        hostileRecord["financials"]![0]!["operatingRevenue"] = JsonNode.Parse("1e400");
        hostileRecord["financials"]![1]!["employees"] = "ninety";
        var file = new JsonArray(Profiles.Minimal(good, "正常记录有限公司", "330113"), Profiles.Minimal(script, scriptName, "330113"), hostileRecord);

        var (status, json, text) = await client.ImportAsync("upload.json", Encoding.UTF8.GetBytes(file.ToJsonString()), commit: true);

        status.ShouldBe(HttpStatusCode.OK, text);
        var issues = json!["issues"]!.AsArray().Select(i => i!.AsObject()).ToList();
        issues.ShouldNotBeEmpty();
        issues.ShouldAllBe(i => i["row"]!.GetValue<long>() == 3);
        issues.Select(i => i["column"]!.GetValue<string>()).ShouldContain("/financials/1/employees");
        json["committed"]!["created"]!.GetValue<int>().ShouldBe(2);
        (await FileState.ReadAsync(app, hostile)).ShouldBeNull();
        // The odd name is data: stored as given and returned JSON-escaped, never executed or interpreted.
        var stored = await client.GetJsonAsync($"/api/v1/enterprises/{script}");
        stored.Json!["name"]!.GetValue<string>().ShouldBe(scriptName);
        (await app.WithDbAsync(db => db.Enterprises.CountAsync())).ShouldBeGreaterThan(TiduAppFixture.DemoEnterprises);
    }

    [Fact]
    public async Task A_record_that_fails_inside_the_import_is_reported_and_the_others_are_imported()
    {
        // The reader accepts a property given twice; the merge used to throw on it and fail the whole import.
        using var client = await Sessions.LoginAsync(app, "hz-city");
        var good = CreditCodes.For("330113", 151);
        var repeated = CreditCodes.For("330113", 152);
        var other = CreditCodes.For("330113", 153);
        var twice = "{\"name\":\"第一次给出的名称\"," + Profiles.Minimal(repeated, "重复属性有限公司", "330113").ToJsonString()[1..];
        var file = $"[{Profiles.Minimal(good, "正常记录甲有限公司", "330113").ToJsonString()},{twice},{Profiles.Minimal(other, "正常记录乙有限公司", "330113").ToJsonString()}]";

        var (status, json, text) = await client.ImportAsync("upload.json", Encoding.UTF8.GetBytes(file), commit: true);

        status.ShouldBe(HttpStatusCode.OK, text);
        var issue = json!["issues"]!.AsArray().ShouldHaveSingleItem()!;
        issue["row"]!.GetValue<long>().ShouldBe(2);
        issue["reasonZh"]!.GetValue<string>().ShouldContain("内部错误");
        // No part of the exception: its type and message are in the server log only.
        issue["reason"]!.GetValue<string>().ShouldBe("internal error; the details are in the server log");
        json["committed"]!["created"]!.GetValue<int>().ShouldBe(2);
        (await FileState.ReadAsync(app, good)).ShouldNotBeNull();
        (await FileState.ReadAsync(app, other)).ShouldNotBeNull();
        (await FileState.ReadAsync(app, repeated)).ShouldBeNull();
    }

    [Fact]
    public async Task A_region_code_outside_the_region_table_is_a_row_issue_not_a_failed_import()
    {
        using var client = await Sessions.LoginAsync(app, "zj-province");
        var unknown = CreditCodes.For("330199", 141); // 330199 is six digits but no region of the shipped table
        var good = CreditCodes.For("330106", 142);
        var csv = Tables.Csv([new(unknown, "未知区划有限公司", "330199", "2012-05-01", "2025", "100"), new(good, "已知区划有限公司", "330106", "2012-05-01", "2025", "100")]);
        var (status, json, text) = await client.ImportAsync("regions.csv", csv, commit: true);
        status.ShouldBe(HttpStatusCode.OK, text);
        var issue = json!["issues"]!.AsArray().ShouldHaveSingleItem()!;
        issue["row"]!.GetValue<long>().ShouldBe(2);
        issue["column"]!.GetValue<string>().ShouldBe("行政区划代码");
        json["committed"]!["created"]!.GetValue<int>().ShouldBe(1);
    }

    /// <summary>A test-only trigger that makes the database refuse one enterprise, to fail an import midway.</summary>
    private Task<int> RefuseInsertOfAsync(string creditCode)
    {
        // Built by concatenation: DDL takes no parameters, and the code comes from CreditCodes (letters and digits only).
        var sql = app.Provider == "postgres"
            ? "CREATE FUNCTION test_refuse_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.\"CreditCode\" = '" + creditCode
              + "' THEN RAISE EXCEPTION 'test: refused'; END IF; RETURN NEW; END; $$; "
              + "CREATE TRIGGER test_refuse_insert BEFORE INSERT ON \"Enterprises\" FOR EACH ROW EXECUTE FUNCTION test_refuse_insert();"
            : "CREATE TRIGGER test_refuse_insert BEFORE INSERT ON \"Enterprises\" WHEN NEW.\"CreditCode\" = '" + creditCode
              + "' BEGIN SELECT RAISE(ABORT, 'test: refused'); END;";
        return app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql));
    }

    private Task<int> DropRefusalAsync() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(app.Provider == "postgres"
        ? "DROP TRIGGER test_refuse_insert ON \"Enterprises\"; DROP FUNCTION test_refuse_insert();"
        : "DROP TRIGGER test_refuse_insert;"));
}

[Collection(SqliteApp.Name)]
public sealed class SqliteImportTests(SqliteAppFixture app) : ImportTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresImportTests(PostgresAppFixture app) : ImportTests(app);
