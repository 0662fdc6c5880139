using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Monitoring;

/// <summary>
/// The province imports its published counts as data (Monitoring/Official, CSV or XLSX with the document numbers):
/// a good file is saved, audited and shown at once in the monitoring tables with totals equal to the file; a file
/// with one bad row is refused whole, each bad row named; only province officers import.
/// </summary>
public abstract class OfficialCountsTests(TiduAppFixture app)
{
    private const string Header = "梯度,年度,批次,类别,城市,行政区划代码,数量,文号";

    private static byte[] Csv(params string[] rows) =>
        [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(string.Join("\r\n", [Header, .. rows]) + "\r\n")];

    private static async Task<(HttpStatusCode Status, string Html)> UploadAsync(HttpClient client, byte[] file)
    {
        var page = await client.GetPageAsync("/Monitoring/Official");
        var token = PageForms.AntiforgeryToken(page);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(file), "upload", "counts.csv" },
        };
        using var r = await client.PostAsync(Http.Url("/Monitoring/Official"), form);
        return (r.StatusCode, await r.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_published_batch_is_imported_audited_and_shown_with_totals_equal_to_the_file()
    {
        using var province = await Sessions.LoginAsync(app, "zj-province");
        var (status, html) = await UploadAsync(province, Csv(
            "创新型中小企业,2024,第一批,认定,杭州市,330100,150,浙经信企业〔2024〕88号",
            "创新型中小企业,2025,第一批,认定,杭州市,330100,1200,浙经信企业〔2025〕99号",
            "创新型中小企业,2025,第一批,认定,温州市,330300,800,浙经信企业〔2025〕99号",
            "创新型中小企业,2025,第一批,复核通过,杭州市,330100,300,浙经信企业〔2025〕99号"));
        status.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("data-testid=\"official-saved\"");

        // Recognised per city and year: a city's total is its years' sum, a year's the cities' sum.
        var monitoring = await province.GetPageAsync("/Monitoring?year=2025");
        var cities = PageTable.Read(monitoring, "official-cities-innovative-sme");
        cities.Cells["温州市"]["2024年"].ShouldBe("—"); // no row of the file: not available, not zero
        cities.RowTotals["杭州市"].ShouldBe("1350");
        cities.RowTotals["温州市"].ShouldBe("800");
        cities.ColumnTotals["2024年"].ShouldBe("150");
        cities.ColumnTotals["2025年"].ShouldBe("2000");
        cities.GrandTotal.ShouldBe("2150"); // the 300 passed on review are not added in
        // Passed on review: a table of its own, with its city and grand totals though it has one year only.
        var review = PageTable.Read(monitoring, "official-review-cities-innovative-sme");
        review.Cells["杭州市"]["2025年"].ShouldBe("300");
        review.RowTotals["杭州市"].ShouldBe("300");
        review.GrandTotal.ShouldBe("300");
        // An earlier year shows only the batches published by then.
        var earlier = PageTable.Read(await province.GetPageAsync("/Monitoring?year=2024"), "official-cities-innovative-sme");
        earlier.Cells.Keys.ShouldBe(["杭州市"]);
        earlier.ColumnTotals["2024年"].ShouldBe("150");

        var audited = await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Entity == "OfficialRecognitionCount" && a.Actor == "zj-province" && a.EntityKey.StartsWith("innovative-sme:2025:")));
        audited.ShouldBe(3);

        // Importing the same file again changes nothing; a corrected count updates the one row.
        (await UploadAsync(province, Csv("创新型中小企业,2025,第一批,认定,杭州市,330100,1200,浙经信企业〔2025〕99号"))).Html.ShouldContain("未变 1 行");
        (await UploadAsync(province, Csv("创新型中小企业,2025,第一批,认定,杭州市,330100,1210,浙经信企业〔2025〕99号"))).Html.ShouldContain("更新 1 行");
        PageTable.Read(await province.GetPageAsync("/Monitoring?year=2025"), "official-cities-innovative-sme").RowTotals["杭州市"].ShouldBe("1360");
    }

    [Fact]
    public async Task A_file_with_bad_rows_is_refused_whole_naming_each_row()
    {
        using var province = await Sessions.LoginAsync(app, "zj-province");
        var before = await app.WithDbAsync(db => db.OfficialRecognitionCounts.CountAsync());
        var (_, html) = await UploadAsync(province, Csv(
            "创新型中小企业,2024,第二批,认定,杭州市,330100,10,",     // row 2: good
            "创新型中小企业,2024,第二批,认定,武汉市,420100,10,",     // row 3: not in Zhejiang
            "创新型中小企业,2024,第二批,合计,杭州市,330100,10,",     // row 4: not a category
            "创新型中小企业,2024,第二批,认定,宁波市,330200,-5,"));   // row 5: not a count
        html.ShouldContain("data-testid=\"official-errors\"");
        html.ShouldContain("第 3 行：武汉市（420100）不在您所在的省份");
        html.ShouldContain("第 4 行：类别“合计”应为“认定”或“复核通过”");
        html.ShouldContain("第 5 行：数量“-5”应为不小于 0 的整数");
        (await app.WithDbAsync(db => db.OfficialRecognitionCounts.CountAsync())).ShouldBe(before);
    }

    [Theory]
    [InlineData("hz-city")]
    [InlineData("enterprise")]
    public async Task Only_province_officers_import(string user)
    {
        using var client = await Sessions.LoginAsync(app, user);
        using var r = await client.GetAsync(Http.Url("/Monitoring/Official"), TestContext.Current.CancellationToken);
        r.StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }
}

[Collection(SqliteApp.Name)]
public sealed class SqliteOfficialCountsTests(SqliteAppFixture app) : OfficialCountsTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresOfficialCountsTests(PostgresAppFixture app) : OfficialCountsTests(app);
