using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Tidu.Cluster.Coherence;
using Tidu.Data.Changes;

namespace Tidu.Cluster.Hosting;

/// <summary>The silo of a node: membership and reminders by mode, and the platform's cluster services.</summary>
public static class TiduSilo
{
    /// <summary>
    /// Configures <paramref name="silo"/>; <paramref name="postgres"/> is the platform's connection string (Postgres
    /// mode: membership and reminders live in the platform's database, in the tables <see cref="OrleansSchema"/> applies).
    /// </summary>
    public static ISiloBuilder ConfigureTidu(this ISiloBuilder silo, ClusterSettings settings, string? postgres)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(settings);
        switch (settings.Mode)
        {
            case ClusterMode.Localhost:
                silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
                silo.UseInMemoryReminderService();
                break;
            case ClusterMode.Postgres:
                if (string.IsNullOrWhiteSpace(postgres))
                {
                    throw new InvalidOperationException("Cluster:Mode Postgres needs the platform on PostgreSQL (Database:Provider postgres)");
                }
                silo.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = settings.ClusterId;
                    o.ServiceId = settings.ServiceId;
                });
                if (settings.AdvertisedAddress is { Length: > 0 } address)
                {
                    silo.ConfigureEndpoints(IPAddress.Parse(address), settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
                }
                else
                {
                    silo.ConfigureEndpoints(settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
                }
                silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = OrleansSchema.Invariant;
                    o.ConnectionString = postgres;
                });
                silo.UseAdoNetReminderService(o => o.Configure(r =>
                {
                    r.Invariant = OrleansSchema.Invariant;
                    r.ConnectionString = postgres;
                }));
                break;
            case ClusterMode.None:
            default:
                throw new ArgumentOutOfRangeException(nameof(settings), settings.Mode, "no silo is configured in this mode");
        }
        silo.Services.AddTiduClusterServices();
        return silo;
    }

    /// <summary>
    /// The services every silo of the platform has (also used by tests' in-memory clusters): the shared write
    /// generation, registered last so that it replaces the process's own, and the cluster's rate windows.
    /// </summary>
    public static IServiceCollection AddTiduClusterServices(this IServiceCollection services)
    {
        services.AddSingleton<ClusterWriteGeneration>();
        services.AddSingleton<IWriteGeneration>(sp => sp.GetRequiredService<ClusterWriteGeneration>());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, ClusterLifecycle>();
        services.AddSingleton<Jobs.ShardEvaluators>();
        services.AddSingleton<Jobs.ShardSimulations>();
        services.AddSingleton<Limits.SharedRateLimits>();
        // The platform's reminders tick at most hourly (a handful in all): each stays loaded on its silo between ticks
        // instead of being dropped and read again from the table before the next, so a table that cannot be read for a
        // while does not delay a tick.
        services.Configure<ReminderOptions>(o => o.ReminderLoadingWindow = TimeSpan.FromHours(3));
        return services;
    }
}
