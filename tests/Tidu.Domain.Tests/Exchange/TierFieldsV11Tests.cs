using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Shouldly;
using Tidu.Domain.Exchange;
using Tidu.Domain.Tests.Support;
using Xunit;

namespace Tidu.Domain.Tests.Exchange;

/// <summary>
/// The v1.1 fields of the key little giant, hidden champion and single champion tiers: three yearly amounts and
/// verifiedCriteria. v1 files read unchanged (they simply lack them); bad values are reported like every other
/// field — record locator, JSON Pointer, reason — and the writer round-trips them.
/// </summary>
public sealed class TierFieldsV11Tests
{
    private static ProfileRecord Read(Action<JsonObject> edit) => Json.ReadOne(Json.Profile(edit));

    private static RecordError SingleError(Action<JsonObject> edit)
    {
        var record = Read(edit);
        record.IsValid.ShouldBeFalse();
        var error = record.Errors.ShouldHaveSingleItem(Json.Describe(record));
        error.Record.ShouldBe("line 1");
        return error;
    }

    [Fact]
    public void A_v1_profile_without_the_new_fields_reads_them_as_not_provided()
    {
        var record = Read(_ => { });
        record.IsValid.ShouldBeTrue(Json.Describe(record));
        var p = record.Profile!;
        p.VerifiedCriteria.ShouldBeNull();
        p.Financials[0].MainProductRevenue.ShouldBeNull();
        p.Financials[0].NewProductOutputValue.ShouldBeNull();
        p.Financials[0].IndustrialOutputValue.ShouldBeNull();
    }

    [Fact]
    public void The_new_fields_are_read_exactly()
    {
        var record = Read(o =>
        {
            o["financials"]![0]!["mainProductRevenue"] = Json.Raw("88.5");
            o["financials"]![0]!["newProductOutputValue"] = Json.Raw("40");
            o["financials"]![0]!["industrialOutputValue"] = Json.Raw("100.01");
            o["verifiedCriteria"] = Json.Raw("""["hidden-champion.pool.focus","single-champion.energy-use-advanced"]""");
        });
        record.IsValid.ShouldBeTrue(Json.Describe(record));
        var f = record.Profile!.Financials[0];
        f.MainProductRevenue.ShouldBe(88.5m);
        f.NewProductOutputValue.ShouldBe(40m);
        f.IndustrialOutputValue.ShouldBe(100.01m);
        record.Profile.VerifiedCriteria.ShouldBe(["hidden-champion.pool.focus", "single-champion.energy-use-advanced"]);
    }

    [Fact]
    public void An_empty_verified_list_means_assessed_and_nothing_verified()
    {
        var record = Read(o => o["verifiedCriteria"] = new JsonArray());
        record.IsValid.ShouldBeTrue(Json.Describe(record));
        record.Profile!.VerifiedCriteria.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("mainProductRevenue")]
    [InlineData("newProductOutputValue")]
    [InlineData("industrialOutputValue")]
    public void A_negative_yearly_amount_is_reported_at_its_path(string field)
    {
        var error = SingleError(o => o["financials"]![0]![field] = -0.01m);
        error.Path.ShouldBe($"/financials/0/{field}");
        error.Reason.ShouldContain("at least 0");
    }

    [Theory]
    [InlineData("mainProductRevenue")]
    [InlineData("industrialOutputValue")]
    public void A_yearly_amount_given_as_text_is_reported_at_its_path(string field)
    {
        SingleError(o => o["financials"]![0]![field] = "100").Path.ShouldBe($"/financials/0/{field}");
    }

    [Fact]
    public void Verified_criteria_must_be_an_array()
    {
        var error = SingleError(o => o["verifiedCriteria"] = "hidden-champion.pool.focus");
        error.Path.ShouldBe("/verifiedCriteria");
        error.Reason.ShouldContain("array");
    }

    [Theory]
    [InlineData("""["ok.id", 5]""", "/verifiedCriteria/1", "string")]
    [InlineData("""["Hidden-Champion.pool"]""", "/verifiedCriteria/0", "criterion id")]
    [InlineData("""["hidden champion"]""", "/verifiedCriteria/0", "criterion id")]
    [InlineData("""["a..b"]""", "/verifiedCriteria/0", "criterion id")]
    [InlineData("""["a.b\n"]""", "/verifiedCriteria/0", "criterion id")]
    [InlineData("""["a.b", "c", "a.b"]""", "/verifiedCriteria/2", "twice (also at /verifiedCriteria/0)")]
    public void A_bad_verified_criterion_is_reported_at_its_index(string array, string path, string reasonPart)
    {
        var error = SingleError(o => o["verifiedCriteria"] = Json.Raw(array));
        error.Path.ShouldBe(path);
        error.Reason.ShouldContain(reasonPart);
    }

    [Fact]
    public void The_writer_round_trips_the_new_fields()
    {
        var original = Read(o =>
        {
            o["financials"]![0]!["mainProductRevenue"] = Json.Raw("88.5");
            o["financials"]![0]!["newProductOutputValue"] = Json.Raw("0");
            o["financials"]![0]!["industrialOutputValue"] = Json.Raw("100.01");
            o["verifiedCriteria"] = Json.Raw("""["key-little-giant.leader-co-innovation"]""");
        }).Profile!;
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            ProfileWriter.Write(w, original);
        }
        var again = Json.ReadOne(Encoding.UTF8.GetString(buffer.ToArray()));
        again.IsValid.ShouldBeTrue(Json.Describe(again));
        again.Profile!.Financials[0].ShouldBe(original.Financials[0]);
        again.Profile.VerifiedCriteria.ShouldBe(original.VerifiedCriteria);
    }
}
