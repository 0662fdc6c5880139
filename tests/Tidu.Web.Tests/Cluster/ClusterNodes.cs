using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Shouldly;
using Tidu.Cluster.Coherence;
using Tidu.Web.Tests.Infrastructure;

namespace Tidu.Web.Tests.Cluster;

/// <summary>Web nodes of one test cluster (Cluster:Mode Postgres: each hosts a silo, membership in the shared app's PostgreSQL).</summary>
internal static class ClusterNodes
{
    /// <summary>A node of <paramref name="cluster"/> on the shared app's database, on ports of its own; <paramref name="more"/> adds settings.</summary>
    public static WebApplicationFactory<Program> Node(PostgresAppFixture app, string cluster, Action<IWebHostBuilder>? more = null) => app.App.WithWebHostBuilder(b =>
    {
        b.UseSetting("Cluster:Mode", "Postgres");
        b.UseSetting("Cluster:ClusterId", cluster);
        b.UseSetting("Cluster:ServiceId", cluster);
        b.UseSetting("Cluster:AdvertisedAddress", IPAddress.Loopback.ToString());
        b.UseSetting("Cluster:SiloPort", LocalPostgresCluster.FreePort().ToString(CultureInfo.InvariantCulture));
        b.UseSetting("Cluster:GatewayPort", LocalPostgresCluster.FreePort().ToString(CultureInfo.InvariantCulture));
        more?.Invoke(b);
    });

    /// <summary>
    /// Waits until each node's membership view holds every node's silo as active and each node's silo has switched to
    /// the cluster's grains (the region grain and the rate windows are then one for all).
    /// </summary>
    public static async Task AllActiveAsync(IReadOnlyList<WebApplicationFactory<Program>> nodes, CancellationToken ct)
    {
        // A factory starts its host on first use: start every node before waiting, or the wait below (which stops at
        // the first node not yet seeing the others) would never start the second.
        foreach (var n in nodes)
        {
            _ = n.Services;
        }
        bool Ready() => nodes.All(n =>
            n.Services.GetRequiredService<IClusterMembershipService>().CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active) == nodes.Count
            && n.Services.GetRequiredService<ClusterWriteGeneration>().Active);
        for (var i = 0; i < 1200 && !Ready(); i++)
        {
            await Task.Delay(100, ct);
        }
        Ready().ShouldBeTrue("every node's silo is active and sees the others");
    }
}
