using Microsoft.EntityFrameworkCore;
using Tidu.Data;
using Tidu.Data.Entities.Sharing;
using Tidu.Data.Registry;
using Tidu.Domain.Regions;

namespace Tidu.Application.Sharing;

/// <summary>A pulled list: the pull as logged and the enterprises on the list.</summary>
public sealed record PulledList(ListPull Log, IReadOnlyList<SharedListRow> Rows);

/// <summary>
/// List push to banks and service bodies (名单推送): a list key pulls the list of consenting enterprises in its region
/// and tiers (or a region below it, or some of its tiers), and every pull is logged with a hash of the list. The log
/// (名单推送记录) is read as a reader may see it, for the pulls page and GET /api/v1/lists/pulls alike: the access
/// matrix's ListPull row decides how far it reaches — every pull for the audit administrator, for an officer the pulls of
/// lists covering their region or lying within it.
/// </summary>
public sealed class ListPulls(TiduDbContext db, RegionTree tree, IActorSource actors, TimeProvider clock)
{
    /// <summary>
    /// The list <paramref name="key"/> may receive for <paramref name="region"/> (default: the key's) and the comma-separated
    /// <paramref name="tier"/>s (default: the key's), built and logged in one save; refused when either reaches outside the key.
    /// </summary>
    public async Task<Outcome<PulledList>> PullAsync(ListKey? key, string? region, string? tier, string format, CancellationToken ct)
    {
        if (key is null)
        {
            return Refusal.Forbidden("forbidden.shared-list", "只有名单推送密钥可以获取名单", "only a list key (lists:read with a recipient kind) pulls a list");
        }
        var listRegion = string.IsNullOrWhiteSpace(region) ? key.RegionCode : region.Trim();
        if (tree.Find(listRegion) is null || !tree.IsWithin(listRegion, key.RegionCode))
        {
            return Refusal.Forbidden("list.region-outside-key", "所请求的区域超出该密钥的授权区域", $"region {listRegion} is outside the key's region {key.RegionCode}");
        }
        var asked = string.IsNullOrWhiteSpace(tier) ? [.. key.Tiers] : tier.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (asked.Except(key.Tiers, StringComparer.Ordinal).ToList() is { Count: > 0 } outside)
        {
            return Refusal.Forbidden("list.tier-outside-key", "所请求的梯度超出该密钥的授权范围",
                $"tier(s) {string.Join(", ", outside)} are outside the key's tiers ({string.Join(", ", key.Tiers)})");
        }
        if (asked.Length == 0)
        {
            return Refusal.Forbidden("list.key-without-tiers", "该密钥未授权任何梯度", "the key has no tiers: an administrator must add them");
        }
        var rows = await SharedList.BuildAsync(db, key.RecipientKind, listRegion, asked.Distinct(StringComparer.Ordinal).ToList(), ChinaCalendar.Today(clock), ct)
            .ConfigureAwait(false);
        var log = new ListPull
        {
            At = clock.GetUtcNow(),
            ApiKeyId = key.Id,
            KeyName = key.Name,
            RecipientKind = key.RecipientKind,
            RegionCode = listRegion,
            Tiers = string.Join(' ', asked),
            Format = format,
            Rows = rows.Count,
            ListHash = SharedList.Hash(rows),
        };
        db.ListPulls.Add(log);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return new PulledList(log, rows);
    }

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
