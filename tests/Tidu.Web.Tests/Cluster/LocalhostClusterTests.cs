using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;
using Shouldly;
using Tidu.Cluster.Coherence;
using Tidu.Cluster.Scheduling;
using Tidu.Data;
using Tidu.Data.Changes;
using Tidu.Web.Security;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Cluster;

/// <summary>
/// The web app as a cluster node (Cluster:Mode Localhost, one silo): its writes go through the database interceptor
/// to the region grain, and its scheduled jobs are reminders instead of the process's timers. The default mode (every
/// other test's host) has no silo and keeps the timers.
/// </summary>
[Collection(SqliteApp.Name)]
public sealed class LocalhostClusterTests(SqliteAppFixture app)
{
    private static readonly string[] Jobs = ["request-escalation", "re-review-notices", "evaluation-refresh"];

    [Fact]
    public async Task A_node_tells_its_committed_writes_to_the_region_grain_and_runs_its_jobs_from_reminders()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var node = app.App.WithWebHostBuilder(b =>
        {
            b.UseSetting("Cluster:Mode", "Localhost");
            b.UseSetting("Cluster:SiloPort", LocalPostgresCluster.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
            b.UseSetting("Cluster:GatewayPort", LocalPostgresCluster.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        });
        var services = node.Services;
        var writes = services.GetRequiredService<IWriteGeneration>();
        writes.ShouldBeOfType<ClusterWriteGeneration>();

        var before = await writes.CurrentAsync(ct);
        using (var scope = services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<HttpRegionScopeSource>().Override = Data.Scoping.RegionScope.Everything("test:system");
            var db = scope.ServiceProvider.GetRequiredService<TiduDbContext>();
            // A committed transaction is a write as far as caches know (an import's saves become visible only then).
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await transaction.CommitAsync(ct);
        }
        var after = await writes.CurrentAsync(ct);
        after.Incarnation.ShouldBe(before.Incarnation);
        after.Count.ShouldBeGreaterThan(before.Count);
        var grain = await services.GetRequiredService<IGrainFactory>().GetGrain<IRegionGrain>(RegionGrain.Nation).GetGenerationAsync();
        grain.Count.ShouldBe(after.Count);

        var reminders = services.GetRequiredService<IReminderTable>();
        foreach (var job in Jobs)
        {
            var rows = await reminders.ReadRows(services.GetRequiredService<IGrainFactory>().GetGrain<IScheduledJobGrain>(job).GetGrainId(), ct);
            rows.Reminders.Count.ShouldBe(1, job);
        }
        services.GetServices<IHostedService>().ShouldNotContain(s => s is Web.Service.RequestEscalationService || s is Web.Seeding.EvaluationRefresher || s is Web.Dynamic.ReReviewNoticeService);
    }

    [Fact]
    public void The_default_host_has_no_silo_and_runs_the_jobs_from_its_own_timers()
    {
        var services = app.App.Services;
        services.GetRequiredService<IWriteGeneration>().ShouldBeOfType<LocalWriteGeneration>();
        services.GetService<IGrainFactory>().ShouldBeNull();
        var hosted = services.GetServices<IHostedService>().ToList();
        hosted.ShouldContain(s => s is Web.Service.RequestEscalationService);
        hosted.ShouldContain(s => s is Web.Seeding.EvaluationRefresher);
        hosted.ShouldContain(s => s is Web.Dynamic.ReReviewNoticeService);
    }
}
