using System.Text.Json.Nodes;
using Shouldly;
using Tidu.Cli.Commands;
using Xunit;

namespace Tidu.Cli.Tests;

/// <summary><c>tidu replay</c> end to end: results written by evaluate, a corrected rule folder, and what the user sees.</summary>
public sealed class ReplayCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tidu-replay-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    /// <summary>Profiles, their results on 2026-06-30 under the shipped rules, and a copy of the rules to correct.</summary>
    private (string Profiles, string Results, string Rules) Setup()
    {
        var profiles = PathOf("profiles.jsonl");
        GenerateCommand.Run(1500, 7, [], 2025, new FileInfo(profiles), null, TextWriter.Null, oversample: 40).ShouldBe(0);
        var evaluated = CliRunner.Evaluate(profiles, "2026-06-30");
        evaluated.ExitCode.ShouldBe(0);
        var results = PathOf("results.jsonl");
        File.WriteAllText(results, evaluated.Stdout);
        var rules = PathOf("rules");
        var shipped = Path.Combine(AppContext.BaseDirectory, "rules");
        foreach (var file in Directory.EnumerateFiles(shipped, "*.yaml", SearchOption.AllDirectories))
        {
            var target = Path.Combine(rules, Path.GetRelativePath(shipped, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return (profiles, results, rules);
    }

    private static void Patch(string rules, string from, string to)
    {
        var file = Path.Combine(rules, "national", "specialized-sme.yaml");
        var text = File.ReadAllText(file);
        text.ShouldContain(from);
        File.WriteAllText(file, text.Replace(from, to, StringComparison.Ordinal));
    }

    private static CliRunner.Outcome Replay(string results, string profiles, string rules, string format)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = ReplayCommand.Run(new FileInfo(results), new FileInfo(profiles), new DirectoryInfo(rules), null, format, stdout, stderr);
        return new CliRunner.Outcome(code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void A_corrected_threshold_lists_each_enterprise_that_flips_with_the_check_before_and_after()
    {
        var (profiles, results, rules) = Setup();
        Patch(rules, "fact: mainBusinessShare, ge: 0.80}", "fact: mainBusinessShare, ge: 0.85}");
        var qualifiedBefore = CliRunner.ResultLines(results).Select(l => JsonNode.Parse(l)!)
            .Where(r => r["tiers"]!["specialized-sme"]!["qualified"]!.GetValue<bool>())
            .ToDictionary(r => r["creditCode"]!.GetValue<string>(), r => r["tiers"]!["specialized-sme"]!["checks"]!.AsArray()
                .Single(c => c!["id"]!.GetValue<string>() == "specialized.main-business-share")!["actual"]!.GetValue<decimal>());
        // The stored actual is the share rounded for display: below 0.849 it is certainly below 0.85 and must flip; a
        // flip's share is at most 0.85 as displayed. (The exact set is asserted from raw amounts in DecisionReplayTests.)
        var certain = qualifiedBefore.Where(kv => kv.Value < 0.849m).Select(kv => kv.Key).ToList();

        var jsonl = Replay(results, profiles, rules, "jsonl");
        jsonl.ExitCode.ShouldBe(0, jsonl.Stderr);
        var flips = jsonl.Lines.Select(l => JsonNode.Parse(l)!).ToList();
        flips.ShouldNotBeEmpty();
        var flipped = flips.Select(f => f["creditCode"]!.GetValue<string>()).ToList();
        flipped.ShouldBeSubsetOf(qualifiedBefore.Keys);
        certain.ShouldBeSubsetOf(flipped);
        flipped.ShouldAllBe(code => qualifiedBefore[code] >= 0.80m && qualifiedBefore[code] <= 0.85m);
        var first = flips[0];
        first["change"]!.GetValue<string>().ShouldBe("lost");
        first["ruleSet"]!["version"]!.GetValue<string>().ShouldBe("2026");
        var check = first["checks"]!.AsArray().ShouldHaveSingleItem()!;
        check["before"]!["required"]!.GetValue<string>().ShouldBe("≥ 0.80");
        check["after"]!["required"]!.GetValue<string>().ShouldBe("≥ 0.85");
        jsonl.Stderr.ShouldContain($"{flips.Count} tier outcome(s) flipped (0 gained, {flips.Count} lost)");

        var table = Replay(results, profiles, rules, "table");
        table.Stdout.ShouldContain($"{flips.Count} 项梯度结论发生变化（新增符合 0，不再符合 {flips.Count}）");
        table.Stdout.ShouldContain("要求 ≥ 0.80 → ≥ 0.85（✓ → ✗）");
    }

    [Fact]
    public void Results_made_under_a_version_the_corrected_rules_no_longer_have_are_refused_and_nothing_is_written()
    {
        var (profiles, results, rules) = Setup();
        Patch(rules, "  - id: \"2026\"\n    effectiveFrom: 2026-04-01", "  - id: \"2026-corrected\"\n    effectiveFrom: 2026-04-01");
        var outcome = Replay(results, profiles, rules, "jsonl");
        outcome.ExitCode.ShouldBe(2);
        outcome.Stdout.ShouldBeEmpty();
        outcome.Stderr.ShouldContain("specialized-sme version '2026'");
        outcome.Stderr.ShouldContain("'2026-corrected'");
    }

    [Fact]
    public void Results_without_a_matching_profile_are_reported_and_the_rest_replayed()
    {
        var (profiles, results, rules) = Setup();
        var lines = File.ReadAllLines(profiles);
        File.WriteAllLines(profiles, lines.Skip(1));
        File.AppendAllText(results, "not a result\n");
        var outcome = Replay(results, profiles, rules, "jsonl");
        outcome.ExitCode.ShouldBe(1);
        outcome.Stderr.ShouldContain("results line 2: no valid profile for");
        outcome.Stderr.ShouldContain("results line 1502: not valid JSON");
        outcome.Stderr.ShouldContain("replayed 1499 result(s)");
    }
}
