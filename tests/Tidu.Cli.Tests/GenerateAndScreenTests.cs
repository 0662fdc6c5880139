using System.Text.Json.Nodes;
using Shouldly;
using Tidu.Cli.Commands;
using Tidu.Domain;
using Tidu.Domain.Exchange;
using Xunit;

namespace Tidu.Cli.Tests;

public sealed class GenerateAndScreenTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tidu-screen-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    private string Generate(int count, int seed, params string[] regions)
    {
        var file = PathOf($"gen-{seed}-{count}-{string.Join("_", regions)}.jsonl");
        GenerateCommand.Run(count, seed, regions, 2025, new FileInfo(file), null, TextWriter.Null, oversample: 40).ShouldBe(0); // every rung and its near misses in a few hundred profiles
        return file;
    }

    [Fact]
    public void Generation_is_deterministic_for_a_seed_and_differs_between_seeds()
    {
        var a = File.ReadAllBytes(Generate(300, 11));
        var b = File.ReadAllBytes(Generate(300, 11));
        var c = File.ReadAllBytes(Generate(300, 12));
        a.ShouldBe(b);
        a.ShouldNotBe(c);
    }

    [Fact]
    public void Generated_profiles_are_valid_exchange_records_in_the_requested_region()
    {
        using var stream = File.OpenRead(Generate(2000, 5, "3301", "420100"));
        var records = ProfileReader.Read(stream).ToList();
        records.Count.ShouldBe(2000);
        records.ShouldAllBe(r => r.IsValid);
        records.ShouldAllBe(r => r.Profile!.RegionCode.StartsWith("3301", StringComparison.Ordinal) || r.Profile.RegionCode.StartsWith("4201", StringComparison.Ordinal));
        records.ShouldAllBe(r => CreditCode.IsValid(r.Profile!.CreditCode));
        records.Select(r => r.Profile!.CreditCode).Distinct().Count().ShouldBeGreaterThan(1990);
    }

    [Fact]
    public void An_unknown_region_is_refused()
    {
        GenerateCommand.Run(10, 1, ["999999"], 2025, new FileInfo(PathOf("x.jsonl")), null, TextWriter.Null).ShouldBe(2);
    }

    [Theory]
    [InlineData("2026-03-31")]
    [InlineData("2026-06-30")]
    public void Screen_output_equals_evaluate_output_line_for_line(string asOf)
    {
        var input = Generate(600, 21);
        var results = PathOf("results.jsonl");
        var screen = ScreenCommand.Run(new FileInfo(input), asOf, new FileInfo(results), null, explain: true, null, TextWriter.Null, TextWriter.Null, FixedClock.TestDay);
        screen.ShouldBe(0);
        var evaluate = CliRunner.Evaluate(input, asOf);
        evaluate.ExitCode.ShouldBe(0);
        File.ReadAllLines(results).ShouldBe(evaluate.Lines);
    }

    [Fact]
    public void Screen_without_explain_equals_evaluate_without_checks()
    {
        var input = Generate(300, 22);
        var results = PathOf("results.jsonl");
        ScreenCommand.Run(new FileInfo(input), "2026-03-31", new FileInfo(results), null, explain: false, null, TextWriter.Null, TextWriter.Null, FixedClock.TestDay).ShouldBe(0);
        File.ReadAllLines(results).ShouldBe(CliRunner.Evaluate(input, "2026-03-31", noChecks: true).Lines);
    }

    [Fact]
    public void Malformed_lines_in_a_large_file_are_reported_with_line_numbers_and_do_not_stop_the_run()
    {
        var lines = File.ReadAllLines(Generate(5000, 23)).ToList();
        lines[9] = "{\"creditCode\": \"91330000XXXXXXXXX1\"";       // line 10: truncated
        lines[2999] = "not json at all";                            // line 3000
        lines[4999] = lines[4999].Replace("\"year\":2024", "\"year\":2025", StringComparison.Ordinal); // line 5000: duplicate year
        var input = PathOf("bad.jsonl");
        File.WriteAllLines(input, lines);
        var results = PathOf("results.jsonl");
        var errors = PathOf("errors.jsonl");
        var stdout = new StringWriter();
        var code = ScreenCommand.Run(new FileInfo(input), "2026-03-31", new FileInfo(results), new FileInfo(errors), false, null, stdout, TextWriter.Null, FixedClock.TestDay);
        code.ShouldBe(1);
        CliRunner.ResultLines(results).Count.ShouldBe(4997);
        var reported = File.ReadAllLines(errors).Select(l => JsonNode.Parse(l)!).ToList();
        reported.Select(e => e["record"]!.GetValue<string>()).Distinct().ShouldBe(["line 10", "line 3000", "line 5000"]);
        reported.ShouldContain(e => e["path"]!.GetValue<string>() == "/financials/2/year");
        stdout.ToString().ShouldContain("无效记录 3 条");
    }

    [Fact]
    public void The_summary_counts_equal_counts_taken_from_the_results()
    {
        var input = Generate(1500, 24);
        var results = PathOf("results.jsonl");
        var stdout = new StringWriter();
        ScreenCommand.Run(new FileInfo(input), "2026-03-31", new FileInfo(results), null, false, null, stdout, TextWriter.Null, FixedClock.TestDay).ShouldBe(0);
        var rows = CliRunner.ResultLines(results).Select(l => JsonNode.Parse(l)!).ToList();
        var specialized = rows.Count(r => r["tiers"]!["specialized-sme"]!["qualified"]!.GetValue<bool>());
        var medium = rows.Count(r => r["sizeClass"]?.GetValue<string>() == "medium");
        var text = stdout.ToString();
        text.ShouldContain("有效 1500 家");
        var totalRow = text.Split('\n').Single(l => l.Contains("合计", StringComparison.Ordinal));
        totalRow.ShouldContain($" {specialized} ");
        text.Split('\n').Single(l => l.Contains("中型", StringComparison.Ordinal)).ShouldContain($" {medium} ");
    }

    [Fact]
    public void Bench_measures_every_stage_on_a_small_population()
    {
        var stdout = new StringWriter();
        BenchCommand.Run(300, 1, "2026-03-31", stdout, TextWriter.Null).ShouldBe(0);
        var text = stdout.ToString();
        text.ShouldContain("(a) parse only");
        text.ShouldContain("(b) screen end to end");
        text.ShouldContain("(c) engine only");
    }
}
