using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Shouldly;
using Tidu.Cli.Commands;
using Tidu.Cluster.Jobs;
using Tidu.Rules;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Policies;
using Tidu.Rules.Reforms;
using Tidu.Rules.Screening;
using Xunit;

namespace Tidu.Cli.Tests;

/// <summary>
/// <c>tidu cluster simulate</c> on silos in this process writes what <c>tidu simulate</c> writes — its result file, its
/// table and, on stderr, its record reports (located in the whole file) and counts: the shards' totals add up to one
/// run's. The same job submitted again runs no shard; shards run in any order, or twice, give the same file.
/// </summary>
[Collection(LocalSilos.Name)]
public sealed partial class ClusterSimulateCommandTests : IDisposable
{
    /// <summary>The 2022 specialized-SME rules (the reform's target) are in force on this date.</summary>
    private const string AsOf = "2025-12-31";
    private readonly string _dir = Directory.CreateTempSubdirectory("tidu-cluster-simulate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    private static FileInfo Reform => new(Path.Combine(CliRunner.Examples, "reforms/specialized-score-55.yaml"));

    /// <summary>Generated profiles with one broken line (<paramref name="broken"/>, 0-based) past the first shard.</summary>
    private string Input(int count, int seed, int broken) => ShardRuns.BrokenInput(PathOf("profiles.jsonl"), count, seed, broken);

    private (int Code, string Out, string Err, string Json) OneMachine(string input)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var output = PathOf("one.json");
        var code = SimulateCommand.Run(new FileInfo(input), AsOf, Reform, null, null, new FileInfo(output), null, stdout, stderr, FixedClock.TestDay);
        return (code, stdout.ToString(), stderr.ToString(), File.ReadAllText(output));
    }

    [Fact]
    public async Task Two_local_silos_write_what_simulate_writes_and_a_second_submission_runs_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var input = Input(3000, 56, 2500);
        var one = OneMachine(input);
        one.Code.ShouldBe(1, "one invalid record");
        JsonDocument.Parse(one.Json).RootElement.GetProperty("changes").GetArrayLength().ShouldBeGreaterThan(1, "tiers change, so the list of changes is compared too");

        var request = new ClusterCommand.SimulateRequest(new FileInfo(input), AsOf, Reform, Jurisdiction: null, Projects: null, new FileInfo(PathOf("cluster.json")),
            Rules: null, Work: new DirectoryInfo(PathOf("jobs")), ShardMb: 1, Connection: null, ClusterId: "tidu", Silos: 2);
        var (clusterOut, clusterErr) = (new StringWriter(), new StringWriter());
        (await ClusterCommand.RunSimulateAsync(request, clusterOut, clusterErr, FixedClock.TestDay, ct)).ShouldBe(1, "one invalid record, as simulate reports it");

        File.ReadAllText(PathOf("cluster.json")).ShouldBe(one.Json);
        WithoutSeconds(clusterOut.ToString()).ShouldBe(WithoutSeconds(one.Out));
        one.Err.ShouldContain("line 2501");
        WithoutJobLines(clusterErr).ShouldBe(one.Err);
        clusterErr.ToString().ShouldNotContain("：1 个分片", Case.Sensitive, "the input is cut into several shards");

        var again = new StringWriter();
        (await ClusterCommand.RunSimulateAsync(request with { Output = new FileInfo(PathOf("again.json")), Silos = 1 }, TextWriter.Null, again, FixedClock.TestDay, ct))
            .ShouldBe(1);
        again.ToString().ShouldContain("本次运行 0 个");
        File.ReadAllText(PathOf("again.json")).ShouldBe(one.Json);
    }

    [Fact]
    public async Task Simulation_shards_run_in_any_order_or_twice_give_what_simulate_writes()
    {
        var ct = TestContext.Current.CancellationToken;
        var input = Input(600, 57, 500);
        var one = OneMachine(input);
        var asOf = DateOnly.Parse(AsOf, CultureInfo.InvariantCulture);
        var evaluator = new Evaluator(RuleLibrary.LoadDefault());
        var spec = JobSpec.CreateSimulate(input, PathOf("jobs"), asOf, evaluator, null, Reform.FullName, null, null, shardBytes: 40_000);
        var setup = SimulationSetup.Load(evaluator, PolicyCatalog.LoadDefault(), null, Reform.FullName, asOf, new Dictionary<string, IReadOnlyList<Tidu.Domain.Projects.Project>>());
        var work = new SimulateShardWork(new SimulatePipeline(setup.Simulator, asOf, null));
        var job = new JobDirectory(spec.WorkDirectory);
        var shards = job.LoadOrPlan(input, spec.ShardBytes);
        shards.Count.ShouldBeGreaterThan(3);

        ShardRuns.InReverseAndOneTwice(job, work, input, shards);

        var request = new ClusterCommand.SimulateRequest(new FileInfo(input), AsOf, Reform, Jurisdiction: null, Projects: null, new FileInfo(PathOf("cluster.json")),
            Rules: null, Work: new DirectoryInfo(PathOf("jobs")), ShardMb: 1, Connection: null, ClusterId: "tidu", Silos: 1);
        var clusterErr = new StringWriter();
        (await ClusterCommand.RunSimulateAsync(request, TextWriter.Null, clusterErr, FixedClock.TestDay, ct)).ShouldBe(one.Code);
        clusterErr.ToString().ShouldContain("本次运行 0 个", Case.Sensitive, "every shard was run above, out of order");
        File.ReadAllText(PathOf("cluster.json")).ShouldBe(one.Json);
        WithoutJobLines(clusterErr).ShouldBe(one.Err);
    }

    /// <summary>The table without its run time (the one thing two runs do not share).</summary>
    private static string WithoutSeconds(string table) => Seconds().Replace(table, "秒");

    [GeneratedRegex(@"[0-9.]+ 秒")]
    private static partial Regex Seconds();

    /// <summary>Stderr without the cluster's own lines (the job and its progress).</summary>
    private static string WithoutJobLines(StringWriter stderr) =>
        string.Join('\n', stderr.ToString().Split('\n').Where(l => !l.StartsWith("作业 ", StringComparison.Ordinal) && !l.StartsWith("分片 ", StringComparison.Ordinal)));
}
