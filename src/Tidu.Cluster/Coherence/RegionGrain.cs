namespace Tidu.Cluster.Coherence;

/// <summary>
/// The region's single keeper of the write generation. Nothing is stored: losing the count with the silo costs every
/// node one recomputation of what it had cached (a new incarnation), never a stale answer.
/// </summary>
public sealed class RegionGrain : Grain, IRegionGrain
{
    /// <summary>The key of the deployment-wide generation (every save advances it, every cached count reads it).</summary>
    public const string Nation = "nation";

    private readonly Guid _incarnation = Guid.NewGuid();
    private long _count;

    public Task<GenerationToken> GetGenerationAsync() => Task.FromResult(new GenerationToken(_incarnation, _count));

    public Task<GenerationToken> AdvanceAsync()
    {
        _count++;
        return GetGenerationAsync();
    }
}
