using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.TestingHost;
using Shouldly;
using Tidu.Cluster.Jobs;
using Tidu.Rules;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Screening;
using Tidu.Rules.Tests.Screening;
using Xunit;

namespace Tidu.Cluster.Tests;

/// <summary>
/// A whole-file screening over three silos: a silo killed while it holds a shard costs nothing — the shard runs again
/// on another silo and the assembled file equals, byte for byte, what one machine's screening writes; the same job
/// submitted again runs nothing twice. On the single-machine setup (membership in memory) and on the multi-node one
/// (membership and reminders in PostgreSQL, where the killed silo is found dead through the membership table).
/// </summary>
public abstract class DistributedScreenTests : IDisposable
{
    private static readonly DateOnly AsOf = new(2026, 6, 30);
    private static readonly Lazy<Evaluator> Evaluator = new(() => new Evaluator(RuleLibrary.LoadDefault()));
    private readonly string _dir = Directory.CreateTempSubdirectory("tidu-cluster-screen-").FullName;

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Where the silos keep membership and reminders: null in memory, else a new PostgreSQL database's connection string.</summary>
    protected abstract Task<string?> MembershipAsync(CancellationToken ct);

    /// <summary>What the setup shows once the silos are up (the multi-node one: every silo active in the membership table).</summary>
    protected virtual Task StartedAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>What the setup shows after a silo was killed (the multi-node one: the others marked it dead in the table).</summary>
    protected virtual Task KilledAsync(SiloAddress victim, CancellationToken ct) => Task.CompletedTask;

    [Fact]
    public async Task A_silo_killed_while_it_holds_a_shard_changes_nothing_in_the_result()
    {
        var ct = TestContext.Current.CancellationToken;
        var input = Input(3000, 41);
        var spec = JobSpec.Create(input, Path.Combine(_dir, "jobs"), AsOf, explain: false, Evaluator.Value, rulesDirectory: null, shardBytes: 200_000);
        await using var cluster = await TestSilos.StartAsync(TimeSpan.Zero, silos: 3, await MembershipAsync(ct));
        var primary = cluster.First;
        // The job's grain lives on the primary silo (placed where first called); the first shard another silo takes is held there.
        await StartedAsync(ct);
        var held = cluster.Shards.HoldFirstOn(silo => !silo.Equals(primary.SiloAddress));
        var run = TestSilos.NodeOn(primary).Grains.GetGrain<IJobGrain>(spec.JobId).RunAsync(spec);

        var (index, victim) = await held.WaitAsync(TimeSpan.FromMinutes(5), ct);
        await cluster.Cluster.KillSiloAsync(cluster.Cluster.GetActiveSilos().Single(s => s.SiloAddress.Equals(victim)), ct);
        var status = await run.WaitAsync(TimeSpan.FromMinutes(10), ct);
        await KilledAsync(victim, ct);

        status.Complete.ShouldBeTrue();
        status.Shards.ShouldBeGreaterThan(3);
        var starts = cluster.Shards.Started.Where(s => s.Job == spec.JobId).ToList();
        starts.Where(s => s.Index == index).Select(s => s.Silo).ShouldContain(victim);
        starts.Where(s => s.Index == index).Select(s => s.Silo).Last().ShouldNotBe(victim, "the held shard ran again on a live silo");
        starts.Select(s => s.Silo).Distinct().Count().ShouldBe(3, "every silo screened shards");
        var (results, errors) = Assemble(spec, status.Shards);
        var (oneResults, oneErrors) = OneMachine(input);
        results.ShouldBe(oneResults);
        errors.ShouldBe(oneErrors);
        oneErrors.Length.ShouldBeGreaterThan(0, "the input has invalid lines, so the errors file is compared too");
    }

    [Fact]
    public async Task The_same_job_submitted_again_runs_no_shard_twice()
    {
        var ct = TestContext.Current.CancellationToken;
        var input = Input(800, 42);
        var spec = JobSpec.Create(input, Path.Combine(_dir, "jobs"), AsOf, explain: false, Evaluator.Value, rulesDirectory: null, shardBytes: 100_000);
        await using var cluster = await TestSilos.StartAsync(TimeSpan.Zero, silos: 3, await MembershipAsync(ct));
        await StartedAsync(ct);
        var fromFirst = TestSilos.NodeOn(cluster.First).Grains.GetGrain<IJobGrain>(spec.JobId);
        var fromSecond = TestSilos.NodeOn(cluster.Second).Grains.GetGrain<IJobGrain>(spec.JobId);

        // Two submissions at once, from two nodes: one job.
        var both = await Task.WhenAll(fromFirst.RunAsync(spec), fromSecond.RunAsync(spec)).WaitAsync(TimeSpan.FromMinutes(10), ct);
        // The same file submitted again later, under an id computed afresh.
        var again = JobSpec.Create(input, Path.Combine(_dir, "jobs"), AsOf, explain: false, Evaluator.Value, rulesDirectory: null, shardBytes: 7);
        var third = await fromSecond.RunAsync(again).WaitAsync(TimeSpan.FromMinutes(10), ct);

        again.JobId.ShouldBe(spec.JobId);
        both.ShouldAllBe(s => s.Complete);
        var starts = cluster.Shards.Started.Where(s => s.Job == spec.JobId).ToList();
        starts.Count.ShouldBe(both[0].Shards);
        starts.Select(s => s.Index).Distinct().Count().ShouldBe(both[0].Shards);
        both.Sum(s => s.ShardRuns).ShouldBe(both[0].Shards, "the submission that waited ran nothing");
        third.ShardRuns.ShouldBe(0);
        third.Done.ShouldBe(third.Shards);
        (await fromFirst.GetStatusAsync()).Complete.ShouldBeTrue();
        Assemble(spec, third.Shards).Results.ShouldBe(OneMachine(input).Results);
    }

    private string Input(int count, int seed)
    {
        var path = Path.Combine(_dir, $"profiles-{seed}.jsonl");
        ScreenInput.Write(path, Evaluator.Value.Library, count, seed);
        return path;
    }

    /// <summary>What <c>tidu screen</c> writes: the header, then one pipeline run over the whole file.</summary>
    private static (byte[] Results, byte[] Errors) OneMachine(string input)
    {
        using var file = File.OpenRead(input);
        using var results = new MemoryStream();
        using var errors = new MemoryStream();
        results.Write(ResultFileHeader.Line(Evaluator.Value.Library, AsOf));
        new ScreenPipeline(Evaluator.Value, AsOf, explain: false).Run(file, results, errors, _ => { });
        return (results.ToArray(), errors.ToArray());
    }

    private static (byte[] Results, byte[] Errors) Assemble(JobSpec spec, int shards)
    {
        using var results = new MemoryStream();
        using var errors = new MemoryStream();
        results.Write(ResultFileHeader.Line(Evaluator.Value.Library, AsOf));
        new JobDirectory(spec.WorkDirectory).Assemble(shards, results, errors);
        return (results.ToArray(), errors.ToArray());
    }
}

public sealed class InMemoryDistributedScreenTests : DistributedScreenTests
{
    protected override Task<string?> MembershipAsync(CancellationToken ct) => Task.FromResult<string?>(null);
}

[Collection(PostgresSilos.Name)]
public sealed class PostgresDistributedScreenTests(PostgresServer postgres) : DistributedScreenTests
{
    private string? _database;

    protected override async Task<string?> MembershipAsync(CancellationToken ct) => _database = await postgres.NewDatabaseAsync(ct);

    protected override async Task StartedAsync(CancellationToken ct) =>
        (await PostgresServer.CountAsync(_database!, "SELECT count(*) FROM orleansmembershiptable WHERE status = 3", ct)).ShouldBe(3, "three active silos in the membership table");

    protected override Task KilledAsync(SiloAddress victim, CancellationToken ct) =>
        PostgresServer.WaitForCountAsync(_database!, $"SELECT count(*) FROM orleansmembershiptable WHERE status = 6 AND port = {victim.Endpoint.Port}", 1, ct);
}
