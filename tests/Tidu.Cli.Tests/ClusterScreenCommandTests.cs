using Shouldly;
using Tidu.Cli.Commands;
using Xunit;

namespace Tidu.Cli.Tests;

/// <summary>
/// <c>tidu cluster screen</c> on silos in this process writes what <c>tidu screen</c> writes — results, errors and the
/// closing table — and the same file submitted again is put together from the shards already screened.
/// </summary>
[Collection(LocalSilos.Name)]
public sealed class ClusterScreenCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tidu-cluster-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    [Fact]
    public async Task Two_local_silos_write_what_screen_writes_and_a_second_submission_runs_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var input = PathOf("profiles.jsonl");
        GenerateCommand.Run(3000, 51, [], 2025, new FileInfo(input), null, TextWriter.Null, oversample: 40).ShouldBe(0);
        var lines = File.ReadAllLines(input).ToList();
        lines[1200] = "{\"creditCode\": \"truncated";
        File.WriteAllLines(input, lines);
        var oneOut = new StringWriter();
        ScreenCommand.Run(new FileInfo(input), "2026-06-30", new FileInfo(PathOf("one.jsonl")), new FileInfo(PathOf("one.errors.jsonl")), explain: false, null,
            oneOut, TextWriter.Null, FixedClock.TestDay).ShouldBe(1);

        var request = new ClusterCommand.ScreenRequest(new FileInfo(input), "2026-06-30", new FileInfo(PathOf("cluster.jsonl")), new FileInfo(PathOf("cluster.errors.jsonl")),
            Explain: false, Rules: null, Work: new DirectoryInfo(PathOf("jobs")), ShardMb: 1, Connection: null, ClusterId: "tidu", Silos: 2);
        var clusterOut = new StringWriter();
        var clusterErr = new StringWriter();
        var code = await ClusterCommand.RunScreenAsync(request, clusterOut, clusterErr, FixedClock.TestDay, ct);

        code.ShouldBe(1, "one invalid record, as screen reports it");
        File.ReadAllBytes(PathOf("cluster.jsonl")).ShouldBe(File.ReadAllBytes(PathOf("one.jsonl")));
        File.ReadAllBytes(PathOf("cluster.errors.jsonl")).ShouldBe(File.ReadAllBytes(PathOf("one.errors.jsonl")));
        File.ReadAllText(PathOf("cluster.errors.jsonl")).ShouldContain("line 1201");
        Table(clusterOut).ShouldBe(Table(oneOut));

        var again = new StringWriter();
        (await ClusterCommand.RunScreenAsync(request with { Output = new FileInfo(PathOf("again.jsonl")), Silos = 1 }, TextWriter.Null, again, FixedClock.TestDay, ct)).ShouldBe(1);
        again.ToString().ShouldContain("本次运行 0 个");
        File.ReadAllBytes(PathOf("again.jsonl")).ShouldBe(File.ReadAllBytes(PathOf("one.jsonl")));
    }

    /// <summary>The closing table without its title (which carries the time taken).</summary>
    private static string[] Table(StringWriter stdout) => stdout.ToString().Split('\n').Skip(1).ToArray();
}
