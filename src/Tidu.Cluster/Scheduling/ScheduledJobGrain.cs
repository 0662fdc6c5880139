using Microsoft.Extensions.Logging;

namespace Tidu.Cluster.Scheduling;

/// <summary>
/// Runs one <see cref="IScheduledJob"/> when its reminder fires. The grain has one activation in the cluster and
/// handles one call at a time, so a tick and a manual run never overlap; the reminder lives in the reminder table (the
/// platform's PostgreSQL), so it fires on whichever silo holds the grain, and again after that silo died.
/// </summary>
public sealed partial class ScheduledJobGrain(IEnumerable<IScheduledJob> jobs, ILogger<ScheduledJobGrain> log) : Grain, IScheduledJobGrain, IRemindable
{
    private string Name => this.GetPrimaryKeyString();

    public async Task ScheduleAsync(TimeSpan period)
    {
        if (await this.GetReminder(Name).ConfigureAwait(true) is null)
        {
            // The first tick one period after registration: a cluster's first node already ran nothing at start
            // that could not wait (an embedded process runs its own timer instead).
            await this.RegisterOrUpdateReminder(Name, period, period).ConfigureAwait(true);
        }
    }

    public async Task UnscheduleAsync()
    {
        if (await this.GetReminder(Name).ConfigureAwait(true) is { } reminder)
        {
            await this.UnregisterReminder(reminder).ConfigureAwait(true);
        }
    }

    public async Task<int> RunAsync()
    {
        var job = jobs.FirstOrDefault(j => string.Equals(j.Name, Name, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"no scheduled job named {Name} is registered on this silo");
        var count = await job.RunAsync(CancellationToken.None).ConfigureAwait(true);
        LogRan(log, Name, count);
        return count;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        try
        {
            await RunAsync().ConfigureAwait(true);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The next tick runs it again; a job decides from the database what is still to do.
            LogFailed(log, ex, Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "scheduled job {Job} ran: {Count} items")]
    private static partial void LogRan(ILogger logger, string job, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "scheduled job {Job} failed; it runs again at the next tick")]
    private static partial void LogFailed(ILogger logger, Exception ex, string job);
}
