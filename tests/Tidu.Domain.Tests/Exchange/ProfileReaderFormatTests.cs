using Shouldly;
using Tidu.Domain.Exchange;
using Tidu.Domain.Tests.Support;
using Xunit;

namespace Tidu.Domain.Tests.Exchange;

/// <summary>The four accepted shapes of an input file, and how records are located and ordered in each.</summary>
public sealed class ProfileReaderFormatTests
{
    private static readonly string[] ThreeCodes = [Json.ValidCreditCode, Json.OtherValidCreditCode, Json.ThirdValidCreditCode];

    [Fact]
    public void A_single_pretty_printed_object_is_one_valid_record()
    {
        var text = Json.Profile(indented: true);
        text.ShouldContain("\n"); // really pretty-printed

        var record = Json.ReadOne(text);

        record.IsValid.ShouldBeTrue(Json.Describe(record));
        record.Errors.ShouldBeEmpty();
        record.Ordinal.ShouldBe(0);
        record.Locator.ShouldContain("line 1");
        var p = record.Profile!;
        p.CreditCode.ShouldBe(Json.ValidCreditCode);
        p.Name.ShouldBe("Test Co");
        p.RegionCode.ShouldBe("330106");
        p.IndustryCode.ShouldBe("C3484");
        p.Financials.Count.ShouldBe(1);
        p.Financials[0].Year.ShouldBe(2024);
        p.Financials[0].OperatingRevenue.ShouldBe(100m);
    }

    [Fact]
    public void A_single_compact_object_without_final_newline_is_one_valid_record()
    {
        var record = Json.ReadOne(Json.Profile());
        record.IsValid.ShouldBeTrue(Json.Describe(record));
        record.Locator.ShouldBe("line 1");
    }

    [Fact]
    public void An_array_of_two_yields_two_records_located_by_index_in_order()
    {
        var text = "[\n" + Json.Profile(indented: true, name: "First") + ",\n" + Json.Profile(indented: true, name: "Second", creditCode: Json.OtherValidCreditCode) + "\n]\n";

        var records = Json.Read(text);

        records.Count.ShouldBe(2);
        records.ShouldAllBe(r => r.IsValid);
        records.Select(r => r.Locator).ShouldBe(["index 0", "index 1"]);
        records.Select(r => r.Ordinal).ShouldBe([0L, 1L]);
        records.Select(r => r.Profile!.Name).ShouldBe(["First", "Second"]);
        records.Select(r => r.Profile!.CreditCode).ShouldBe([Json.ValidCreditCode, Json.OtherValidCreditCode]);
    }

    [Fact]
    public void A_compact_array_on_one_line_is_read_element_by_element()
    {
        var text = "[" + Json.Profile(name: "A") + "," + Json.Profile(name: "B") + "]";

        var records = Json.Read(text);

        records.Select(r => (r.Locator, r.Profile?.Name)).ShouldBe([("index 0", "A"), ("index 1", "B")]);
    }

    [Fact]
    public void An_empty_array_yields_no_records()
    {
        Json.Read("[]\n").ShouldBeEmpty();
    }

    [Fact]
    public void JSON_Lines_with_blank_lines_are_located_by_real_line_number()
    {
        var text = Json.Profile(name: "A") + "\n"
            + "\n"
            + Json.Profile(name: "B", creditCode: Json.OtherValidCreditCode) + "\n"
            + "   \n"
            + "\n"
            + Json.Profile(name: "C", creditCode: Json.ThirdValidCreditCode) + "\n";

        var records = Json.Read(text);

        records.Count.ShouldBe(3);
        records.ShouldAllBe(r => r.IsValid);
        records.Select(r => r.Locator).ShouldBe(["line 1", "line 3", "line 6"]);
        records.Select(r => r.Ordinal).ShouldBe([0L, 1L, 2L]);
        records.Select(r => r.Profile!.Name).ShouldBe(["A", "B", "C"]);
        records.Select(r => r.Profile!.CreditCode).ShouldBe(ThreeCodes);
    }

    [Fact]
    public void JSON_Lines_after_leading_blank_lines_count_those_lines()
    {
        var records = Json.Read("\n\n" + Json.Lines(Json.Profile(name: "A"), Json.Profile(name: "B")));

        records.Select(r => r.Locator).ShouldBe(["line 3", "line 4"]);
        records.ShouldAllBe(r => r.IsValid);
    }

    [Fact]
    public void JSON_Lines_with_CRLF_line_endings_are_read()
    {
        var text = Json.Profile(name: "A") + "\r\n" + "\r\n" + Json.Profile(name: "B") + "\r\n";

        var records = Json.Read(text);

        records.Select(r => r.Locator).ShouldBe(["line 1", "line 3"]);
        records.ShouldAllBe(r => r.IsValid);
        records.Select(r => r.Profile!.Name).ShouldBe(["A", "B"]);
    }

    [Fact]
    public void The_last_JSON_line_needs_no_final_newline()
    {
        var records = Json.Read(Json.Profile(name: "A") + "\n" + Json.Profile(name: "B"));

        records.Select(r => (r.Locator, r.Profile?.Name)).ShouldBe([("line 1", "A"), ("line 2", "B")]);
    }

    [Fact]
    public void Concatenated_pretty_objects_are_read_one_after_another()
    {
        var first = Json.Profile(indented: true, name: "A");
        var second = Json.Profile(indented: true, name: "B", creditCode: Json.OtherValidCreditCode);
        var third = Json.Profile(indented: true, name: "C", creditCode: Json.ThirdValidCreditCode);
        var text = first + "\n" + second + "\n\n" + third + "\n";
        var secondStart = first.Split('\n').Length + 1;
        var thirdStart = secondStart + second.Split('\n').Length + 1;

        var records = Json.Read(text);

        records.Count.ShouldBe(3);
        records.ShouldAllBe(r => r.IsValid);
        records.Select(r => r.Profile!.Name).ShouldBe(["A", "B", "C"]);
        records.Select(r => r.Ordinal).ShouldBe([0L, 1L, 2L]);
        records[0].Locator.ShouldContain("line 1)");
        records[1].Locator.ShouldContain($"line {secondStart})");
        records[2].Locator.ShouldContain($"line {thirdStart})");
    }

    [Fact]
    public void Invalid_records_keep_their_place_and_do_not_hide_the_valid_ones()
    {
        var text = Json.Lines(
            Json.Profile(name: "A"),
            Json.Profile(o => o["regionCode"] = "bad"),
            Json.Profile(name: "C"),
            Json.Profile(o => o.Remove("name")),
            Json.Profile(name: "E"));

        var records = Json.Read(text);

        records.Select(r => r.IsValid).ShouldBe([true, false, true, false, true]);
        records.Select(r => r.Ordinal).ShouldBe([0L, 1L, 2L, 3L, 4L]);
        records.Where(r => r.IsValid).Select(r => r.Profile!.Name).ShouldBe(["A", "C", "E"]);
        records[1].Errors.ShouldHaveSingleItem().Record.ShouldBe("line 2");
        records[3].Errors.ShouldHaveSingleItem().Record.ShouldBe("line 4");
    }

    [Fact]
    public void Errors_in_an_array_name_the_index()
    {
        var text = "[" + Json.Profile() + "," + Json.Profile(o => o["industryCode"] = "Z12") + "]";

        var records = Json.Read(text);

        records[0].IsValid.ShouldBeTrue();
        var error = records[1].Errors.ShouldHaveSingleItem();
        error.Record.ShouldBe("index 1");
        error.Path.ShouldBe("/industryCode");
        error.ToString().ShouldStartWith("index 1 (" + Json.ValidCreditCode + "): /industryCode: ");
    }

    [Fact]
    public void Records_are_streamed_one_at_a_time_in_input_order()
    {
        var text = Json.Lines(Json.Profile(name: "A"), "{ broken", Json.Profile(name: "C"));

        using var stream = Json.Stream(text);
        using var e = ProfileReader.Read(stream).GetEnumerator();
        e.MoveNext().ShouldBeTrue();
        e.Current.Profile!.Name.ShouldBe("A");
        e.MoveNext().ShouldBeTrue();
        e.Current.IsValid.ShouldBeFalse();
        e.MoveNext().ShouldBeTrue();
        e.Current.Profile!.Name.ShouldBe("C");
        e.MoveNext().ShouldBeFalse();
    }

    [Theory]
    [InlineData("two-enterprises.json", 2)]
    [InlineData("three-enterprises-v1.1.json", 3)]
    public void The_shipped_examples_are_valid(string file, int count)
    {
        using var stream = File.OpenRead(Path.Combine(RepoRoot(), "examples", file));

        var records = ProfileReader.Read(stream).ToList();

        records.Count.ShouldBe(count);
        foreach (var r in records)
        {
            r.IsValid.ShouldBeTrue(Json.Describe(r));
        }
        records.Select(r => r.Profile!.CreditCode).ShouldBeUnique();
        records.ShouldAllBe(r => r.Profile!.Financials.Count > 0);
    }

    [Fact]
    public void Financial_years_are_sorted_but_remember_their_input_index()
    {
        var text = Json.Profile(o => o["financials"] = Json.Raw("""[{"year":2025},{"year":2023},{"year":2024}]"""));

        var p = Json.ReadOne(text).Profile.ShouldNotBeNull();

        p.Financials.Select(f => f.Year).ShouldBe([2023, 2024, 2025]);
        p.Financials.Select(f => f.InputIndex).ShouldBe([1, 2, 0]);
        p.InputIndexOfYear(2025).ShouldBe(0);
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Tidu.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("repository root (Tidu.slnx) not found above " + AppContext.BaseDirectory);
    }
}
