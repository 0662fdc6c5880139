using Microsoft.EntityFrameworkCore;
using Tidu.Data;
using Tidu.Data.Entities.Sharing;
using Tidu.Domain.Regions;

namespace Tidu.Application.Sharing;

/// <summary>
/// The list pull log (名单推送记录) as a reader may see it, for the pulls page and GET /api/v1/lists/pulls alike: the
/// access matrix's ListPull row decides how far it reaches — every pull for the audit administrator, for an officer the
/// pulls of lists covering their region or lying within it.
/// </summary>
public sealed class ListPulls(TiduDbContext db, RegionTree tree, IActorSource actors)
{
    public const int DefaultTake = 200;
    public const int MaxTake = 2000;

    /// <summary>The newest pulls the reader may see, at most <paramref name="take"/> (1 to <see cref="MaxTake"/>, default <see cref="DefaultTake"/>).</summary>
    public async Task<IReadOnlyList<ListPull>> RecentAsync(int? take, CancellationToken ct)
    {
        var actor = actors.Current;
        var reach = AccessMatrix.Of(AccessMatrix.KindOfRole(actor.Role), Resource.ListPull, Operation.Read);
        var region = actor.RegionCode;
        if (reach == Reach.None || (reach != Reach.All && region is null))
        {
            return [];
        }
        var limit = Math.Clamp(take ?? DefaultTake, 1, MaxTake);
        var pulls = db.ListPulls.AsNoTracking().OrderByDescending(p => p.Id);
        if (reach == Reach.All)
        {
            return await pulls.Take(limit).ToListAsync(ct).ConfigureAwait(false);
        }
        // Region containment is the region tree's, not the database's: read newest first until the page is full.
        var seen = new List<ListPull>();
        await foreach (var p in pulls.AsAsyncEnumerable().WithCancellation(ct).ConfigureAwait(false))
        {
            if (tree.IsWithin(p.RegionCode, region!) || tree.IsWithin(region!, p.RegionCode))
            {
                seen.Add(p);
                if (seen.Count == limit)
                {
                    break;
                }
            }
        }
        return seen;
    }
}
