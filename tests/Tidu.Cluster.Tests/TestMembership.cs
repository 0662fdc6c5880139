using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.TestingHost;
using Tidu.Cluster.Hosting;

namespace Tidu.Cluster.Tests;

/// <summary>
/// Where a test cluster keeps its membership and reminders: in memory (Orleans' test membership, the single-machine
/// setup), or — when the builder names a database — in Orleans' ADO.NET tables in PostgreSQL, as the platform's nodes
/// do (<see cref="TiduSilo"/>), so that joining, failure detection and reminders go through the database.
/// </summary>
public static class TestMembership
{
    private const string DatabaseKey = "TiduTest:Postgres";

    /// <summary>Sets up <paramref name="builder"/>'s membership: the test's own, or PostgreSQL's at <paramref name="postgres"/>.</summary>
    public static void Use(TestClusterBuilder builder, string? postgres)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (postgres is null)
        {
            return;
        }
        builder.Options.UseTestClusterMembership = false;
        builder.Properties[DatabaseKey] = postgres;
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
    }

    /// <summary>For a silo of a cluster <see cref="Use"/> set up: ADO.NET membership and reminders, or in-memory reminders.</summary>
    public static void Configure(ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        if (silo.Configuration[DatabaseKey] is { Length: > 0 } postgres)
        {
            silo.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (OrleansSchema.Invariant, postgres));
            silo.UseAdoNetReminderService(o => o.Configure(r => (r.Invariant, r.ConnectionString) = (OrleansSchema.Invariant, postgres)));
        }
        else
        {
            silo.UseInMemoryReminderService();
        }
    }

    /// <summary>
    /// Waits until every silo's membership view holds every silo as active: the test cluster's own wait gives up early,
    /// and a silo that does not yet see another would neither place work there nor agree on where a grain lives.
    /// </summary>
    public static async Task AllSeeAllAsync(TestCluster cluster, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var views = cluster.Silos.Select(s => ((InProcessSiloHandle)s).SiloHost.Services.GetRequiredService<IClusterMembershipService>()).ToList();
        bool Stable() => views.All(v => v.CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active) == views.Count);
        for (var i = 0; i < 1200 && !Stable(); i++)
        {
            await Task.Delay(100, ct).ConfigureAwait(false);
        }
        if (!Stable())
        {
            throw new InvalidOperationException($"the {views.Count} silos did not all see each other as active");
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (OrleansSchema.Invariant, configuration[DatabaseKey]));
    }
}
