using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CsCheck;
using Shouldly;
using Tidu.Cli.Commands;
using Tidu.Domain.Exchange;
using Tidu.Domain.Regions;
using Tidu.Rules;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Gaps;
using Tidu.Rules.Synthetic;
using Xunit;

namespace Tidu.Cli.Tests;

/// <summary>
/// Every batch command over generated v1.1 profiles mixed with hostile variants of others, on a date under each national
/// version: no internal error, nothing lost (records with results + reported records = input records), and for gap:
/// the changes of every verified line, applied to the input with its blockers resolved, make the engine qualify the
/// profile. CsCheck draws the seeds; sizes are bounded for CI (<see cref="Records"/> per file, <see cref="Files"/> files per
/// command and date) — the 3,000-variant sweep of docs/synthetic-data.md is run by hand.
/// </summary>
public sealed partial class BatchPropertyTests : IDisposable
{
    private const int Records = 60;
    private const int Files = 2;

    private static readonly Lazy<RuleLibrary> Library = new(RuleLibrary.LoadDefault);
    private static readonly Lazy<ProfileGenerator> Generator = new(() =>
        new ProfileGenerator(RegionTree.Shipped.Leaves(), Library.Value, 2025, TierMix.Zhejiang.Oversampled(40)));

    private readonly string _dir = Directory.CreateTempSubdirectory("tidu-batch-properties-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string> Dates => new() { "2026-03-31", "2026-06-30" };

    /// <summary>Half valid profiles, half hostile variants of other profiles (distinct indices: credit codes stay unique), shuffled.</summary>
    private (string Path, List<string> Lines) Input(int seed)
    {
        var rng = new Random(seed);
        var lines = new List<string>();
        for (var i = 0; i < Records; i++)
        {
            var profile = Generator.Value.Generate(seed, i);
            lines.Add(i % 2 == 0 ? ProfileJson.Of(profile).ToJsonString() : HostileVariants.Of(profile, seed, i).Json);
        }
        lines = lines.OrderBy(_ => rng.Next()).ToList();
        var path = Path.Combine(_dir, $"input-{seed}.jsonl");
        File.WriteAllLines(path, lines);
        return (path, lines);
    }

    private static void Sample(Action<int> property) => Gen.Int[1, 1_000_000].Sample(property, iter: Files, threads: 1);

    /// <summary>The record locators ("line N") reported invalid or failed; no failure may occur.</summary>
    private static HashSet<string> Reported(string stderr)
    {
        stderr.ShouldNotContain("failed record");
        stderr.ShouldNotContain("internal error");
        return InvalidLine().Matches(stderr).Select(m => m.Groups[1].Value).ToHashSet();
    }

    [Theory]
    [MemberData(nameof(Dates))]
    public void Evaluate_loses_nothing(string date) => Sample(seed =>
    {
        var (path, lines) = Input(seed);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        EvaluateCommand.Run(new FileInfo(path), date, "jsonl", null, true, stdout, stderr, FixedClock.TestDay).ShouldBeOneOf(0, 1);
        (CliRunner.ResultLines(Out(stdout)).Count + Reported(stderr.ToString()).Count).ShouldBe(lines.Count, stderr.ToString());
    });

    [Theory]
    [MemberData(nameof(Dates))]
    public void Gap_loses_nothing_and_every_verified_line_qualifies_once_applied(string date) => Sample(seed =>
    {
        var (path, lines) = Input(seed);
        var asOf = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
        var evaluator = new Evaluator(Library.Value);
        var checkedLines = 0;
        foreach (var tier in new[] { "specialized-sme", "little-giant" })
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            GapCommand.Run(new FileInfo(path), date, tier, false, "jsonl", null, stdout, stderr, FixedClock.TestDay).ShouldBeOneOf(0, 1);
            var results = Out(stdout).Select(l => JsonNode.Parse(l)!).ToList();
            var codes = results.Select(r => r!["creditCode"]!.GetValue<string>()).Distinct().Count();
            (codes + Reported(stderr.ToString()).Count).ShouldBe(lines.Count, stderr.ToString());
            foreach (var gap in results.Where(r => !r["qualified"]!.GetValue<bool>() && r["verified"]!.GetValue<bool>()))
            {
                if (Resolved(gap, lines, asOf) is not { } changed)
                {
                    continue;
                }
                checkedLines++;
                var profile = ProfileReader.Parse(new RawRecord(0, "changed", System.Text.Encoding.UTF8.GetBytes(changed.ToJsonString()))).Profile;
                profile.ShouldNotBeNull($"the changed input of {gap["creditCode"]} is not valid");
                evaluator.Evaluate(profile, asOf, EvaluationDetail.Outcome).Tiers.Single(t => t.Tier == gap["tier"]!.GetValue<string>()).Qualified
                    .ShouldBeTrue($"{gap.ToJsonString()} does not qualify once applied");
            }
        }
        checkedLines.ShouldBeGreaterThan(0);
    });

    [Fact]
    public void Gap_without_a_tier_never_fails_a_record() => Sample(seed =>
    {
        var (path, _) = Input(seed);
        foreach (var date in new[] { "2026-03-31", "2026-06-30" })
        {
            var stderr = new StringWriter();
            GapCommand.Run(new FileInfo(path), date, null, false, "jsonl", null, new StringWriter(), stderr, FixedClock.TestDay).ShouldBeOneOf(0, 1);
            Reported(stderr.ToString());
        }
    });

    [Theory]
    [MemberData(nameof(Dates))]
    public void Match_loses_nothing(string date) => Sample(seed =>
    {
        var (path, lines) = Input(seed);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        MatchCommand.Run(new FileInfo(path), date, "33", null, "jsonl", null, stdout, stderr, FixedClock.TestDay).ShouldBeOneOf(0, 1);
        var reported = Reported(stderr.ToString()).Count;
        var outside = lines.Count - Out(stdout).Count - reported;
        // The rest are valid profiles registered outside Zhejiang: the summary counts them.
        outside.ShouldBeGreaterThanOrEqualTo(0);
        if (reported > 0)
        {
            stderr.ToString().ShouldContain($"{lines.Count} record(s) read: {Out(stdout).Count} with results, {reported} invalid, 0 failed" + (outside > 0 ? $", {outside} registered outside 33" : ""));
        }
    });

    [Theory]
    [MemberData(nameof(Dates))]
    public void Simulate_loses_nothing(string date) => Sample(seed =>
    {
        var (path, lines) = Input(seed);
        var output = Path.Combine(_dir, $"simulation-{seed}.json");
        var stderr = new StringWriter();
        SimulateCommand.Run(new FileInfo(path), date, new FileInfo(Path.Combine(CliRunner.Examples, "reforms", "specialized-score-55.yaml")), null, null,
            new FileInfo(output), null, new StringWriter(), stderr, FixedClock.TestDay).ShouldBeOneOf(0, 1);
        var json = JsonNode.Parse(File.ReadAllText(output))!;
        json["failedRecords"]!.GetValue<long>().ShouldBe(0);
        (json["enterprises"]!.GetValue<long>() + json["invalidRecords"]!.GetValue<long>()).ShouldBe(lines.Count);
        json["invalidRecords"]!.GetValue<long>().ShouldBe(Reported(stderr.ToString()).Count);
    });

    [Theory]
    [MemberData(nameof(Dates))]
    public void Replay_with_the_same_rules_flips_nothing_and_fails_no_result(string date) => Sample(seed =>
    {
        var (path, _) = Input(seed);
        var results = Path.Combine(_dir, $"results-{seed}.jsonl");
        File.WriteAllText(results, CliRunner.Evaluate(path, date).Stdout);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        ReplayCommand.Run(new FileInfo(results), new FileInfo(path), null, null, "jsonl", stdout, stderr).ShouldBeOneOf(0, 1);
        stderr.ToString().ShouldNotContain("failed record");
        Out(stdout).ShouldBeEmpty();
    });

    [Theory]
    [MemberData(nameof(Dates))]
    public void Screen_loses_nothing(string date) => Sample(seed =>
    {
        var (path, lines) = Input(seed);
        var results = Path.Combine(_dir, $"screen-{seed}.jsonl");
        var errors = Path.Combine(_dir, $"screen-errors-{seed}.jsonl");
        ScreenCommand.Run(new FileInfo(path), date, new FileInfo(results), new FileInfo(errors), false, null, new StringWriter(), new StringWriter(), FixedClock.TestDay)
            .ShouldBeOneOf(0, 1);
        var invalid = File.ReadAllLines(errors).Select(l => JsonNode.Parse(l)!["ordinal"]!.GetValue<long>()).Distinct().Count();
        (CliRunner.ResultLines(results).Count + invalid).ShouldBe(lines.Count);
    });

    /// <summary>
    /// The input record of the gap line with its changes set at their paths and its blockers resolved (an earlier niche
    /// start for time, the rung held for a prerequisite, the flag turned for compliance); null when a blocker of another
    /// kind (an honour of unnamed kind, missing data) has no resolution the line states, or the input is no plain JSON object.
    /// </summary>
    private static JsonObject? Resolved(JsonNode gap, List<string> lines, DateOnly asOf)
    {
        var code = gap["creditCode"]!.GetValue<string>();
        // A record that repeats a property has no JSON object to patch (the reader took it): such lines are not checked.
        if (lines.Select(Object).FirstOrDefault(o => o?["creditCode"] is JsonValue v && v.TryGetValue<string>(out var s) && s == code) is not { } input)
        {
            return null;
        }
        foreach (var c in gap["changes"]!.AsArray())
        {
            ProfileJson.Set(input, c!["path"]!.GetValue<string>(), c["needed"]?.DeepClone());
        }
        foreach (var b in gap["blockers"]!.AsArray())
        {
            switch (b!["kind"]!.GetValue<string>())
            {
                case "time":
                    input["nicheMarketSince"] = "1990-01-01";
                    break;
                case "prerequisite":
                    var recognitions = input["recognitions"] as JsonArray ?? [];
                    recognitions.Add(new JsonObject { ["tier"] = b["tier"]!.GetValue<string>(), ["recognizedOn"] = asOf.AddYears(-1).ToString("yyyy-MM-dd", null), ["validUntil"] = asOf.AddYears(2).ToString("yyyy-MM-dd", null) });
                    input["recognitions"] = recognitions;
                    break;
                case "compliance":
                    // The flag turned the other way; when absent, the value that passes (an independent legal person
                    // registered in the mainland, on no list).
                    var flag = b["path"]!.GetValue<string>();
                    ProfileJson.Set(input, flag, b["current"] is JsonValue v && v.TryGetValue<bool>(out var now) ? !now
                        : flag.EndsWith("registeredInMainland", StringComparison.Ordinal) || flag.EndsWith("independentLegalPerson", StringComparison.Ordinal));
                    break;
                default:
                    return null;
            }
        }
        return input;
    }

    /// <summary>The line as a JSON object with its members read; null for a line that is no object or repeats a property (hostile variants).</summary>
    private static JsonObject? Object(string line)
    {
        try
        {
            var o = JsonNode.Parse(line) as JsonObject;
            _ = o?.Count; // members are read lazily: a repeated property throws here
            return o;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or ArgumentException)
        {
            return null;
        }
    }

    private static List<string> Out(StringWriter w) => w.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    [GeneratedRegex(@"^invalid record (line \d+)", RegexOptions.Multiline)]
    private static partial Regex InvalidLine();
}
