using Microsoft.Extensions.Caching.Memory;
using Tidu.Data.Changes;
using Tidu.Data.Scoping;

namespace Tidu.Application.Screening;

/// <summary>
/// Counts over a whole region (a province holds 100k+ enterprises) are the expensive part of lists, the overview and
/// the monitoring dashboard, and they change only when data is written. They are cached per scope and question for a
/// minute, keyed by the write generation (<see cref="IWriteGeneration"/>) and by the write counter of the scope's region
/// (<see cref="CommittedWrites.RegionGeneration"/>): a committed write of enterprise files retires the counts of the
/// scopes that can see them (the files' county, city, province and the whole country), any other committed write
/// every cached count, so an officer sees their own import or decision at once and a write in one county leaves the
/// next county's counts warm. On a cluster node every node's write retires every count (the shared generation is one
/// counter). Writes the generation does not hear of (the CLI on the same database) show within the minute.
/// </summary>
public sealed class CountCache(IMemoryCache cache, IWriteGeneration generation)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    public async Task<T> GetAsync<T>(RegionScope scope, string question, Func<Task<T>> compute)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(compute);
        // The generation is read before computing: a write that lands meanwhile leaves the value under a retired key.
        var stamp = await generation.CurrentAsync().ConfigureAwait(false);
        var regional = CommittedWrites.RegionGeneration(WriteRegion(scope));
        var key = (stamp, regional, scope.All, scope.RegionCode, scope.CreditCode, scope.ExpertId, question);
        if (cache.TryGetValue(key, out T? hit) && hit is not null)
        {
            return hit;
        }
        var value = await compute().ConfigureAwait(false);
        cache.Set(key, value, Lifetime);
        return value;
    }

    /// <summary>
    /// The write counter a scope's counts depend on: a region officer's region (the files it sees are exactly those
    /// with the region as county, city or province); every other scope the counter every file write moves on.
    /// </summary>
    public static string WriteRegion(RegionScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return !scope.All && scope.CreditCode is null && scope.ExpertId is null && scope.Level is not null && scope.RegionCode is { } region
            ? region
            : CommittedWrites.Everywhere;
    }
}
