namespace Tidu.Cluster.Scheduling;

/// <summary>One grain per scheduled job (key: <see cref="IScheduledJob.Name"/>): the single place its runs happen.</summary>
public interface IScheduledJobGrain : IGrainWithStringKey
{
    /// <summary>Registers the job's reminder unless it exists (a node's start does not postpone the next run).</summary>
    Task ScheduleAsync(TimeSpan period);

    /// <summary>Removes the reminder (the job was turned off).</summary>
    Task UnscheduleAsync();

    /// <summary>One run now, as a reminder tick does; runs of one job never overlap.</summary>
    Task<int> RunAsync();
}
