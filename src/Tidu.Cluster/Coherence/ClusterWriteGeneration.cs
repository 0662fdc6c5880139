using Microsoft.Extensions.Logging;
using Tidu.Data.Changes;

namespace Tidu.Cluster.Coherence;

/// <summary>
/// The write generation of a cluster node: the region grain's, so that a write committed through any node retires the
/// cached counts of every node at their next read. Until the node's silo is active (migrations and demo data run
/// before it starts) and whenever the grain cannot be reached, reads get a stamp nobody holds — they compute from the
/// database instead of risking a stale answer — and writes are remembered and told once the grain answers again.
/// </summary>
public sealed partial class ClusterWriteGeneration(IGrainFactory grains, ILogger<ClusterWriteGeneration> log) : IWriteGeneration
{
    private volatile bool _active;
    private int _pending;

    private IRegionGrain Grain => grains.GetGrain<IRegionGrain>(RegionGrain.Nation);

    public async ValueTask<WriteStamp> CurrentAsync(CancellationToken ct = default)
    {
        if (!_active)
        {
            return Uncached();
        }
        try
        {
            var token = Interlocked.Exchange(ref _pending, 0) > 0
                ? await Grain.AdvanceAsync().ConfigureAwait(false)
                : await Grain.GetGenerationAsync().ConfigureAwait(false);
            return new WriteStamp(token.Incarnation, token.Count);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Interlocked.Exchange(ref _pending, 1);
            LogUnreachable(log, ex);
            return Uncached();
        }
    }

    public async ValueTask AdvanceAsync(CancellationToken ct = default)
    {
        if (!_active)
        {
            Interlocked.Exchange(ref _pending, 1);
            return;
        }
        try
        {
            Interlocked.Exchange(ref _pending, 0);
            await Grain.AdvanceAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The write is committed; failing the caller would report a saved change as lost. Other nodes see it at
            // the latest when their cached entries expire (a minute), or at once when the grain answers again.
            Interlocked.Exchange(ref _pending, 1);
            LogUnreachable(log, ex);
        }
    }

    /// <summary>The silo is active: tell the writes made before it was, then use the grain.</summary>
    internal async Task ActivateAsync()
    {
        _active = true;
        if (Interlocked.Exchange(ref _pending, 0) > 0)
        {
            await AdvanceAsync().ConfigureAwait(false);
        }
    }

    internal void Deactivate() => _active = false;

    /// <summary>Whether the node's silo is active (grains can be called).</summary>
    internal bool Active => _active;

    private static WriteStamp Uncached() => new(Guid.NewGuid(), 0);

    [LoggerMessage(Level = LogLevel.Warning, Message = "the region grain did not answer; counts are computed from the database until it does")]
    private static partial void LogUnreachable(ILogger logger, Exception ex);
}
