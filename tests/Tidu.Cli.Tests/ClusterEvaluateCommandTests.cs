using Shouldly;
using Tidu.Cli.Commands;
using Tidu.Rules;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Screening;
using Xunit;

namespace Tidu.Cli.Tests;

/// <summary>
/// <c>tidu cluster evaluate</c> on silos in this process writes what <c>tidu evaluate</c> writes — its results file
/// (header and one line per record), and on stderr its record reports (located in the whole file) and counts — and the
/// same job submitted again runs no shard.
/// </summary>
[Collection(LocalSilos.Name)]
public sealed class ClusterEvaluateCommandTests : IDisposable
{
    private const string AsOf = "2026-06-30";
    private readonly string _dir = Directory.CreateTempSubdirectory("tidu-cluster-evaluate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    /// <summary>Generated profiles with one broken line (<paramref name="broken"/>, 0-based) past the first shard.</summary>
    private string Input(int count, int seed, int broken) => ShardRuns.BrokenInput(PathOf("profiles.jsonl"), count, seed, broken);

    [Fact]
    public async Task Two_local_silos_write_what_evaluate_writes_and_a_second_submission_runs_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var input = Input(3000, 54, 2500);
        var oneOut = new StringWriter();
        var oneErr = new StringWriter();
        EvaluateCommand.Run(new FileInfo(input), AsOf, "jsonl", null, noChecks: false, oneOut, oneErr, FixedClock.TestDay).ShouldBe(1);

        var request = new ClusterCommand.EvaluateRequest(new FileInfo(input), AsOf, new FileInfo(PathOf("cluster.jsonl")), NoChecks: false, Rules: null,
            Work: new DirectoryInfo(PathOf("jobs")), ShardMb: 1, Connection: null, ClusterId: "tidu", Silos: 2);
        var clusterErr = new StringWriter();
        (await ClusterCommand.RunEvaluateAsync(request, clusterErr, FixedClock.TestDay, ct)).ShouldBe(1, "one invalid record, as evaluate reports it");

        oneOut.ToString().Split('\n').Length.ShouldBeGreaterThan(2999, "the header and a line per valid record");
        File.ReadAllText(PathOf("cluster.jsonl")).ShouldBe(oneOut.ToString());
        oneErr.ToString().ShouldContain("line 2501");
        WithoutJobLines(clusterErr).ShouldBe(oneErr.ToString());
        clusterErr.ToString().ShouldNotContain("：1 个分片", Case.Sensitive, "the input is cut into several shards");

        var again = new StringWriter();
        (await ClusterCommand.RunEvaluateAsync(request with { Output = new FileInfo(PathOf("again.jsonl")), Silos = 1 }, again, FixedClock.TestDay, ct)).ShouldBe(1);
        again.ToString().ShouldContain("本次运行 0 个");
        File.ReadAllText(PathOf("again.jsonl")).ShouldBe(oneOut.ToString());

        var outcomes = new StringWriter();
        (await ClusterCommand.RunEvaluateAsync(request with { Output = new FileInfo(PathOf("outcomes.jsonl")), NoChecks = true, Silos = 1 }, outcomes,
            FixedClock.TestDay, ct)).ShouldBe(1);
        outcomes.ToString().ShouldNotContain("本次运行 0 个", Case.Sensitive, "without checks is another job");
        var oneOutcomes = new StringWriter();
        EvaluateCommand.Run(new FileInfo(input), AsOf, "jsonl", null, noChecks: true, oneOutcomes, TextWriter.Null, FixedClock.TestDay).ShouldBe(1);
        File.ReadAllText(PathOf("outcomes.jsonl")).ShouldBe(oneOutcomes.ToString());
    }

    [Fact]
    public void An_evaluation_shard_run_twice_writes_the_same_bytes_and_shards_in_any_order_give_evaluate_output()
    {
        var input = Input(300, 55, 250);
        var oneOut = new StringWriter();
        EvaluateCommand.Run(new FileInfo(input), AsOf, "jsonl", null, noChecks: false, oneOut, TextWriter.Null, FixedClock.TestDay).ShouldBe(1);
        var evaluator = new Evaluator(RuleLibrary.LoadDefault());
        var asOf = DateOnly.Parse(AsOf, System.Globalization.CultureInfo.InvariantCulture);
        var work = new EvaluateShardWork(evaluator, asOf, checks: true);
        var job = new JobDirectory(PathOf("job"));
        var shards = job.LoadOrPlan(input, 40_000);
        shards.Count.ShouldBeGreaterThan(3);

        ShardRuns.InReverseAndOneTwice(job, work, input, shards);

        using var results = new MemoryStream();
        results.Write(ResultFileHeader.Line(evaluator.Library, asOf));
        job.AssembleParts(shards.Count, results, (_, _) => { });
        System.Text.Encoding.UTF8.GetString(results.ToArray()).ShouldBe(oneOut.ToString());
    }

    /// <summary>Stderr without the cluster's own lines (the job and its progress).</summary>
    private static string WithoutJobLines(StringWriter stderr) =>
        string.Join('\n', stderr.ToString().Split('\n').Where(l => !l.StartsWith("作业 ", StringComparison.Ordinal) && !l.StartsWith("分片 ", StringComparison.Ordinal)));
}
