using System.Text;
using Orleans.Runtime;
using Shouldly;
using Tidu.Cluster.Jobs;
using Tidu.Rules.Screening;

namespace Tidu.Cluster.Tests;

/// <summary>
/// A line-by-line job (bulk evaluation, gap lists) over three silos with one killed while it holds a shard: the job
/// completes, the held shard ran again on a live silo, and what the job's folder assembles — the lines and the record
/// reports — is returned for the test to compare with one machine's.
/// </summary>
internal static class KilledSiloRun
{
    /// <param name="spec">The job (its shards small enough that there are several).</param>
    /// <param name="membership">Null: membership in memory; else a PostgreSQL database's connection string.</param>
    /// <param name="killed">What the setup shows after the kill (the multi-node one: the silo marked dead in the table).</param>
    /// <param name="ct">Cancels the waits.</param>
    public static async Task<(string Lines, string Reports)> RunAsync(JobSpec spec, string? membership, Func<SiloAddress, Task> killed, CancellationToken ct)
    {
        await using var cluster = await TestSilos.StartAsync(TimeSpan.Zero, silos: 3, membership);
        var primary = cluster.First;
        var held = cluster.Shards.HoldFirstOn(silo => !silo.Equals(primary.SiloAddress));
        var run = TestSilos.NodeOn(primary).Grains.GetGrain<IJobGrain>(spec.JobId).RunAsync(spec);

        var (index, victim) = await held.WaitAsync(TimeSpan.FromMinutes(5), ct);
        await cluster.Cluster.KillSiloAsync(cluster.Cluster.GetActiveSilos().Single(s => s.SiloAddress.Equals(victim)), ct);
        var status = await run.WaitAsync(TimeSpan.FromMinutes(10), ct);
        await killed(victim);

        status.Complete.ShouldBeTrue();
        status.Shards.ShouldBeGreaterThan(3);
        var starts = cluster.Shards.Started.Where(s => s.Job == spec.JobId && s.Index == index).Select(s => s.Silo).ToList();
        starts.ShouldContain(victim);
        starts.Last().ShouldNotBe(victim, "the held shard ran again on a live silo");
        using var results = new MemoryStream();
        var reports = new StringBuilder();
        new JobDirectory(spec.WorkDirectory).AssembleParts(status.Shards, results, (errors, _) =>
        {
            using var reader = new StreamReader(errors);
            reports.Append(reader.ReadToEnd());
        });
        return (Encoding.UTF8.GetString(results.ToArray()), reports.ToString());
    }
}
