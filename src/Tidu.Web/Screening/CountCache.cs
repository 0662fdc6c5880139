using Microsoft.Extensions.Caching.Memory;
using Tidu.Data.Scoping;

namespace Tidu.Web.Screening;

/// <summary>
/// Counts over a whole region (a province holds 100k+ enterprises) are the expensive part of lists and the
/// overview, and they change only when files are written. They are cached per scope and question for a minute;
/// every write through this instance starts a new generation, so an officer sees their own import at once.
/// </summary>
public sealed class CountCache(IMemoryCache cache)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private long _generation;

    /// <summary>Forget every cached count (called after a write).</summary>
    public void Invalidate() => Interlocked.Increment(ref _generation);

    public async Task<T> GetAsync<T>(RegionScope scope, string question, Func<Task<T>> compute)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(compute);
        var key = (Interlocked.Read(ref _generation), scope.All, scope.RegionCode, scope.CreditCode, question);
        if (cache.TryGetValue(key, out T? hit) && hit is not null)
        {
            return hit;
        }
        var value = await compute().ConfigureAwait(false);
        cache.Set(key, value, Lifetime);
        return value;
    }
}
