using Microsoft.Extensions.Options;
using Tidu.Application.Dynamic;
using Tidu.Application.Screening;
using Tidu.Application.Service;
using Tidu.Cluster.Hosting;
using Tidu.Cluster.Scheduling;
using Tidu.Data;
using Tidu.Web.Dynamic;
using Tidu.Web.Seeding;
using Tidu.Web.Service;

namespace Tidu.Web.Cluster;

/// <summary>
/// Whether this web node hosts an Orleans silo (configuration <c>Cluster:Mode</c>, docs/adr/0011-cluster-on-orleans.md).
/// None, the default: one process; the scheduled jobs run from this process's timers and caches follow this process's
/// writes. Localhost or Postgres: the node hosts a silo; the jobs run from the cluster's reminders (once in the cluster)
/// and every node's count caches follow every node's writes.
/// </summary>
public static class ClusterHosting
{
    public static void AddTiduCluster(this WebApplicationBuilder builder, DatabaseProvider provider, string connection)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var settings = builder.Configuration.GetSection(ClusterSettings.Section).Get<ClusterSettings>() ?? new ClusterSettings();
        services.AddSingleton(settings);
        services.AddSingleton<IScheduledJob, RequestEscalationJob>();
        services.AddSingleton<IScheduledJob, ReReviewNoticeJob>();
        services.AddSingleton<IScheduledJob, EvaluationRefreshJob>();
        if (settings.Mode == ClusterMode.None)
        {
            services.AddHostedService<RequestEscalationService>();
            services.AddHostedService(sp => sp.GetRequiredService<EvaluationRefresher>());
            services.AddHostedService(sp => sp.GetRequiredService<ReReviewNoticeService>());
            return;
        }
        if (settings.Mode == ClusterMode.Postgres && provider != DatabaseProvider.Postgres)
        {
            throw new InvalidOperationException("Cluster:Mode Postgres keeps the cluster's membership and reminders in the platform's database: set Database:Provider to postgres");
        }
        builder.UseOrleans(silo => silo.ConfigureTidu(settings, provider == DatabaseProvider.Postgres ? connection : null));
    }

    /// <summary>Postgres mode: Orleans' tables, applied by the node before its silo starts (idempotent).</summary>
    public static Task EnsureClusterSchemaAsync(IServiceProvider services, string? connection, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetService<ClusterSettings>() is { Mode: ClusterMode.Postgres } && connection is not null
            ? OrleansSchema.ApplyAsync(connection, ct)
            : Task.CompletedTask;
    }
}

/// <summary>Overdue requests escalate every <see cref="ServiceOptions.EscalationCheckMinutes"/> minutes (0: off).</summary>
internal sealed class RequestEscalationJob(RequestEscalator escalator, IOptions<ServiceOptions> options) : IScheduledJob
{
    public string Name => "request-escalation";
    public TimeSpan Period => TimeSpan.FromMinutes(Math.Max(0, options.Value.EscalationCheckMinutes));
    public Task<int> RunAsync(CancellationToken ct) => escalator.EscalateOverdueAsync(ct);
}

/// <summary>Re-review notices, hourly (a notice day is a China date; each notice is sent once by its unique key).</summary>
internal sealed class ReReviewNoticeJob(ReReviewNoticeIssuer notices) : IScheduledJob
{
    public string Name => "re-review-notices";
    public TimeSpan Period => TimeSpan.FromHours(1);
    public Task<int> RunAsync(CancellationToken ct) => notices.IssueDueAsync(ct);
}

/// <summary>Stored evaluations dated today, checked hourly; re-evaluates only when the China date moved on.</summary>
internal sealed class EvaluationRefreshJob(EvaluationRefresh refresh) : IScheduledJob
{
    public string Name => "evaluation-refresh";
    public TimeSpan Period => TimeSpan.FromHours(1);
    public Task<int> RunAsync(CancellationToken ct) => refresh.RefreshAsync(ct);
}
