using Microsoft.EntityFrameworkCore;
using Tidu.Data;
using Tidu.Rules;

namespace Tidu.Application.Screening;

/// <summary>One tier of the overview: how many enterprises of the scope meet it, and how many nearly do, by their stored evaluation.</summary>
public sealed record TierTally(string Tier, string Title, int Qualified, int NearMiss);

/// <summary>The overview of a reader's region: its name, the enterprises in it, and per tier of the rule library the qualified and near misses.</summary>
public sealed record Overview(string ScopeLabel, int Total, IReadOnlyList<TierTally> Tiers);

/// <summary>
/// The start page's overview, counted by the database within the reader's scope and cached per scope until the next
/// write (<see cref="CountCache"/>). Every tier of the rule library is listed, a tier nobody meets with zeros.
/// </summary>
public sealed class RegionOverview(TiduDbContext db, RuleLibrary rules, CountCache cache, ScopeRegions regions)
{
    private sealed record TierCount(string Tier, int Qualified, int NearMiss);

    public async Task<Overview> ReadAsync(CancellationToken ct)
    {
        var total = await cache.GetAsync(db.Scope, "total", () => db.Enterprises.CountAsync(ct)).ConfigureAwait(false);
        var counts = await cache.GetAsync(db.Scope, "tiers", () => db.TierOutcomes
            .GroupBy(t => t.Tier)
            .Select(g => new TierCount(g.Key, g.Count(t => t.Qualified), g.Count(t => t.NearMiss)))
            .ToListAsync(ct)).ConfigureAwait(false);
        var tiers = rules.Tiers
            .DistinctBy(t => t.Id)
            .Select(t => (t, c: counts.FirstOrDefault(c => c.Tier == t.Id)))
            .Select(x => new TierTally(x.t.Id, x.t.Title, x.c?.Qualified ?? 0, x.c?.NearMiss ?? 0))
            .ToList();
        return new Overview(await regions.LabelAsync(ct).ConfigureAwait(false), total, tiers);
    }
}
