using Orleans.Runtime;
using Shouldly;
using Tidu.Cluster.Jobs;
using Tidu.Rules;
using Tidu.Rules.Batches;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Gaps;
using Tidu.Rules.Tests.Screening;
using Xunit;

namespace Tidu.Cluster.Tests;

/// <summary>
/// Gap lists as a distributed job over three silos: a silo killed while it holds a shard costs nothing — the shard runs
/// again elsewhere and the assembled lines and record reports equal, byte for byte, what the record loop of
/// <c>tidu gap</c> writes over the whole file on one machine. With membership in memory and in PostgreSQL (where the
/// killed silo is found dead through the membership table).
/// </summary>
public abstract class DistributedGapTests : IDisposable
{
    private static readonly DateOnly AsOf = new(2026, 6, 30);
    private static readonly Lazy<Evaluator> Evaluator = new(() => new Evaluator(RuleLibrary.LoadDefault()));
    private readonly string _dir = Directory.CreateTempSubdirectory("tidu-cluster-gap-").FullName;

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Where the silos keep membership and reminders: null in memory, else a new PostgreSQL database's connection string.</summary>
    protected abstract Task<string?> MembershipAsync(CancellationToken ct);

    /// <summary>What the setup shows after a silo was killed (the multi-node one: the others marked it dead in the table).</summary>
    protected virtual Task KilledAsync(SiloAddress victim, CancellationToken ct) => Task.CompletedTask;

    [Fact]
    public async Task A_silo_killed_while_it_holds_a_gap_shard_changes_nothing_in_the_lists()
    {
        var ct = TestContext.Current.CancellationToken;
        var input = Path.Combine(_dir, "profiles.jsonl");
        ScreenInput.Write(input, Evaluator.Value.Library, 1500, 43);
        var spec = JobSpec.CreateGap(input, Path.Combine(_dir, "jobs"), AsOf, tier: null, next: true, Evaluator.Value, rulesDirectory: null, shardBytes: 100_000);

        var (lines, reports) = await KilledSiloRun.RunAsync(spec, await MembershipAsync(ct), victim => KilledAsync(victim, ct), ct);

        var (oneLines, oneReports) = OneMachine(input);
        lines.ShouldBe(oneLines);
        reports.ShouldBe(oneReports);
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

public sealed class InMemoryDistributedGapTests : DistributedGapTests
{
    protected override Task<string?> MembershipAsync(CancellationToken ct) => Task.FromResult<string?>(null);
}

[Collection(PostgresSilos.Name)]
public sealed class PostgresDistributedGapTests(PostgresServer postgres) : DistributedGapTests
{
    private string? _database;

    protected override async Task<string?> MembershipAsync(CancellationToken ct) => _database = await postgres.NewDatabaseAsync(ct);

    protected override Task KilledAsync(SiloAddress victim, CancellationToken ct) =>
        PostgresServer.WaitForCountAsync(_database!, $"SELECT count(*) FROM orleansmembershiptable WHERE status = 6 AND port = {victim.Endpoint.Port}", 1, ct);
}
