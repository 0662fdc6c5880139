using System.Text.Json;
using System.Text.Json.Nodes;
using Shouldly;
using Xunit;

namespace Tidu.Cli.Tests;

public sealed class EvaluateCommandTests
{
    private static string Example(string name) => Path.Combine(CliRunner.Examples, name);

    [Theory]
    [InlineData("two-enterprises.json", "two-enterprises.expected.jsonl", "2026-03-31")]
    [InlineData("three-enterprises-v1.1.json", "three-enterprises-v1.1.expected.2026-03-31.jsonl", "2026-03-31")]
    [InlineData("three-enterprises-v1.1.json", "three-enterprises-v1.1.expected.2026-06-30.jsonl", "2026-06-30")]
    public void Jsonl_output_carries_the_expected_core(string input, string expected, string asOf)
    {
        var outcome = CliRunner.Evaluate(Example(input), asOf);
        outcome.ExitCode.ShouldBe(0, outcome.Stderr);
        outcome.Stderr.ShouldBeEmpty();
        var want = File.ReadAllLines(Example(expected)).Where(l => l.Length > 0).ToList();
        outcome.Results.Count.ShouldBe(want.Count);
        for (var i = 0; i < want.Count; i++)
        {
            var line = JsonNode.Parse(outcome.Results[i])!;
            var expectedLine = JsonNode.Parse(want[i])!;
            line["creditCode"]!.GetValue<string>().ShouldBe(expectedLine["creditCode"]!.GetValue<string>());
            (line["sizeClass"]?.GetValue<string>()).ShouldBe(expectedLine["sizeClass"]?.GetValue<string>());
            foreach (var (tier, value) in expectedLine["tiers"]!.AsObject())
            {
                var got = line["tiers"]![tier]!;
                got["qualified"]!.GetValue<bool>().ShouldBe(value!["qualified"]!.GetValue<bool>(), $"{tier} of record {i}");
                (got["score"]?.GetValue<decimal>()).ShouldBe(value["score"]?.GetValue<decimal>(), $"{tier} score of record {i}");
            }
        }
    }

    [Fact]
    public void Every_check_in_the_output_has_a_title_a_required_value_and_a_citation()
    {
        var outcome = CliRunner.Evaluate(Example("two-enterprises.json"), "2026-03-31");
        var line = JsonNode.Parse(outcome.Results[0])!;
        var checks = line["tiers"]!["specialized-sme"]!["checks"]!.AsArray();
        checks.Count.ShouldBeGreaterThan(20);
        foreach (var c in checks)
        {
            c!["title"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
            c["cite"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
            c["required"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        }
        var rd = checks.Single(c => c!["id"]!.GetValue<string>() == "specialized.c2.rd-ratio")!;
        rd["actual"]!.GetValue<decimal>().ShouldBe(0.03m); // 300 / 10000
        rd["required"]!.GetValue<string>().ShouldBe("≥ 0.03");
        rd["passed"]!.GetValue<bool>().ShouldBeTrue();
        RuleSetDescribedBy(outcome.Lines[0], line["tiers"]!["specialized-sme"]!["ruleSet"]!)["cite"]!.GetValue<string>().ShouldContain("63号");
    }

    [Theory]
    [InlineData("2026-03-31")]
    [InlineData("2026-06-30")]
    public void The_first_line_describes_every_rule_version_the_results_name_once(string asOf)
    {
        var outcome = CliRunner.Evaluate(Example("three-enterprises-v1.1.json"), asOf, noChecks: true);
        outcome.ExitCode.ShouldBe(0, outcome.Stderr);
        var header = JsonNode.Parse(outcome.Lines[0])!;
        header["asOf"]!.GetValue<string>().ShouldBe(asOf);
        outcome.Results.Count.ShouldBe(3);
        foreach (var line in outcome.Results.Select(l => JsonNode.Parse(l)!))
        {
            var references = line["tiers"]!.AsObject().Select(t => t.Value!["ruleSet"]!).Append(line["sizeClassDetail"]!["ruleSet"]!).ToList();
            foreach (var reference in references)
            {
                reference["cite"].ShouldBeNull(); // named, not repeated
                var described = RuleSetDescribedBy(outcome.Lines[0], reference);
                described["title"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
                described["cite"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
                described["verification"]!["label"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
                described["effectiveFrom"]!.GetValue<string>().ShouldBe(reference["effectiveFrom"]!.GetValue<string>());
            }
        }
    }

    /// <summary>The header's description of the version a result names (exactly one).</summary>
    private static JsonNode RuleSetDescribedBy(string headerLine, JsonNode reference)
    {
        string Key(JsonNode n) => $"{n["id"]}|{n["jurisdiction"]}|{n["version"]}";
        return JsonNode.Parse(headerLine)!["ruleSets"]!.AsArray().Single(d => Key(d!) == Key(reference))!;
    }

    [Fact]
    public void Invalid_records_are_reported_on_stderr_and_valid_ones_still_evaluated()
    {
        var lines = File.ReadAllText(Example("two-enterprises.json"));
        var profiles = JsonNode.Parse(lines)!.AsArray();
        var bad = profiles[0]!.DeepClone();
        bad["creditCode"] = "91420111D5QA4XFD1D";
        var file = CliRunner.WriteTemp(string.Join("\n", profiles[0]!.ToJsonString(), bad.ToJsonString(), "{\"creditCode\":", profiles[1]!.ToJsonString()) + "\n");
        var outcome = CliRunner.Evaluate(file, "2026-03-31");
        outcome.ExitCode.ShouldBe(1);
        outcome.Results.Count.ShouldBe(2);
        JsonNode.Parse(outcome.Results[1])!["creditCode"]!.GetValue<string>().ShouldBe("91330108NKYBERXPBK");
        outcome.Stderr.ShouldContain("line 2");
        outcome.Stderr.ShouldContain("/creditCode");
        outcome.Stderr.ShouldContain("check character");
        outcome.Stderr.ShouldContain("line 3");
        outcome.Stderr.ShouldContain("2 invalid record(s) skipped");
    }

    [Fact]
    public void A_date_before_any_rule_version_is_an_error_that_says_so()
    {
        var outcome = CliRunner.Evaluate(Example("two-enterprises.json"), "2022-07-31");
        outcome.ExitCode.ShouldBe(2);
        outcome.Stdout.ShouldBeEmpty();
        outcome.Stderr.ShouldContain("no version of rule set");
        outcome.Stderr.ShouldContain("2022-07-31");
    }

    [Fact]
    public void A_malformed_date_is_an_error()
    {
        var outcome = CliRunner.Evaluate(Example("two-enterprises.json"), "2026-02-30");
        outcome.ExitCode.ShouldBe(2);
        outcome.Stderr.ShouldContain("YYYY-MM-DD");
    }

    [Fact]
    public void A_missing_file_is_an_error_without_a_stack_trace()
    {
        var outcome = CliRunner.Evaluate(Path.Combine(Path.GetTempPath(), "no-such-file.json"), "2026-03-31");
        outcome.ExitCode.ShouldBe(2);
        outcome.Stderr.ShouldContain("cannot read");
        outcome.Stderr.ShouldNotContain("   at ");
    }

    [Fact]
    public void As_of_defaults_to_today()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 3, 31, 12, 0, 0, TimeSpan.Zero));
        var outcome = CliRunner.Evaluate(Example("two-enterprises.json"), null, clock: clock);
        JsonNode.Parse(outcome.Results[0])!["asOf"]!.GetValue<string>().ShouldBe("2026-03-31");
    }

    [Fact]
    public void Json_format_is_one_array_in_input_order()
    {
        var outcome = CliRunner.Evaluate(Example("three-enterprises-v1.1.json"), "2026-06-30", "json");
        var array = JsonNode.Parse(outcome.Stdout)!.AsArray();
        array.Select(e => e!["creditCode"]!.GetValue<string>()).ShouldBe(["91420111J6RWRBTCUA", "913301064PUNKQP4KY", "91330212RFH4XW8DWM"]);
    }

    [Fact]
    public void Table_format_is_a_chinese_summary_with_reasons_and_advice()
    {
        var outcome = CliRunner.Evaluate(Example("three-enterprises-v1.1.json"), "2026-06-30", "table");
        outcome.ExitCode.ShouldBe(0);
        outcome.Stdout.ShouldContain("评价结果（评价日期 2026-06-30）");
        outcome.Stdout.ShouldContain("专精特新中小企业");
        outcome.Stdout.ShouldContain("未满足：主导产品收入占营业收入比重超过50%");
        outcome.Stdout.ShouldContain("请先申报创新型中小企业");
    }

    [Fact]
    public void No_checks_leaves_out_the_explanation_but_keeps_the_outcome()
    {
        var outcome = CliRunner.Evaluate(Example("two-enterprises.json"), "2026-03-31", noChecks: true);
        var line = JsonNode.Parse(outcome.Results[0])!;
        line["tiers"]!["innovative-sme"]!["checks"].ShouldBeNull();
        line["tiers"]!["innovative-sme"]!["score"]!.GetValue<decimal>().ShouldBe(85m);
    }

    [Fact]
    public void Help_works_for_the_program_and_the_command()
    {
        var root = CliRunner.Process("--help");
        root.ExitCode.ShouldBe(0);
        root.Stdout.ShouldContain("evaluate");
        var evaluate = CliRunner.Process("evaluate", "--help");
        evaluate.ExitCode.ShouldBe(0);
        evaluate.Stdout.ShouldContain("--as-of");
        evaluate.Stdout.ShouldContain("--format");
    }

    [Fact]
    public void An_unknown_format_is_refused_by_the_program()
    {
        var outcome = CliRunner.Process("evaluate", Example("two-enterprises.json"), "--format", "xml");
        // Exit code 2 (README: bad arguments, nothing evaluated), not 1 (some records invalid).
        outcome.ExitCode.ShouldBe(2);
        outcome.Stderr.ShouldContain("xml");
        outcome.Stderr.ShouldNotContain("   at ");
    }

    [Fact]
    public void An_unknown_option_is_a_bad_argument_with_exit_code_2()
    {
        var outcome = CliRunner.Process("evaluate", Example("two-enterprises.json"), "--no-such-option");
        outcome.ExitCode.ShouldBe(2);
        outcome.Stderr.ShouldContain("--no-such-option");
        outcome.Stdout.ShouldNotContain("\"creditCode\"", Case.Insensitive, "nothing is evaluated when the arguments are bad");
    }
}
