using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Shouldly;
using Tidu.Domain.Exchange;
using Tidu.Domain.Tests.Support;
using Xunit;

namespace Tidu.Domain.Tests.Exchange;

/// <summary>
/// The two main-product fields of the later tier versions: the number of main products (Zhejiang hidden champion
/// 2025, 不超过3个) and the 2026 little giant's industrial direction (its own list, not the 2022 keyField).
/// Absent = not provided; bad values are reported at their JSON Pointer; the writer round-trips them.
/// </summary>
public sealed class MainProductFieldsTests
{
    private static ProfileRecord Read(Action<JsonObject> edit) => Json.ReadOne(Json.Profile(edit));

    private static JsonObject MainProduct(JsonObject o) => (o["mainProduct"] ??= new JsonObject()).AsObject();

    [Fact]
    public void Absent_fields_are_not_provided()
    {
        var record = Read(o => MainProduct(o)["name"] = "阀门");
        record.IsValid.ShouldBeTrue(Json.Describe(record));
        record.Profile!.MainProduct!.ProductCount.ShouldBeNull();
        record.Profile.MainProduct.IndustryDirection.ShouldBeNull();
    }

    [Theory]
    [InlineData("six-basics")]
    [InlineData("traditional-upgrading")]
    [InlineData("emerging")]
    [InlineData("future")]
    [InlineData("other")]
    public void Every_industrial_direction_of_the_list_is_read(string direction)
    {
        var record = Read(o => MainProduct(o)["industryDirection"] = direction);
        record.IsValid.ShouldBeTrue(Json.Describe(record));
        record.Profile!.MainProduct!.IndustryDirection.ShouldBe(direction);
    }

    [Theory]
    [InlineData("\"key-field\"")]
    [InlineData("\"Emerging\"")]
    [InlineData("true")]
    public void An_unknown_direction_is_reported_at_its_path(string raw)
    {
        var record = Read(o => MainProduct(o)["industryDirection"] = Json.Raw(raw));
        record.IsValid.ShouldBeFalse();
        record.Errors.ShouldHaveSingleItem(Json.Describe(record)).Path.ShouldBe("/mainProduct/industryDirection");
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("3", true)]
    [InlineData("0", false)]
    [InlineData("1.5", false)]
    [InlineData("\"2\"", false)]
    public void The_product_count_is_a_whole_number_of_at_least_one(string raw, bool valid)
    {
        var record = Read(o => MainProduct(o)["productCount"] = Json.Raw(raw));
        record.IsValid.ShouldBe(valid, Json.Describe(record));
        if (!valid)
        {
            record.Errors.ShouldHaveSingleItem(Json.Describe(record)).Path.ShouldBe("/mainProduct/productCount");
        }
    }

    [Fact]
    public void The_writer_round_trips_both_fields()
    {
        var original = Read(o =>
        {
            MainProduct(o)["productCount"] = 3;
            MainProduct(o)["industryDirection"] = "future";
        }).Profile!;
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            ProfileWriter.Write(w, original);
        }
        var again = Json.ReadOne(Encoding.UTF8.GetString(buffer.ToArray()));
        again.IsValid.ShouldBeTrue(Json.Describe(again));
        again.Profile!.MainProduct.ShouldBe(original.MainProduct);
        again.Profile.MainProduct!.ProductCount.ShouldBe(3);
        again.Profile.MainProduct.IndustryDirection.ShouldBe("future");
    }
}
