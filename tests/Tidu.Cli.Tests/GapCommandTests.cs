using System.Text.Json.Nodes;
using Shouldly;
using Tidu.Cli.Commands;
using Xunit;

namespace Tidu.Cli.Tests;

public sealed class GapCommandTests
{
    private static string Example(string name) => Path.Combine(CliRunner.Examples, name);

    private static CliRunner.Outcome Gap(string file, string? asOf, string? tier = null, bool next = false, string format = "jsonl")
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = GapCommand.Run(new FileInfo(file), asOf, tier, next, format, null, stdout, stderr, TimeProvider.System);
        return new CliRunner.Outcome(code, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("2026-03-31", "2022")]
    [InlineData("2026-04-01", "2026")]
    public void Every_failed_tier_gets_a_line_with_changes_and_an_outcome(string asOf, string specializedVersion)
    {
        var outcome = Gap(Example("three-enterprises-v1.1.json"), asOf);
        outcome.ExitCode.ShouldBe(0, outcome.Stderr);
        outcome.Lines.ShouldNotBeEmpty();
        foreach (var line in outcome.Lines.Select(l => JsonNode.Parse(l)!))
        {
            line["creditCode"]!.GetValue<string>().Length.ShouldBe(18);
            line["qualified"]!.GetValue<bool>().ShouldBeFalse();
            line["note"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
            var reachable = line["reachable"]!.GetValue<bool>();
            reachable.ShouldBe(line["blockers"]!.AsArray().Count == 0 && line["verified"]!.GetValue<bool>());
            foreach (var c in line["changes"]!.AsArray())
            {
                c!["path"]!.GetValue<string>().ShouldStartWith("/");
                c["check"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
                c.AsObject().ContainsKey("current").ShouldBeTrue();
                c["needed"].ShouldNotBeNull();
            }
            if (line["tier"]!.GetValue<string>() == "specialized-sme")
            {
                line["ruleVersion"]!.GetValue<string>().ShouldBe(specializedVersion);
            }
        }
    }

    [Fact]
    public void A_tier_is_analysed_after_the_rungs_it_needs()
    {
        var outcome = Gap(Example("three-enterprises-v1.1.json"), "2026-03-31", tier: "little-giant");
        outcome.ExitCode.ShouldBe(0, outcome.Stderr);
        var lines = outcome.Lines.Select(l => JsonNode.Parse(l)!).ToList();
        lines.ShouldContain(l => l["tier"]!.GetValue<string>() == "little-giant");
        var prerequisite = lines.First(l => l["blockers"]!.AsArray().Any(b => b!["kind"]!.GetValue<string>() == "prerequisite"));
        lines.IndexOf(prerequisite).ShouldBeGreaterThan(0);
        lines[lines.IndexOf(prerequisite) - 1]["tier"]!.GetValue<string>().ShouldBe("specialized-sme");
    }

    [Fact]
    public void Next_tier_advice_marks_its_lines()
    {
        var outcome = Gap(Example("three-enterprises-v1.1.json"), "2026-06-30", next: true);
        outcome.ExitCode.ShouldBe(0, outcome.Stderr);
        outcome.Lines.Select(l => JsonNode.Parse(l)!).ShouldContain(l => l["next"] != null && l["next"]!.GetValue<bool>());
    }

    [Fact]
    public void The_table_is_in_chinese()
    {
        var outcome = Gap(Example("three-enterprises-v1.1.json"), "2026-03-31", format: "table");
        outcome.ExitCode.ShouldBe(0, outcome.Stderr);
        outcome.Stdout.ShouldContain("专精特新");
        outcome.Stdout.ShouldContain("需要");
        // Fields by their Chinese names and years, never as JSON Pointers (the JSON lines keep the pointers).
        outcome.Stdout.ShouldNotContain("/financials/");
        outcome.Stdout.ShouldNotContain("/mainProduct/");
        outcome.Stdout.ShouldMatch(@"20\d\d年 (研发费用|主营业务收入|营业收入)");
    }

    [Fact]
    public void An_unknown_tier_is_an_error_that_lists_the_tiers()
    {
        var outcome = Gap(Example("three-enterprises-v1.1.json"), "2026-03-31", tier: "giant");
        outcome.ExitCode.ShouldBe(2);
        outcome.Stderr.ShouldContain("little-giant");
        outcome.Stdout.ShouldBeEmpty();
    }

    [Fact]
    public void Tier_and_next_together_are_refused() =>
        Gap(Example("three-enterprises-v1.1.json"), "2026-03-31", tier: "little-giant", next: true).ExitCode.ShouldBe(2);

    [Fact]
    public void The_program_has_a_gap_command()
    {
        var outcome = CliRunner.Process("gap", Example("two-enterprises.json"), "--as-of", "2026-03-31", "--tier", "specialized-sme");
        outcome.ExitCode.ShouldBe(0, outcome.Stderr);
        outcome.Lines.ShouldNotBeEmpty();
    }
}
