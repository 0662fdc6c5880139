namespace Tidu.Cluster.Scheduling;

/// <summary>
/// Work that must run once in the deployment, on a period: the host's job bodies (escalation, re-review notices,
/// evaluation refresh). One process runs them from its own timer; a cluster from a reminder of
/// <see cref="IScheduledJobGrain"/>, so each period fires once whichever nodes are up. A run must be safe to repeat:
/// it decides what to do from the database, never from what an earlier run remembered.
/// </summary>
public interface IScheduledJob
{
    /// <summary>Stable name: the grain key and the reminder's name.</summary>
    string Name { get; }

    /// <summary>Time between runs; zero or less turns the job off.</summary>
    TimeSpan Period { get; }

    /// <summary>One run; returns how many items it changed (for the log).</summary>
    Task<int> RunAsync(CancellationToken ct);
}
