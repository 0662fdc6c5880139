using Shouldly;
using Tidu.Cluster.Jobs;
using Tidu.Rules;
using Tidu.Rules.Batches;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Tests.Screening;
using Xunit;

namespace Tidu.Cluster.Tests;

/// <summary>
/// Bulk evaluation as a distributed job over three silos (membership in memory): a silo killed while it holds a shard
/// costs nothing — the shard runs again elsewhere and the assembled result lines and record reports equal, byte for
/// byte, what the record loop of <c>tidu evaluate</c> writes over the whole file on one machine (after its header).
/// </summary>
public sealed class DistributedEvaluateTests : IDisposable
{
    private static readonly DateOnly AsOf = new(2026, 6, 30);
    private static readonly Lazy<Evaluator> Evaluator = new(() => new Evaluator(RuleLibrary.LoadDefault()));
    private readonly string _dir = Directory.CreateTempSubdirectory("tidu-cluster-evaluate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_silo_killed_while_it_holds_an_evaluation_shard_changes_nothing_in_the_results()
    {
        var ct = TestContext.Current.CancellationToken;
        var input = Path.Combine(_dir, "profiles.jsonl");
        ScreenInput.Write(input, Evaluator.Value.Library, 1500, 44);
        var spec = JobSpec.CreateEvaluate(input, Path.Combine(_dir, "jobs"), AsOf, checks: true, Evaluator.Value, rulesDirectory: null, shardBytes: 100_000);

        var (lines, reports) = await KilledSiloRun.RunAsync(spec, null, _ => Task.CompletedTask, ct);

        var (oneLines, oneReports) = OneMachine(input);
        lines.ShouldBe(oneLines);
        reports.ShouldBe(oneReports);
        oneReports.Length.ShouldBeGreaterThan(0, "the input has invalid lines, so the record reports are compared too");
    }

    /// <summary>What <c>tidu evaluate</c> writes after its header on stdout and (before its counts) on stderr: one record loop over the whole file.</summary>
    private static (string Lines, string Reports) OneMachine(string input)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        using var file = File.OpenRead(input);
        using var render = new EvaluationLines(checks: true);
        ProfileBatch.Run(file, stderr, p => render.Of(Evaluator.Value.Evaluate(p, AsOf, explain: true)), (_, line) => stdout.WriteLine(line));
        return (stdout.ToString(), stderr.ToString());
    }
}
