using System.Text;
using CsCheck;
using Shouldly;
using Tidu.Domain.Exchange;
using Tidu.Domain.Tests.Support;
using Xunit;

namespace Tidu.Domain.Tests.Exchange;

/// <summary>Broken, huge, mis-encoded and malicious input: a clear error per bad record, no exception, no valid record lost.</summary>
public sealed class HostileInputTests
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private static void ShouldBeValid(ProfileRecord record, string locator, string name)
    {
        record.IsValid.ShouldBeTrue(Json.Describe(record));
        record.Locator.ShouldBe(locator);
        record.Profile!.Name.ShouldBe(name);
    }

    private static RecordError ShouldBeInvalid(ProfileRecord record, string locator)
    {
        record.IsValid.ShouldBeFalse();
        record.Locator.ShouldBe(locator);
        var error = record.Errors.ShouldHaveSingleItem(Json.Describe(record));
        error.Record.ShouldBe(locator);
        error.Reason.ShouldNotBeNullOrWhiteSpace();
        error.Reason.Length.ShouldBeLessThan(300, "a reason never echoes much input");
        return error;
    }

    [Fact]
    public void An_empty_file_yields_one_error_record()
    {
        var record = Json.Read([]).ShouldHaveSingleItem();
        ShouldBeInvalid(record, "file").Reason.ShouldContain("empty");
        record.Ordinal.ShouldBe(0);
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("\n")]
    [InlineData("\n\n\n")]
    [InlineData("  \t\r\n   \r\n\t")]
    public void A_whitespace_only_file_yields_one_error_record(string text)
    {
        var record = Json.Read(text).ShouldHaveSingleItem();
        ShouldBeInvalid(record, "file").Reason.ShouldContain("empty");
    }

    [Fact]
    public void A_file_holding_only_a_BOM_is_empty()
    {
        ShouldBeInvalid(Json.Read(Utf8Bom).ShouldHaveSingleItem(), "file").Reason.ShouldContain("empty");
    }

    [Fact]
    public void A_UTF8_BOM_before_JSON_Lines_is_skipped()
    {
        var records = Json.Read(Concat(Utf8Bom, Utf8(Json.Lines(Json.Profile(name: "A"), Json.Profile(name: "B")))));

        records.Count.ShouldBe(2);
        ShouldBeValid(records[0], "line 1", "A");
        ShouldBeValid(records[1], "line 2", "B");
    }

    [Fact]
    public void A_UTF8_BOM_before_an_array_is_skipped()
    {
        var records = Json.Read(Concat(Utf8Bom, Utf8("[" + Json.Profile(name: "A") + "]")));
        ShouldBeValid(records.ShouldHaveSingleItem(), "index 0", "A");
    }

    [Fact]
    public void A_UTF8_BOM_before_a_pretty_object_is_skipped()
    {
        var records = Json.Read(Concat(Utf8Bom, Utf8(Json.Profile(indented: true, name: "A"))));
        records.ShouldHaveSingleItem().IsValid.ShouldBeTrue(Json.Describe(records[0]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    public void A_stream_returning_few_bytes_per_read_gives_the_same_records(int chunk)
    {
        var data = Concat(Utf8Bom, Utf8(Json.Lines(Json.Profile(name: "A"), "", Json.Profile(name: "B"), "{ broken", Json.Profile(name: "D"))));

        using var stream = new TrickleStream(data, chunk);
        var records = ProfileReader.Read(stream).ToList();

        records.Count.ShouldBe(4);
        ShouldBeValid(records[0], "line 1", "A");
        ShouldBeValid(records[1], "line 3", "B");
        ShouldBeInvalid(records[2], "line 4");
        ShouldBeValid(records[3], "line 5", "D");
    }

    [Fact]
    public void A_10_MB_line_in_JSON_Lines_is_rejected_and_the_lines_around_it_are_read()
    {
        var huge = Json.Profile(name: new string('x', 10 * 1024 * 1024));
        var text = Json.Lines(Json.Profile(name: "before"), huge, Json.Profile(name: "after"));

        var records = Json.Read(text);

        records.Count.ShouldBe(3);
        ShouldBeValid(records[0], "line 1", "before");
        var error = ShouldBeInvalid(records[1], "line 2");
        error.Reason.ShouldContain("limit");
        error.Reason.ShouldContain(ProfileReader.DefaultMaxRecordBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        error.Reason.ShouldNotContain("xxxxxxxxxx");
        ShouldBeValid(records[2], "line 3", "after");
        records.Select(r => r.Ordinal).ShouldBe([0L, 1L, 2L]);
    }

    [Fact]
    public void A_10_MB_first_line_is_rejected_and_the_following_lines_are_read()
    {
        var text = Json.Lines(Json.Profile(name: new string('x', 10 * 1024 * 1024)), Json.Profile(name: "after"));

        var records = Json.Read(text);

        records.Count.ShouldBe(2);
        ShouldBeInvalid(records[0], "line 1").Reason.ShouldContain("limit");
        ShouldBeValid(records[1], "line 2", "after");
    }

    [Fact]
    public void A_10_MB_line_without_any_newline_is_one_error()
    {
        var record = Json.Read(Json.Profile(name: new string('x', 10 * 1024 * 1024))).ShouldHaveSingleItem();
        ShouldBeInvalid(record, "line 1").Reason.ShouldContain("limit");
    }

    [Fact]
    public void A_line_just_under_the_limit_is_read()
    {
        var padding = ProfileReader.DefaultMaxRecordBytes - Json.Profile(name: "").Length - 1;
        var line = Json.Profile(name: new string('y', padding));
        Encoding.UTF8.GetByteCount(line).ShouldBe(ProfileReader.DefaultMaxRecordBytes - 1);

        var records = Json.Read(Json.Lines(line, Json.Profile(name: "next")));

        records[0].IsValid.ShouldBeTrue(Json.Describe(records[0]));
        records[0].Profile!.Name.Length.ShouldBe(padding);
        ShouldBeValid(records[1], "line 2", "next");
    }

    [Fact]
    public void The_record_size_limit_can_be_lowered()
    {
        var small = Json.Profile(name: "A");
        var big = Json.Profile(name: new string('b', 500));
        using var stream = Json.Stream(Json.Lines(small, big, small));

        var records = ProfileReader.Read(stream, maxRecordBytes: 300).ToList();

        records.Select(r => r.IsValid).ShouldBe([true, false, true]);
        records[1].Errors.ShouldHaveSingleItem().Reason.ShouldContain("300 bytes");
    }

    [Fact]
    public void A_long_invalid_value_is_echoed_only_in_part()
    {
        // Four 200 000-character values: long, yet the record stays under the 1 MiB limit.
        var longRegion = new string('9', 200_000);
        var longEnum = new string('z', 200_000);
        var record = Json.ReadOne(Json.Profile(o =>
        {
            o["regionCode"] = longRegion;
            o["listing"] = longEnum;
            o["establishedOn"] = longEnum;
            o["financials"]![0]!["operatingRevenue"] = longEnum;
        }));

        record.IsValid.ShouldBeFalse();
        record.Errors.Count.ShouldBe(4);
        foreach (var error in record.Errors)
        {
            error.Reason.Length.ShouldBeLessThan(300, error.Path);
            error.Reason.ShouldNotContain(new string('z', 61));
            error.Reason.ShouldNotContain(new string('9', 61));
        }
    }

    [Fact]
    public void A_truncated_line_in_JSON_Lines_is_an_error_and_the_others_are_read()
    {
        var full = Json.Profile(name: "B");
        var text = Json.Lines(Json.Profile(name: "A"), full[..(full.Length / 2)], Json.Profile(name: "C"));

        var records = Json.Read(text);

        records.Count.ShouldBe(3);
        ShouldBeValid(records[0], "line 1", "A");
        var error = ShouldBeInvalid(records[1], "line 2");
        error.Path.ShouldBe("");
        error.Reason.ShouldContain("not valid JSON");
        ShouldBeValid(records[2], "line 3", "C");
    }

    [Fact]
    public void A_syntax_error_is_placed_by_line_and_byte_in_our_words_without_the_input_or_the_readers_message()
    {
        var text = Json.Profile(name: "A") + "\n" + "{\"creditCode\": \"91330106MA2H000001\", \"name\": nope-secret}";

        var error = Json.Read(text)[1].Errors.ShouldHaveSingleItem();

        error.Reason.ShouldMatch(@"^not valid JSON: syntax error at line 1, byte \d+$");
        error.Reason.ShouldNotContain("nope");
    }

    [Fact]
    public void A_truncated_last_line_is_an_error_and_the_lines_before_are_read()
    {
        var full = Json.Profile(name: "B");
        var text = Json.Profile(name: "A") + "\n" + full[..(full.Length - 3)];

        var records = Json.Read(text);

        records.Count.ShouldBe(2);
        ShouldBeValid(records[0], "line 1", "A");
        ShouldBeInvalid(records[1], "line 2").Reason.ShouldContain("not valid JSON");
    }

    [Theory]
    [InlineData(1)] // the closing brace
    [InlineData(2)] // "]}"
    [InlineData(3)] // "}]}": cut after a number
    [InlineData(5)] // inside a number
    [InlineData(12)] // inside a member name
    [InlineData(-1)] // ends after a comma: {"creditCode":"…",
    public void A_truncated_first_line_in_JSON_Lines_does_not_swallow_the_next_lines(int cutFromEnd)
    {
        var full = Json.Profile(name: "A");
        var cut = cutFromEnd > 0 ? full[..^cutFromEnd] : full[..(full.IndexOf(',', StringComparison.Ordinal) + 1)];
        var text = Json.Lines(cut, Json.Profile(name: "B"), Json.Profile(name: "C"));

        var records = Json.Read(text);

        records.Count.ShouldBe(3, string.Join(" | ", records.Select(Json.Describe)));
        records[0].IsValid.ShouldBeFalse();
        records[0].Errors.ShouldHaveSingleItem().Reason.ShouldContain("not valid JSON");
        records[0].Locator.ShouldContain("line 1");
        records[1].IsValid.ShouldBeTrue(Json.Describe(records[1]));
        records[1].Profile!.Name.ShouldBe("B");
        records[1].Locator.ShouldContain("line 2");
        records[2].IsValid.ShouldBeTrue(Json.Describe(records[2]));
        records[2].Profile!.Name.ShouldBe("C");
        records[2].Locator.ShouldContain("line 3");
        records.Select(r => r.Ordinal).ShouldBe([0L, 1L, 2L]);
    }

    [Fact]
    public void A_first_line_cut_after_a_colon_is_reported_and_the_line_after_next_is_read()
    {
        // Known limit: '{"a":' followed by a one-line object is the start of a valid multi-line object, so the
        // reader cannot tell the next line from a continuation; both are reported in one error, nothing is silent.
        var full = Json.Profile(name: "A");
        var cut = full[..(full.IndexOf("\"financials\":", StringComparison.Ordinal) + "\"financials\":".Length)];
        var text = Json.Lines(cut, Json.Profile(name: "B"), Json.Profile(name: "C"));

        var records = Json.Read(text);

        records.Count.ShouldBe(2, string.Join(" | ", records.Select(Json.Describe)));
        records[0].IsValid.ShouldBeFalse();
        records[0].Errors.ShouldHaveSingleItem().Reason.ShouldContain("not valid JSON");
        records[1].Profile.ShouldNotBeNull().Name.ShouldBe("C");
        records[1].Locator.ShouldContain("line 3");
    }

    [Fact]
    public void A_broken_pretty_object_does_not_hide_the_next_one()
    {
        var broken = Json.Profile(indented: true, name: "A").Replace("\"A\",", "\"A\"", StringComparison.Ordinal); // missing comma
        broken.ShouldNotBe(Json.Profile(indented: true, name: "A"));
        var text = broken + "\n" + Json.Profile(indented: true, name: "B");

        var records = Json.Read(text);

        records[0].IsValid.ShouldBeFalse();
        records[0].Errors.ShouldHaveSingleItem().Reason.ShouldContain("not valid JSON");
        records.Count(r => r.IsValid).ShouldBe(1, string.Join(" | ", records.Select(Json.Describe)));
        records[^1].Profile.ShouldNotBeNull().Name.ShouldBe("B");
    }

    [Fact]
    public void A_truncated_array_yields_the_elements_before_then_an_error()
    {
        var third = Json.Profile(name: "C");
        var text = "[\n" + Json.Profile(name: "A") + ",\n" + Json.Profile(name: "B") + ",\n" + third[..(third.Length / 2)];

        var records = Json.Read(text);

        records.Count.ShouldBe(3);
        ShouldBeValid(records[0], "index 0", "A");
        ShouldBeValid(records[1], "index 1", "B");
        ShouldBeInvalid(records[2], "index 2").Reason.ShouldContain("not valid JSON");
    }

    [Theory]
    [InlineData(",")]
    [InlineData(",\n")]
    [InlineData("")]
    [InlineData("\n")]
    public void An_array_cut_between_elements_yields_the_elements_then_an_error(string tail)
    {
        var text = "[" + Json.Profile(name: "A") + "," + Json.Profile(name: "B") + tail;

        var records = Json.Read(text);

        records.Count.ShouldBe(3);
        ShouldBeValid(records[0], "index 0", "A");
        ShouldBeValid(records[1], "index 1", "B");
        ShouldBeInvalid(records[2], "index 2");
    }

    [Fact]
    public void A_truncated_pretty_object_is_one_error()
    {
        var text = Json.Profile(indented: true);
        text = text[..(text.Length * 2 / 3)];

        var record = Json.Read(text).ShouldHaveSingleItem();

        ShouldBeInvalid(record, "record 1 (line 1)").Reason.ShouldContain("not valid JSON");
    }

    [Fact]
    public void A_truncated_pretty_object_after_a_complete_one_keeps_the_complete_one()
    {
        var second = Json.Profile(indented: true, name: "B");
        var text = Json.Profile(indented: true, name: "A") + "\n" + second[..(second.Length / 2)];

        var records = Json.Read(text);

        records.Count.ShouldBe(2);
        records[0].IsValid.ShouldBeTrue(Json.Describe(records[0]));
        records[0].Profile!.Name.ShouldBe("A");
        records[1].IsValid.ShouldBeFalse();
    }

    [Fact]
    public void Invalid_UTF8_inside_a_string_is_an_error_on_that_line_only()
    {
        var bad = Utf8(Json.Profile(name: "Bad@Name")).ToList();
        var at = bad.IndexOf((byte)'@');
        bad[at] = 0xC3;
        bad.Insert(at + 1, 0x28); // 0xC3 0x28: a lead byte followed by a non-continuation byte
        var data = Concat(Utf8(Json.Profile(name: "A") + "\n"), bad.ToArray(), Utf8("\n" + Json.Profile(name: "C") + "\n"));

        var records = Json.Read(data);

        records.Count.ShouldBe(3);
        ShouldBeValid(records[0], "line 1", "A");
        ShouldBeInvalid(records[1], "line 2").Reason.ShouldContain("UTF-8");
        ShouldBeValid(records[2], "line 3", "C");
    }

    [Theory]
    [InlineData("regionCode")]
    [InlineData("listing")]
    [InlineData("establishedOn")]
    [InlineData("creditCode")]
    public void Invalid_UTF8_in_any_string_member_is_an_error_not_a_crash(string member)
    {
        var line = Utf8(Json.Profile(o => o[member] = "@"));
        var at = Array.IndexOf(line, (byte)'@');
        var bad = Concat(line[..at], [0xFF, 0xFE, 0x80], line[(at + 1)..]);
        var data = Concat(bad, Utf8("\n" + Json.Profile(name: "B") + "\n"));

        var records = Json.Read(data);

        records.Count.ShouldBe(2);
        ShouldBeInvalid(records[0], "line 1");
        ShouldBeValid(records[1], "line 2", "B");
    }

    [Fact]
    public void Invalid_UTF8_in_a_property_name_is_an_error_not_a_crash()
    {
        var line = Utf8(Json.Profile(o => o["x@"] = 1));
        var at = Array.IndexOf(line, (byte)'@');
        line[at] = 0xC3;
        var data = Concat(Utf8(Json.Profile(name: "A") + "\n"), line, Utf8("\n" + Json.Profile(name: "C") + "\n"));

        var records = Json.Read(data);

        records.Count.ShouldBe(3);
        ShouldBeValid(records[0], "line 1", "A");
        ShouldBeInvalid(records[1], "line 2");
        ShouldBeValid(records[2], "line 3", "C");
    }

    [Fact]
    public void Invalid_UTF8_in_an_array_element_is_an_error_for_that_element_only()
    {
        var bad = Utf8(Json.Profile(name: "@"));
        var at = Array.IndexOf(bad, (byte)'@');
        bad[at] = 0xC3;
        var data = Concat(Utf8("[" + Json.Profile(name: "A") + ",\n"), bad, Utf8(",\n" + Json.Profile(name: "C") + "]"));

        var records = Json.Read(data);

        records.Count.ShouldBe(3);
        ShouldBeValid(records[0], "index 0", "A");
        ShouldBeInvalid(records[1], "index 1");
        ShouldBeValid(records[2], "index 2", "C");
    }

    [Fact]
    public void A_Latin1_encoded_file_is_an_error_per_record_not_a_crash()
    {
        // JsonNode writes non-ASCII as \uXXXX escapes; put the raw characters back before encoding as Latin-1.
        var text = Json.Lines(Json.Profile(name: "M\u00fcller GmbH"), Json.Profile(name: "\u00c5str\u00f6m AB"))
            .Replace("\\u00FC", "\u00fc", StringComparison.Ordinal)
            .Replace("\\u00C5", "\u00c5", StringComparison.Ordinal)
            .Replace("\\u00F6", "\u00f6", StringComparison.Ordinal);
        var latin1 = Encoding.Latin1.GetBytes(text);
        latin1.ShouldContain((byte)0xFC);

        var records = Json.Read(latin1);

        records.Count.ShouldBe(2);
        ShouldBeInvalid(records[0], "line 1").Reason.ShouldContain("UTF-8");
        ShouldBeInvalid(records[1], "line 2").Reason.ShouldContain("UTF-8");
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    public void A_UTF16_file_with_BOM_is_one_clear_error(string encodingName)
    {
        var encoding = Encoding.GetEncoding(encodingName);
        var data = Concat(encoding.GetPreamble(), encoding.GetBytes(Json.Lines(Json.Profile(name: "A"), Json.Profile(name: "B"))));

        var record = Json.Read(data).ShouldHaveSingleItem();

        ShouldBeInvalid(record, "file").Reason.ShouldContain("UTF-16");
    }

    [Fact]
    public void A_UTF16_file_without_BOM_is_rejected_without_a_crash()
    {
        var records = Json.Read(Encoding.Unicode.GetBytes(Json.Lines(Json.Profile(name: "A"), Json.Profile(name: "B"))));

        records.ShouldNotBeEmpty();
        records.ShouldAllBe(r => !r.IsValid && r.Errors.Count > 0);
    }

    [Fact]
    public void Deeply_nested_JSON_in_a_line_is_an_error_not_a_crash()
    {
        var deep = "{\"creditCode\":\"" + Json.ValidCreditCode + "\",\"x\":" + new string('[', 200) + new string(']', 200) + "}";
        var records = Json.Read(Json.Lines(Json.Profile(name: "A"), deep, Json.Profile(name: "C")));

        records.Count.ShouldBe(3);
        ShouldBeValid(records[0], "line 1", "A");
        ShouldBeInvalid(records[1], "line 2").Reason.ShouldContain("depth");
        ShouldBeValid(records[2], "line 3", "C");
    }

    [Fact]
    public void A_deeply_nested_first_line_is_an_error_not_a_crash()
    {
        var deep = new string('[', 200) + new string(']', 200);
        var records = Json.Read(Json.Lines(deep, Json.Profile(name: "B")));

        records.ShouldNotBeEmpty();
        records[0].IsValid.ShouldBeFalse();
        records[0].Errors.ShouldHaveSingleItem().Reason.ShouldContain("depth");
    }

    [Fact]
    public void Content_after_the_closing_bracket_of_an_array_is_reported_not_silently_dropped()
    {
        var records = Json.Read(Json.Lines("[" + Json.Profile(name: "A") + "]", Json.Profile(name: "B")));

        records.Count.ShouldBe(2, string.Join(" | ", records.Select(Json.Describe)));
        ShouldBeValid(records[0], "index 0", "A");
        records[1].IsValid.ShouldBeFalse();
        records[1].Errors.ShouldHaveSingleItem().Reason.ShouldContain("after");
    }

    [Theory]
    [InlineData(200)]
    [InlineData(100_000)]
    public void A_deeply_nested_file_is_an_error_not_a_crash(int depth)
    {
        var objects = string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
        var arrays = new string('[', depth) + new string(']', depth);

        foreach (var text in new[] { objects, arrays })
        {
            var records = Json.Read(text);
            records.ShouldNotBeEmpty();
            records.ShouldAllBe(r => !r.IsValid && r.Errors.Count > 0);
        }
        Json.Read(objects.Replace(",", ",\n", StringComparison.Ordinal).Replace(":", ":\n", StringComparison.Ordinal)).ShouldAllBe(r => !r.IsValid);
    }

    [Theory]
    [InlineData("42", "the number 42")]
    [InlineData("[1,2]", "an array")]
    [InlineData("\"text\"", "the string")]
    [InlineData("null", "null")]
    [InlineData("true", "true")]
    public void A_line_that_is_not_an_object_is_an_error(string line, string described)
    {
        var records = Json.Read(Json.Lines(Json.Profile(name: "A"), line, Json.Profile(name: "C")));

        records.Count.ShouldBe(3);
        ShouldBeValid(records[0], "line 1", "A");
        var error = ShouldBeInvalid(records[1], "line 2");
        error.Path.ShouldBe("");
        error.Reason.ShouldContain("expected an object");
        error.Reason.ShouldContain(described);
        ShouldBeValid(records[2], "line 3", "C");
    }

    [Fact]
    public void An_array_element_that_is_not_an_object_is_an_error()
    {
        var records = Json.Read("[" + Json.Profile(name: "A") + ",42,\"x\"," + Json.Profile(name: "D") + "]");

        records.Select(r => r.IsValid).ShouldBe([true, false, false, true]);
        records[1].Errors.ShouldHaveSingleItem().Reason.ShouldContain("expected an object");
    }

    [Fact]
    public void Garbage_lines_between_valid_lines_are_errors()
    {
        var records = Json.Read(Json.Lines(Json.Profile(name: "A"), "not json at all", "}{", "\0\0\0", Json.Profile(name: "E")));

        records.Count.ShouldBe(5);
        ShouldBeValid(records[0], "line 1", "A");
        ShouldBeInvalid(records[1], "line 2");
        ShouldBeInvalid(records[2], "line 3");
        ShouldBeInvalid(records[3], "line 4");
        ShouldBeValid(records[4], "line 5", "E");
    }

    [Fact]
    public void Two_objects_on_one_line_are_an_error_for_that_line()
    {
        var records = Json.Read(Json.Lines(Json.Profile(name: "A"), Json.Profile(name: "B") + Json.Profile(name: "B2"), Json.Profile(name: "C")));

        records.Count.ShouldBe(3);
        ShouldBeInvalid(records[1], "line 2");
        ShouldBeValid(records[2], "line 3", "C");
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("123456789012345678901234567890123456789")]
    public void A_number_too_large_for_a_decimal_is_an_error_not_a_crash(string raw)
    {
        var record = Json.ReadOne(Json.Profile(o => o["financials"]![0]!["operatingRevenue"] = Json.Raw(raw)));
        var error = record.Errors.ShouldHaveSingleItem();
        error.Path.ShouldBe("/financials/0/operatingRevenue");
    }

    [Fact]
    public void Random_bytes_never_throw_and_every_record_is_valid_or_explained()
    {
        Gen.Byte.Array[0, 400].Sample(bytes =>
        {
            var records = Json.Read(bytes);
            records.ShouldNotBeEmpty();
            records.ShouldAllBe(r => r.IsValid ? r.Errors.Count == 0 : r.Errors.Count > 0);
        });
    }

    [Fact]
    public void Random_cuts_of_a_valid_file_never_throw_and_never_lose_a_complete_line()
    {
        var lines = new[] { Json.Profile(name: "A"), Json.Profile(name: "B"), Json.Profile(name: "C") };
        var text = Utf8(Json.Lines(lines));
        Gen.Int[0, text.Length].Sample(cut =>
        {
            var records = Json.Read(text[..cut]);
            records.ShouldNotBeEmpty();
            var completeLines = Encoding.UTF8.GetString(text, 0, cut).Split('\n').Count(l => lines.Contains(l));
            records.Count(r => r.IsValid).ShouldBe(completeLines);
        });
    }

    [Fact]
    public void A_first_line_closed_early_by_a_corrupted_byte_does_not_swallow_the_lines_after_it()
    {
        // A '}' in place of the comma before "financials": the object ends there and the rest of the line is left over.
        var first = Json.Profile(name: "A");
        var comma = first.IndexOf(",\"financials\"", StringComparison.Ordinal);
        comma.ShouldBeGreaterThan(0);
        var corrupted = first[..comma] + "}" + first[(comma + 1)..];
        var text = Json.Lines(corrupted, Json.Profile(name: "B"), Json.Profile(name: "C"));

        var records = Json.Read(text);

        records.Count.ShouldBe(3, string.Join(" | ", records.Select(Json.Describe)));
        ShouldBeInvalid(records[0], "line 1").Reason.ShouldContain("not valid JSON");
        ShouldBeValid(records[1], "line 2", "B");
        ShouldBeValid(records[2], "line 3", "C");
    }

    [Fact]
    public void Random_corruption_of_one_line_never_loses_the_other_lines()
    {
        var lines = new[] { Json.Profile(name: "A"), Json.Profile(name: "B"), Json.Profile(name: "C") };
        Gen.Select(Gen.Int[0, 2], Gen.Int[0, lines[1].Length - 1], Gen.Byte).Sample((which, position, value) =>
        {
            if (value == (byte)'\n')
            {
                return;
            }
            var corrupted = lines.Select(Utf8).ToArray();
            corrupted[which][position] = value;
            var data = Concat(corrupted[0], [(byte)'\n'], corrupted[1], [(byte)'\n'], corrupted[2], [(byte)'\n']);

            var records = Json.Read(data);

            records.Count.ShouldBe(3);
            for (var i = 0; i < 3; i++)
            {
                if (i != which)
                {
                    records[i].IsValid.ShouldBeTrue(Json.Describe(records[i]));
                    records[i].Locator.ShouldBe($"line {i + 1}");
                }
            }
        });
    }
}
