namespace Tidu.Cluster.Jobs;

/// <summary>
/// One whole-file screening job (key: <see cref="JobSpec.JobId"/>): plans its shards, has them screened across
/// the cluster's silos, runs again those whose silo died. One activation, one call at a time: a second submission of
/// the same job waits for the first and finds every shard done.
/// </summary>
public interface IJobGrain : IGrainWithStringKey
{
    /// <summary>Completes when every shard's output exists in the job's folder (nothing is run for shards already done).</summary>
    [ResponseTimeout("1.00:00:00")]
    Task<JobStatus> RunAsync(JobSpec spec);

    /// <summary>Progress while <see cref="RunAsync"/> runs.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<JobStatus> GetStatusAsync();
}

/// <summary>One shard of a job (key: job id/shard index), screened on the silo it is placed on.</summary>
public interface IShardGrain : IGrainWithStringKey
{
    /// <summary>Screens shard <paramref name="index"/> into the job's folder; returns its record count.</summary>
    [ResponseTimeout("1.00:00:00")]
    Task<long> RunAsync(JobSpec spec, int index);
}

/// <summary>
/// Told when a silo starts a shard, before it reads anything: for monitoring, and for tests that stop a silo at a
/// known point of a job (its shard then runs again elsewhere).
/// </summary>
public interface IShardStartObserver
{
    Task StartingAsync(string jobId, int index, SiloAddress silo);
}
