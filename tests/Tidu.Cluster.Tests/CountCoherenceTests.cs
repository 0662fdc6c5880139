using Orleans.Runtime;
using Shouldly;
using Tidu.Cluster.Coherence;
using Tidu.Data.Scoping;
using Xunit;

namespace Tidu.Cluster.Tests;

/// <summary>
/// Two nodes, each with its own memory cache of counts, keyed by the cluster's write generation: a write through one
/// node retires what the other cached, and a region grain lost with its silo loses no write. With membership in memory
/// and in PostgreSQL.
/// </summary>
public abstract class CountCoherenceTests
{
    /// <summary>Where the silos keep membership and reminders: null in memory, else a new PostgreSQL database's connection string.</summary>
    protected abstract Task<string?> MembershipAsync(CancellationToken ct);

    private static readonly RegionScope Province = RegionScope.Region("test", "330000");

    [Fact]
    public async Task A_write_through_one_node_is_read_through_the_other_at_once()
    {
        await using var cluster = await TestSilos.StartAsync(TimeSpan.Zero, postgres: await MembershipAsync(TestContext.Current.CancellationToken));
        var a = TestSilos.NodeOn(cluster.First);
        var b = TestSilos.NodeOn(cluster.Second);
        var database = 5;
        var computed = 0;
        Task<int> Count()
        {
            computed++;
            return Task.FromResult(database);
        }

        (await a.Counts.GetAsync(Province, "enterprises", Count)).ShouldBe(5);
        (await a.Counts.GetAsync(Province, "enterprises", Count)).ShouldBe(5);
        computed.ShouldBe(1, "the second read is served from node A's cache");

        database = 6;
        await b.Writes.AdvanceAsync(TestContext.Current.CancellationToken);

        (await a.Counts.GetAsync(Province, "enterprises", Count)).ShouldBe(6);
        computed.ShouldBe(2);
    }

    [Fact]
    public async Task A_node_that_did_not_write_keeps_serving_its_cache()
    {
        await using var cluster = await TestSilos.StartAsync(TimeSpan.Zero, postgres: await MembershipAsync(TestContext.Current.CancellationToken));
        var a = TestSilos.NodeOn(cluster.First);
        var b = TestSilos.NodeOn(cluster.Second);
        var computed = 0;
        Task<int> Count() => Task.FromResult(++computed);

        await a.Counts.GetAsync(Province, "enterprises", Count);
        await b.Counts.GetAsync(Province, "enterprises", Count);
        (await a.Counts.GetAsync(Province, "enterprises", Count)).ShouldBe(1);
        (await b.Counts.GetAsync(Province, "enterprises", Count)).ShouldBe(2);
        computed.ShouldBe(2, "each node computed once, and no write happened since");
    }

    [Fact]
    public async Task When_the_silo_holding_the_region_grain_stops_no_write_is_lost()
    {
        await using var cluster = await TestSilos.StartAsync(TimeSpan.Zero, postgres: await MembershipAsync(TestContext.Current.CancellationToken));
        var a = TestSilos.NodeOn(cluster.First);
        var b = TestSilos.NodeOn(cluster.Second);
        // Node B asks first, so the grain lives on B's silo.
        await b.Writes.CurrentAsync(TestContext.Current.CancellationToken);
        var management = cluster.Cluster.Client.GetGrain<IManagementGrain>(0);
        var region = b.Grains.GetGrain<IRegionGrain>(RegionGrain.Nation);
        (await management.GetActivationAddress(region, TestContext.Current.CancellationToken)).ShouldBe(cluster.Second.SiloAddress);

        var database = 5;
        Task<int> Count() => Task.FromResult(database);
        (await a.Counts.GetAsync(Province, "enterprises", Count)).ShouldBe(5);
        database = 6;
        await b.Writes.AdvanceAsync(TestContext.Current.CancellationToken);
        // B's node goes down with its silo, and the generation it held with it.
        await cluster.Cluster.StopSiloAsync(cluster.Second, TestContext.Current.CancellationToken);

        // The grain starts again on A's silo, with a new incarnation: A's cached 5 is never served again.
        (await a.Counts.GetAsync(Province, "enterprises", Count)).ShouldBe(6);
        (await management.GetActivationAddress(a.Grains.GetGrain<IRegionGrain>(RegionGrain.Nation), TestContext.Current.CancellationToken)).ShouldBe(cluster.First.SiloAddress);
    }
}

public sealed class InMemoryCountCoherenceTests : CountCoherenceTests
{
    protected override Task<string?> MembershipAsync(CancellationToken ct) => Task.FromResult<string?>(null);
}

[Collection(PostgresSilos.Name)]
public sealed class PostgresCountCoherenceTests(PostgresServer postgres) : CountCoherenceTests
{
    protected override async Task<string?> MembershipAsync(CancellationToken ct) => await postgres.NewDatabaseAsync(ct);
}
