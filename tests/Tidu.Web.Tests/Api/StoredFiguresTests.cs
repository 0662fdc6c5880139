using System.Buffers;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Tidu.Domain.Exchange;
using Tidu.Rules.Evaluation;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Api;

/// <summary>
/// The yearly figures exchange format v1.1 added (主要产品销售收入, 新产品产值, 工业总产值) and its other additions survive
/// storage on every write path of the platform (API PUT, JSON import, a template re-import of a year) and read back as
/// given; a figure not given stays "not available"; the Zhejiang hidden-champion innovation indicator, which reads them,
/// decides the stored file as it decides the file as given. Expected values are the inputs below, written out.
/// </summary>
public abstract class StoredFiguresTests(TiduAppFixture app)
{
    // 2021 gives only the main product's sales: its other two v1.1 figures are not available.
    private static readonly (int Year, decimal Rd, decimal? MainProduct, decimal? NewProduct, decimal? Industrial)[] Years =
    [
        (2021, 250m, 8000.25m, null, null),
        (2022, 300m, 9000m, 4000m, 10000m),
        (2023, 350m, 10000m, 4500.5m, 11000m),
        (2024, 400m, 11000m, 4999.5m, 12750m),
    ];

    // Evaluated on 30 June 2025, under the 2016 hidden-champion version: the last three years are 2022–2024.
    // R&D / main-product sales = (300 + 350 + 400) / (9000 + 10000 + 11000) = 1050 / 30000 = 0.035 ≥ 3%;
    // new-product output ratio = (4000 + 4500.5 + 4999.5) / (10000 + 11000 + 12750) = 13500 / 33750 = 0.4 ≥ 40% (the edge, met).
    private const string AsOf = "2025-06-30";

    private static JsonObject Profile(string code, string name)
    {
        var p = Profiles.Minimal(code, name, "330106");
        p["financials"] = new JsonArray([.. Years.Select(y =>
        {
            var o = new JsonObject { ["year"] = y.Year, ["operatingRevenue"] = 12000m, ["rdExpense"] = y.Rd, ["employees"] = 120 };
            Put(o, "mainProductRevenue", y.MainProduct);
            Put(o, "newProductOutputValue", y.NewProduct);
            Put(o, "industrialOutputValue", y.Industrial);
            return (JsonNode)o;
        })]);
        p["mainProduct"] = new JsonObject { ["name"] = "微型轴承", ["revenueShare"] = 0.8m, ["productCount"] = 2, ["industryDirection"] = "six-basics", ["internationalMarketShare"] = 0.05m, ["domesticMarketRank"] = 3 };
        p["qualityEvaluations"] = new JsonArray(new JsonObject { ["year"] = 2024, ["score"] = 85 });
        p["verifiedCriteria"] = new JsonArray("hidden-champion.pool.focus");
        return p;
    }

    [Fact]
    public async Task A_put_file_reads_back_with_its_v11_figures_and_missing_ones_stay_missing()
    {
        var code = CreditCodes.For("330106", 910_001);
        using var client = await Sessions.LoginAsync(app, "hz-city");
        var (status, _, text) = await client.PutJsonAsync($"/api/v1/enterprises/{code}", Profile(code, "年度指标保存有限公司"));
        status.ShouldBe(HttpStatusCode.OK, text);

        await ShouldHoldTheInputAsync(client, code);
    }

    [Fact]
    public async Task A_json_import_stores_the_v11_figures_as_given()
    {
        var code = CreditCodes.For("330106", 910_002);
        using var client = await Sessions.LoginAsync(app, "hz-city");
        var file = Encoding.UTF8.GetBytes(new JsonArray(Profile(code, "年度指标导入有限公司")).ToJsonString());
        var (status, json, text) = await client.ImportAsync("v11.json", file, commit: true);
        status.ShouldBe(HttpStatusCode.OK, text);
        json!["committed"]!["created"]!.GetValue<int>().ShouldBe(1, text);

        await ShouldHoldTheInputAsync(client, code);
    }

    [Fact]
    public async Task A_template_row_for_a_stored_year_keeps_the_figures_the_template_has_no_column_for()
    {
        var code = CreditCodes.For("330106", 910_003);
        using var client = await Sessions.LoginAsync(app, "hz-city");
        (await client.PutJsonAsync($"/api/v1/enterprises/{code}", Profile(code, "模板重导有限公司"))).Status.ShouldBe(HttpStatusCode.OK);

        // The template has columns for revenue, R&D and headcount, none for the v1.1 figures: 2023 gets new R&D, keeps them.
        var csv = Tables.Csv([new(code, "模板重导有限公司", "330106", "2015-03-01", "2023", "12000", RdExpense: "360", Employees: "120")]);
        var (status, json, text) = await client.ImportAsync("year.csv", csv, commit: true);
        status.ShouldBe(HttpStatusCode.OK, text);
        json!["committed"]!["updated"]!.GetValue<int>().ShouldBe(1, text);

        var year = Year((await client.GetJsonAsync($"/api/v1/enterprises/{code}")).Json!, 2023);
        year["rdExpense"]!.GetValue<decimal>().ShouldBe(360m);
        year["mainProductRevenue"]!.GetValue<decimal>().ShouldBe(10000m);
        year["newProductOutputValue"]!.GetValue<decimal>().ShouldBe(4500.5m);
        year["industrialOutputValue"]!.GetValue<decimal>().ShouldBe(11000m);
    }

    [Fact]
    public async Task The_stored_file_is_evaluated_as_the_file_given_on_the_checks_that_read_the_v11_figures()
    {
        var code = CreditCodes.For("330106", 910_004);
        var given = Profile(code, "年度指标评价有限公司");
        using var client = await Sessions.LoginAsync(app, "hz-city");
        (await client.PutJsonAsync($"/api/v1/enterprises/{code}", given)).Status.ShouldBe(HttpStatusCode.OK);

        var (status, stored, text) = await client.GetJsonAsync($"/api/v1/enterprises/{code}/evaluation?asOf={AsOf}");
        status.ShouldBe(HttpStatusCode.OK, text);
        var storedTier = stored!["tiers"]!["hidden-champion"]!;
        var rd = Check(storedTier, "hidden-champion.innovation.rd-intensity");
        rd["passed"]!.GetValue<bool>().ShouldBeTrue(rd.ToJsonString());
        rd["actual"]!.GetValue<decimal>().ShouldBe(0.035m);
        var newProduct = Check(storedTier, "hidden-champion.innovation.new-product-ratio");
        newProduct["passed"]!.GetValue<bool>().ShouldBeTrue(newProduct.ToJsonString());
        newProduct["actual"]!.GetValue<decimal>().ShouldBe(0.4m);

        // The whole tier, check by check, as the engine decides the file as given (before it was stored).
        var raw = ProfileReader.Parse(new RawRecord(1, code, Encoding.UTF8.GetBytes(given.ToJsonString()))).Profile!;
        var evaluator = app.App.Services.GetRequiredService<Evaluator>();
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, EvaluationJsonWriter.Options))
        {
            EvaluationJsonWriter.Write(w, evaluator.Evaluate(raw, DateOnly.Parse(AsOf, System.Globalization.CultureInfo.InvariantCulture), EvaluationDetail.Full));
        }
        var expected = JsonNode.Parse(buffer.WrittenSpan)!["tiers"]!["hidden-champion"]!;
        JsonNode.DeepEquals(storedTier, expected).ShouldBeTrue($"stored: {storedTier.ToJsonString()}\ngiven: {expected.ToJsonString()}");
    }

    /// <summary>The file as read back (API) and as stored (columns) holds every input figure, and nothing where none was given.</summary>
    private async Task ShouldHoldTheInputAsync(HttpClient client, string code)
    {
        var (status, file, text) = await client.GetJsonAsync($"/api/v1/enterprises/{code}");
        status.ShouldBe(HttpStatusCode.OK, text);
        foreach (var y in Years)
        {
            var year = Year(file!, y.Year);
            Value(year, "mainProductRevenue").ShouldBe(y.MainProduct, $"{y.Year}");
            Value(year, "newProductOutputValue").ShouldBe(y.NewProduct, $"{y.Year}");
            Value(year, "industrialOutputValue").ShouldBe(y.Industrial, $"{y.Year}");
            Value(year, "rdExpense").ShouldBe(y.Rd, $"{y.Year}");
        }
        // A figure not given is absent, not zero.
        Year(file!, 2021).ContainsKey("newProductOutputValue").ShouldBeFalse();
        Year(file!, 2021).ContainsKey("industrialOutputValue").ShouldBeFalse();
        // The other v1.1 additions come back as given too.
        file!["mainProduct"]!["productCount"]!.GetValue<int>().ShouldBe(2);
        file["mainProduct"]!["industryDirection"]!.GetValue<string>().ShouldBe("six-basics");
        file["mainProduct"]!["internationalMarketShare"]!.GetValue<decimal>().ShouldBe(0.05m);
        file["mainProduct"]!["domesticMarketRank"]!.GetValue<int>().ShouldBe(3);
        file["qualityEvaluations"]!.AsArray().ShouldHaveSingleItem()!["score"]!.GetValue<decimal>().ShouldBe(85m);
        file["verifiedCriteria"]!.AsArray().Select(v => v!.GetValue<string>()).ShouldBe(["hidden-champion.pool.focus"]);

        var columns = await app.WithDbAsync(db => db.FinancialYears.AsNoTracking().Where(f => f.Enterprise.CreditCode == code).OrderBy(f => f.Year)
            .Select(f => new { f.Year, f.MainProductRevenue, f.NewProductOutputValue, f.IndustrialOutputValue }).ToListAsync());
        columns.Select(c => (c.Year, c.MainProductRevenue, c.NewProductOutputValue, c.IndustrialOutputValue))
            .ShouldBe(Years.Select(y => (y.Year, y.MainProduct, y.NewProduct, y.Industrial)));
    }

    private static JsonObject Year(JsonNode file, int year) =>
        file["financials"]!.AsArray().Select(y => y!.AsObject()).Single(y => y["year"]!.GetValue<int>() == year);

    private static decimal? Value(JsonObject year, string key) => year[key]?.GetValue<decimal>();

    private static JsonNode Check(JsonNode tier, string id) => tier["checks"]!.AsArray().Single(c => c!["id"]!.GetValue<string>() == id)!;

    private static void Put(JsonObject o, string key, decimal? value)
    {
        if (value is { } v)
        {
            o[key] = v;
        }
    }
}

[Collection(SqliteApp.Name)]
public sealed class SqliteStoredFiguresTests(SqliteAppFixture app) : StoredFiguresTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresStoredFiguresTests(PostgresAppFixture app) : StoredFiguresTests(app);
