using System.Collections.Concurrent;
using Orleans.Runtime;
using Tidu.Cluster.Jobs;

namespace Tidu.Cluster.Tests;

/// <summary>
/// Records every shard a silo starts, and can hold the first shard that starts on a chosen kind of silo — so that a
/// test stops that silo while it holds a shard, at a known point, instead of after a pause.
/// </summary>
public sealed class ShardStarts : IShardStartObserver
{
    private readonly ConcurrentQueue<(string Job, int Index, SiloAddress Silo)> _started = new();
    private readonly TaskCompletionSource<(int Index, SiloAddress Silo)> _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Func<SiloAddress, bool>? _hold;

    public IReadOnlyList<(string Job, int Index, SiloAddress Silo)> Started => [.. _started];

    /// <summary>The next shard starting on a silo <paramref name="where"/> accepts is held (it never reads) until released.</summary>
    public Task<(int Index, SiloAddress Silo)> HoldFirstOn(Func<SiloAddress, bool> where)
    {
        _hold = where;
        return _held.Task;
    }

    public void ReleaseAll() => _release.TrySetCanceled();

    public async Task StartingAsync(string jobId, int index, SiloAddress silo)
    {
        _started.Enqueue((jobId, index, silo));
        if (_hold is { } hold && hold(silo) && _held.TrySetResult((index, silo)))
        {
            await _release.Task.ConfigureAwait(false);
        }
    }
}
