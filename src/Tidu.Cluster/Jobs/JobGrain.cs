using Microsoft.Extensions.Logging;
using Orleans.Runtime.Placement;
using Tidu.Rules.Screening;

namespace Tidu.Cluster.Jobs;

/// <summary>
/// Runs a job's shards across the silos: one lane per active silo, each lane taking the next shard not yet done and
/// placing its grain on its own silo (a placement hint), so every silo screens one shard at a time on all its cores.
/// When a call fails — its silo died or left — the shard goes back in the queue for the other lanes and that lane ends;
/// when every lane has ended with shards left, the silos active then get a new round. What is done is read from the
/// job's folder, never remembered: a new activation (its silo died) or a second submission runs only what is missing.
/// </summary>
public sealed partial class JobGrain(ILogger<JobGrain> log) : Grain, IJobGrain
{
    /// <summary>Rounds of lanes before the job gives up (each round follows a loss of every lane's silo or a failing shard).</summary>
    private const int Rounds = 3;

    private int _shards;
    private int _done;
    private long _records;
    private int _runs;

    public Task<JobStatus> GetStatusAsync() => Task.FromResult(Status());

    public async Task<JobStatus> RunAsync(JobSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!string.Equals(spec.JobId, this.GetPrimaryKeyString(), StringComparison.Ordinal))
        {
            throw new ArgumentException("the job's id is not this grain's key", nameof(spec));
        }
        var directory = new JobDirectory(spec.WorkDirectory);
        var (shards, missing) = await Task.Run(() =>
        {
            var planned = directory.LoadOrPlan(spec.InputPath, spec.ShardBytes);
            return (planned.Count, planned.Where(s => !directory.IsDone(s.Index)).Select(s => s.Index).ToList());
        }).ConfigureAwait(true);
        (_shards, _done, _runs) = (shards, shards - missing.Count, 0);
        var queue = new Queue<int>(missing);
        Exception? last = null;
        for (var round = 0; round < Rounds && queue.Count > 0; round++)
        {
            var hosts = await GrainFactory.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).ConfigureAwait(true);
            var lanes = hosts.Keys.Select(silo => LaneAsync(spec, silo, queue, ex => last = ex)).ToList();
            await Task.WhenAll(lanes).ConfigureAwait(true);
        }
        if (queue.Count > 0)
        {
            throw new InvalidOperationException($"screening job {spec.JobId}: {queue.Count} shard(s) failed on every silo", last);
        }
        return Status();
    }

    /// <summary>Shards on one silo, one after the other, until none is left or the silo fails a call.</summary>
    private async Task LaneAsync(JobSpec spec, SiloAddress silo, Queue<int> queue, Action<Exception> failed)
    {
        // Lanes interleave only at awaits, on this grain's one thread: the queue and the counts need no lock.
        while (queue.TryDequeue(out var index))
        {
            try
            {
                RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
                var call = GrainFactory.GetGrain<IShardGrain>($"{spec.JobId}/{index}").RunAsync(spec, index);
                RequestContext.Remove(IPlacementDirector.PlacementHintKey);
                _runs++;
                _records += await call.ConfigureAwait(true);
                _done++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                RequestContext.Remove(IPlacementDirector.PlacementHintKey);
                queue.Enqueue(index);
                failed(ex);
                LogShardFailed(log, ex, spec.JobId, index, silo);
                return;
            }
        }
    }

    private JobStatus Status() => new(_shards, _done, _records, _runs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "screening job {Job}: shard {Index} failed on silo {Silo}; it runs again on another")]
    private static partial void LogShardFailed(ILogger logger, Exception ex, string job, int index, SiloAddress silo);
}
