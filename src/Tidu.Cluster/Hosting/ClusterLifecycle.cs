using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Tidu.Cluster.Coherence;
using Tidu.Cluster.Scheduling;

namespace Tidu.Cluster.Hosting;

/// <summary>
/// When the node's silo becomes active: the write generation switches to the region grain, and each scheduled job's
/// reminder is registered if it is not yet (every node does this; the reminder table keeps one per job). When the silo
/// stops, the generation stops asking the grain.
/// </summary>
internal sealed partial class ClusterLifecycle(ClusterWriteGeneration generation, IGrainFactory grains, IEnumerable<IScheduledJob> jobs, ILogger<ClusterLifecycle> log)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ClusterLifecycle), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    private async Task StartAsync(CancellationToken ct)
    {
        await generation.ActivateAsync().ConfigureAwait(false);
        foreach (var job in jobs)
        {
            var grain = grains.GetGrain<IScheduledJobGrain>(job.Name);
            if (job.Period > TimeSpan.Zero)
            {
                await grain.ScheduleAsync(job.Period).ConfigureAwait(false);
                LogScheduled(log, job.Name, job.Period);
            }
            else
            {
                await grain.UnscheduleAsync().ConfigureAwait(false);
            }
        }
    }

    private Task StopAsync(CancellationToken ct)
    {
        generation.Deactivate();
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "scheduled job {Job} runs from the cluster's reminder every {Period}")]
    private static partial void LogScheduled(ILogger logger, string job, TimeSpan period);
}
