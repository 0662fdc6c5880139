using System.Text.Json.Nodes;
using Shouldly;
using Tidu.Cli.Commands;
using Tidu.Domain.Exchange;
using Tidu.Domain.Profiles;
using Xunit;

namespace Tidu.Cli.Tests;

/// <summary>
/// Per-record isolation in every batch command: a defect that throws on one record (injected through each command's
/// test seam on the second enterprise) is reported for that record — locator, credit code and the Chinese message, never
/// the exception's text — counted, and the run goes on with exit 1; results + reported records = input records.
/// </summary>
public sealed class RecordIsolationTests : IDisposable
{
    private const string Victim = "913301064PUNKQP4KY";

    private readonly string _dir = Directory.CreateTempSubdirectory("tidu-isolation-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static void Defect(EnterpriseProfile p)
    {
        if (p.CreditCode == Victim)
        {
            throw new InvalidOperationException("injected defect");
        }
    }

    /// <summary>The three example enterprises as JSON Lines (line 2 is the victim) and a line 4 that is not a profile.</summary>
    private string Input()
    {
        var profiles = JsonNode.Parse(File.ReadAllText(Path.Combine(CliRunner.Examples, "three-enterprises-v1.1.json")))!.AsArray();
        profiles[1]!["creditCode"]!.GetValue<string>().ShouldBe(Victim);
        var path = Path.Combine(_dir, "input.jsonl");
        File.WriteAllLines(path, [.. profiles.Select(p => p!.ToJsonString()), """{"creditCode":"not a code"}"""]);
        return path;
    }

    private static void ShouldReportTheVictim(string stderr, string locator = "line 2")
    {
        stderr.ShouldContain($"failed record {locator} ({Victim}): internal error — {RecordFailure.MessageZh}");
        stderr.ShouldNotContain("injected defect");
        stderr.ShouldNotContain(nameof(InvalidOperationException));
        stderr.ShouldContain("invalid record line 4");
        stderr.ShouldNotContain("   at "); // no stack trace
    }

    [Fact]
    public void Evaluate_reports_the_failed_record_and_evaluates_the_others()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        EvaluateCommand.Run(new FileInfo(Input()), "2026-06-30", "jsonl", null, false, stdout, stderr, FixedClock.TestDay, Defect).ShouldBe(1);
        var codes = CliRunner.ResultLines(Lines(stdout)).Select(l => JsonNode.Parse(l)!["creditCode"]!.GetValue<string>()).ToList();
        codes.Count.ShouldBe(2);
        codes.ShouldNotContain(Victim);
        ShouldReportTheVictim(stderr.ToString());
        stderr.ToString().ShouldContain("4 record(s) read: 2 with results, 1 invalid, 1 failed");
    }

    [Theory]
    [InlineData("jsonl")]
    [InlineData("json")]
    public void Evaluate_writes_whole_results_only(string format)
    {
        var stdout = new StringWriter();
        EvaluateCommand.Run(new FileInfo(Input()), "2026-03-31", format, null, false, stdout, new StringWriter(), FixedClock.TestDay, Defect).ShouldBe(1);
        var results = format == "json" ? JsonNode.Parse(stdout.ToString())!.AsArray().ToList() : CliRunner.ResultLines(Lines(stdout)).Select(l => JsonNode.Parse(l)).ToList();
        results.Count.ShouldBe(2);
    }

    [Fact]
    public void Gap_reports_the_failed_record_and_analyses_the_others()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        GapCommand.Run(new FileInfo(Input()), "2026-06-30", "specialized-sme", false, "jsonl", null, stdout, stderr, FixedClock.TestDay, Defect).ShouldBe(1);
        var codes = Lines(stdout).Select(l => JsonNode.Parse(l)!["creditCode"]!.GetValue<string>()).Distinct().ToList();
        codes.Count.ShouldBe(2);
        codes.ShouldNotContain(Victim);
        ShouldReportTheVictim(stderr.ToString());
        stderr.ToString().ShouldContain("4 record(s) read: 2 with results, 1 invalid, 1 failed");
    }

    [Fact]
    public void Match_reports_the_failed_record_and_matches_the_others()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        MatchCommand.Run(new FileInfo(Input()), "2024-12-31", "33", null, "jsonl", null, stdout, stderr, FixedClock.TestDay, Defect).ShouldBe(1);
        var codes = Lines(stdout).Select(l => JsonNode.Parse(l)!["creditCode"]!.GetValue<string>()).ToList();
        codes.Count.ShouldBe(2);
        codes.ShouldNotContain(Victim);
        ShouldReportTheVictim(stderr.ToString());
        stderr.ToString().ShouldContain("4 record(s) read: 2 with results, 1 invalid, 1 failed");
    }

    [Fact]
    public void Simulate_reports_the_failed_record_and_counts_it_in_the_result()
    {
        var output = Path.Combine(_dir, "simulation.json");
        var stderr = new StringWriter();
        SimulateCommand.Run(new FileInfo(Input()), "2025-03-31", new FileInfo(Path.Combine(CliRunner.Examples, "reforms", "specialized-score-55.yaml")), null, null,
            new FileInfo(output), null, new StringWriter(), stderr, FixedClock.TestDay, Defect).ShouldBe(1);
        ShouldReportTheVictim(stderr.ToString());
        var json = JsonNode.Parse(File.ReadAllText(output))!;
        json["enterprises"]!.GetValue<long>().ShouldBe(2);
        json["invalidRecords"]!.GetValue<long>().ShouldBe(1);
        json["failedRecords"]!.GetValue<long>().ShouldBe(1);
    }

    [Fact]
    public void Replay_reports_the_failed_result_and_replays_the_others()
    {
        var input = Input();
        var evaluated = CliRunner.Evaluate(input, "2026-06-30");
        var results = Path.Combine(_dir, "results.jsonl");
        File.WriteAllText(results, evaluated.Stdout);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        ReplayCommand.Run(new FileInfo(results), new FileInfo(input), null, null, "jsonl", stdout, stderr, Defect).ShouldBe(1);
        stderr.ToString().ShouldContain($"failed record results line 3 ({Victim}): internal error — {RecordFailure.MessageZh}");
        stderr.ToString().ShouldNotContain("injected defect");
        stderr.ToString().ShouldContain("replayed 2 result(s)");
        stderr.ToString().ShouldContain("1 result(s) failed with an internal error");
    }

    private static List<string> Lines(StringWriter w) => w.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
