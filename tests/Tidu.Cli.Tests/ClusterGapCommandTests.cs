using Shouldly;
using Tidu.Cli.Commands;
using Tidu.Rules;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Gaps;
using Tidu.Rules.Screening;
using Xunit;

namespace Tidu.Cli.Tests;

/// <summary>
/// <c>tidu cluster gap</c> on silos in this process writes what <c>tidu gap</c> writes — its JSON lines, and on stderr
/// its record reports (located in the whole file) and counts — and the same job submitted again runs no shard.
/// </summary>
[Collection(LocalSilos.Name)]
public sealed class ClusterGapCommandTests : IDisposable
{
    private const string AsOf = "2026-06-30";
    private readonly string _dir = Directory.CreateTempSubdirectory("tidu-cluster-gap-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    /// <summary>Generated profiles with one broken line (<paramref name="broken"/>, 0-based) past the first shard.</summary>
    private string Input(int count, int seed, int broken) => ShardRuns.BrokenInput(PathOf("profiles.jsonl"), count, seed, broken);

    [Fact]
    public async Task Two_local_silos_write_what_gap_writes_and_a_second_submission_runs_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var input = Input(3000, 52, 2500);
        var oneOut = new StringWriter();
        var oneErr = new StringWriter();
        GapCommand.Run(new FileInfo(input), AsOf, null, true, "jsonl", null, oneOut, oneErr, FixedClock.TestDay).ShouldBe(1);

        var request = new ClusterCommand.GapRequest(new FileInfo(input), AsOf, new FileInfo(PathOf("cluster.jsonl")), Tier: null, Next: true, Rules: null,
            Work: new DirectoryInfo(PathOf("jobs")), ShardMb: 1, Connection: null, ClusterId: "tidu", Silos: 2);
        var clusterErr = new StringWriter();
        (await ClusterCommand.RunGapAsync(request, clusterErr, FixedClock.TestDay, ct)).ShouldBe(1, "one invalid record, as gap reports it");

        oneOut.ToString().Length.ShouldBeGreaterThan(0);
        File.ReadAllText(PathOf("cluster.jsonl")).ShouldBe(oneOut.ToString());
        oneErr.ToString().ShouldContain("line 2501");
        WithoutJobLine(clusterErr).ShouldBe(oneErr.ToString());
        clusterErr.ToString().ShouldNotContain("：1 个分片", Case.Sensitive, "the input is cut into several shards");

        var again = new StringWriter();
        (await ClusterCommand.RunGapAsync(request with { Output = new FileInfo(PathOf("again.jsonl")), Silos = 1 }, again, FixedClock.TestDay, ct)).ShouldBe(1);
        again.ToString().ShouldContain("本次运行 0 个");
        File.ReadAllText(PathOf("again.jsonl")).ShouldBe(oneOut.ToString());
    }

    [Fact]
    public void A_gap_shard_run_twice_writes_the_same_bytes_and_shards_in_any_order_give_gap_output()
    {
        var input = Input(300, 53, 250);
        var oneOut = new StringWriter();
        GapCommand.Run(new FileInfo(input), AsOf, "specialized-sme", false, "jsonl", null, oneOut, TextWriter.Null, FixedClock.TestDay).ShouldBe(1);
        var work = new GapShardWork(new GapAnalyzer(new Evaluator(RuleLibrary.LoadDefault())), DateOnly.Parse(AsOf, System.Globalization.CultureInfo.InvariantCulture),
            new GapQuestion("specialized-sme", Next: false));
        var job = new JobDirectory(PathOf("job"));
        var shards = job.LoadOrPlan(input, 40_000);
        shards.Count.ShouldBeGreaterThan(3);

        ShardRuns.InReverseAndOneTwice(job, work, input, shards);

        using var results = new MemoryStream();
        job.AssembleParts(shards.Count, results, (_, _) => { });
        System.Text.Encoding.UTF8.GetString(results.ToArray()).ShouldBe(oneOut.ToString());
    }

    /// <summary>Stderr without the cluster's own lines (the job and its progress).</summary>
    private static string WithoutJobLine(StringWriter stderr) =>
        string.Join('\n', stderr.ToString().Split('\n').Where(l => !l.StartsWith("作业 ", StringComparison.Ordinal) && !l.StartsWith("分片 ", StringComparison.Ordinal)));
}
