using Microsoft.Extensions.Caching.Memory;
using Tidu.Data.Changes;
using Tidu.Data.Scoping;

namespace Tidu.Application.Screening;

/// <summary>
/// Counts over a whole region (a province holds 100k+ enterprises) are the expensive part of lists, the overview and
/// the monitoring dashboard, and they change only when data is written. They are cached per scope and question for a
/// minute, keyed by the write generation (<see cref="IWriteGeneration"/>): any committed write retires every cached
/// count at once, so an officer sees their own import or decision at once — on one process its own writes, on a
/// cluster node every node's writes. Writes the generation does not hear of (the CLI on the same database) show within
/// the minute.
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
        var key = (stamp, scope.All, scope.RegionCode, scope.CreditCode, scope.ExpertId, question);
        if (cache.TryGetValue(key, out T? hit) && hit is not null)
        {
            return hit;
        }
        var value = await compute().ConfigureAwait(false);
        cache.Set(key, value, Lifetime);
        return value;
    }
}
