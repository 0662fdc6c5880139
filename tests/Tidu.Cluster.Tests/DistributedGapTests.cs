using System.Text;
using Shouldly;
using Tidu.Cluster.Screening;
using Tidu.Rules;
using Tidu.Rules.Batches;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Gaps;
using Tidu.Rules.Screening;
using Tidu.Rules.Tests.Screening;
using Xunit;

namespace Tidu.Cluster.Tests;

/// <summary>
/// Gap lists as a distributed job over three silos (membership in memory): a silo killed while it holds a shard costs
/// nothing — the shard runs again elsewhere and the assembled lines and record reports equal, byte for byte, what the
/// record loop of <c>tidu gap</c> writes over the whole file on one machine.
/// </summary>
public sealed class DistributedGapTests : IDisposable
{
    private static readonly DateOnly AsOf = new(2026, 6, 30);
    private static readonly Lazy<Evaluator> Evaluator = new(() => new Evaluator(RuleLibrary.LoadDefault()));
    private readonly string _dir = Directory.CreateTempSubdirectory("tidu-cluster-gap-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_silo_killed_while_it_holds_a_gap_shard_changes_nothing_in_the_lists()
    {
        var ct = TestContext.Current.CancellationToken;
        var input = Path.Combine(_dir, "profiles.jsonl");
        ScreenInput.Write(input, Evaluator.Value.Library, 1500, 43);
        var spec = ScreenJobSpec.CreateGap(input, Path.Combine(_dir, "jobs"), AsOf, tier: null, next: true, Evaluator.Value, rulesDirectory: null, shardBytes: 100_000);
        await using var cluster = await TestSilos.StartAsync(TimeSpan.Zero, silos: 3);
        var primary = cluster.First;
        var held = cluster.Shards.HoldFirstOn(silo => !silo.Equals(primary.SiloAddress));
        var run = TestSilos.NodeOn(primary).Grains.GetGrain<IScreenJobGrain>(spec.JobId).RunAsync(spec);

        var (index, victim) = await held.WaitAsync(TimeSpan.FromMinutes(5), ct);
        await cluster.Cluster.KillSiloAsync(cluster.Cluster.GetActiveSilos().Single(s => s.SiloAddress.Equals(victim)), ct);
        var status = await run.WaitAsync(TimeSpan.FromMinutes(10), ct);

        status.Complete.ShouldBeTrue();
        status.Shards.ShouldBeGreaterThan(3);
        var starts = cluster.Shards.Started.Where(s => s.Job == spec.JobId && s.Index == index).Select(s => s.Silo).ToList();
        starts.ShouldContain(victim);
        starts.Last().ShouldNotBe(victim, "the held shard ran again on a live silo");
        using var results = new MemoryStream();
        var reports = new StringBuilder();
        new ScreenJobDirectory(spec.WorkDirectory).AssembleParts(status.Shards, results, (errors, _) =>
        {
            using var reader = new StreamReader(errors);
            reports.Append(reader.ReadToEnd());
        });
        var (oneLines, oneReports) = OneMachine(input);
        Encoding.UTF8.GetString(results.ToArray()).ShouldBe(oneLines);
        reports.ToString().ShouldBe(oneReports);
        oneReports.Length.ShouldBeGreaterThan(0, "the input has invalid lines, so the record reports are compared too");
    }

    /// <summary>What <c>tidu gap --next</c> writes on stdout and (before its counts) on stderr: one record loop over the whole file.</summary>
    private static (string Lines, string Reports) OneMachine(string input)
    {
        var analyzer = new GapAnalyzer(Evaluator.Value);
        var question = new GapQuestion(null, Next: true);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        using var file = File.OpenRead(input);
        ProfileBatch.Run(file, stderr, p => question.Ask(analyzer, p, AsOf).Select(GapJsonWriter.Line).ToList(), (_, lines) =>
        {
            foreach (var line in lines)
            {
                stdout.WriteLine(line);
            }
        });
        return (stdout.ToString(), stderr.ToString());
    }
}
