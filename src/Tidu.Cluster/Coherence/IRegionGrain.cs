namespace Tidu.Cluster.Coherence;

/// <summary>
/// What must be single for a region across the cluster. Today: the write generation that every node's count caches
/// are keyed by, so a write through any node retires the cached counts of every node. The key is a region code; the
/// platform keeps one generation for the whole deployment (<see cref="RegionGrain.Nation"/>) because a save does not
/// know which regions its rows roll up into (docs/adr/0011-cluster-on-orleans.md).
/// </summary>
public interface IRegionGrain : IGrainWithStringKey
{
    /// <summary>The generation now; read before computing a cached value.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<GenerationToken> GetGenerationAsync();

    /// <summary>A write was committed: the next read on any node gets a new generation.</summary>
    Task<GenerationToken> AdvanceAsync();
}

/// <summary>
/// A generation as the grain hands it out. <see cref="Incarnation"/> is new for each activation: the count is kept in
/// memory only, so after the grain's silo died and the grain re-activated elsewhere, no stamp from before can equal one
/// from after, and every cache computes again from the database.
/// </summary>
[GenerateSerializer, Immutable]
public readonly record struct GenerationToken([property: Id(0)] Guid Incarnation, [property: Id(1)] long Count);
