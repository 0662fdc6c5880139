using Microsoft.EntityFrameworkCore;
using Tidu.Data;
using Tidu.Domain.Regions;

namespace Tidu.Web.Monitoring;

/// <summary>One child region's count for one tier: enterprises qualified by their latest evaluation, and enterprises holding a valid recognition.</summary>
public sealed record RegionTierCount(string RegionCode, string Tier, int Qualified, int Recognized);

/// <summary>One child region's enterprises newly recognised for one tier in a span of days.</summary>
public sealed record RegionTierNewRecognitions(string RegionCode, string Tier, int Count);

/// <summary>
/// The roll-up of the user's region into its children (the whole country into provinces, a province into its
/// cities, a city into its counties). Counted by the database with GROUP BY — a province holds 100k+ files,
/// which must not be loaded to be counted. The context's region scope limits every query underneath.
/// </summary>
public sealed class RegionRollup(TiduDbContext db, RegionTree regions)
{
    /// <summary>How enterprises are keyed to a child of the scope region.</summary>
    public enum ChildLevel
    {
        Province = 0,
        City = 1,
        County = 2,
    }

    /// <summary>The level of the children of the current scope's region.</summary>
    public ChildLevel Children()
    {
        var scope = db.Scope;
        if (scope.All)
        {
            return ChildLevel.Province;
        }
        return scope.RegionCode is { } code && regions.Find(code)?.Level == "province" ? ChildLevel.City : ChildLevel.County;
    }

    /// <summary>Counts per child region and tier; recognitions count when valid on <paramref name="on"/> (inclusive both ends).</summary>
    public async Task<IReadOnlyList<RegionTierCount>> CountAsync(DateOnly on, CancellationToken ct)
    {
        // One query shape for every level: the level is a parameter of a CASE, so the plan is cached once.
        // A city without counties (Hubei's 仙桃) keys by its own code; an enterprise with no city by its region.
        var level = (int)Children();
        var qualified = await db.TierOutcomes.AsNoTracking()
            .Where(t => t.Qualified)
            .Select(t => new Keyed
            {
                Region = level == 0 ? t.Enterprise.ProvinceCode : level == 1 ? (t.Enterprise.CityCode ?? t.Enterprise.RegionCode) : t.Enterprise.RegionCode,
                Tier = t.Tier,
                EnterpriseId = t.EnterpriseId,
            })
            .GroupBy(k => new { k.Region, k.Tier })
            .Select(g => new { g.Key.Region, g.Key.Tier, Count = g.Count() })
            .ToListAsync(ct).ConfigureAwait(false);
        // An enterprise recognised twice for one tier (renewed before expiry) counts once: DISTINCT before GROUP BY.
        var recognized = await db.Recognitions.AsNoTracking()
            .Where(r => r.RecognizedOn <= on && (r.ValidUntil == null || r.ValidUntil >= on))
            .Select(r => new Keyed
            {
                Region = level == 0 ? r.Enterprise.ProvinceCode : level == 1 ? (r.Enterprise.CityCode ?? r.Enterprise.RegionCode) : r.Enterprise.RegionCode,
                Tier = r.Tier,
                EnterpriseId = r.EnterpriseId,
            })
            .Distinct()
            .GroupBy(k => new { k.Region, k.Tier })
            .Select(g => new { g.Key.Region, g.Key.Tier, Count = g.Count() })
            .ToListAsync(ct).ConfigureAwait(false);
        return qualified.Select(q => (q.Region, q.Tier)).Union(recognized.Select(r => (r.Region, r.Tier)))
            .Select(k => new RegionTierCount(k.Region, k.Tier,
                qualified.FirstOrDefault(q => q.Region == k.Region && q.Tier == k.Tier)?.Count ?? 0,
                recognized.FirstOrDefault(r => r.Region == k.Region && r.Tier == k.Tier)?.Count ?? 0))
            .OrderBy(c => c.RegionCode, StringComparer.Ordinal).ThenBy(c => c.Tier, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Enterprises newly recognised between <paramref name="from"/> and <paramref name="to"/> (both inclusive) per child
    /// region and tier: the year's or month's new recognitions, whatever their validity now. An enterprise recognised
    /// twice for one tier in the span counts once.
    /// </summary>
    public async Task<IReadOnlyList<RegionTierNewRecognitions>> NewRecognitionsAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        var level = (int)Children();
        var rows = await db.Recognitions.AsNoTracking()
            .Where(r => r.RecognizedOn >= from && r.RecognizedOn <= to)
            .Select(r => new Keyed
            {
                Region = level == 0 ? r.Enterprise.ProvinceCode : level == 1 ? (r.Enterprise.CityCode ?? r.Enterprise.RegionCode) : r.Enterprise.RegionCode,
                Tier = r.Tier,
                EnterpriseId = r.EnterpriseId,
            })
            .Distinct()
            .GroupBy(k => new { k.Region, k.Tier })
            .Select(g => new { g.Key.Region, g.Key.Tier, Count = g.Count() })
            .ToListAsync(ct).ConfigureAwait(false);
        return rows.Select(r => new RegionTierNewRecognitions(r.Region, r.Tier, r.Count))
            .OrderBy(c => c.RegionCode, StringComparer.Ordinal).ThenBy(c => c.Tier, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Enterprises holding a valid recognition of <paramref name="tier"/> on <paramref name="on"/> within <paramref name="regionCode"/> (itself or below).</summary>
    public Task<int> RecognizedWithinAsync(string regionCode, string tier, DateOnly on, CancellationToken ct) =>
        db.Recognitions.AsNoTracking()
            .Where(r => r.Tier == tier && r.RecognizedOn <= on && (r.ValidUntil == null || r.ValidUntil >= on))
            .Where(r => r.Enterprise.RegionCode == regionCode || r.Enterprise.CityCode == regionCode || r.Enterprise.ProvinceCode == regionCode)
            .Select(r => r.EnterpriseId)
            .Distinct()
            .CountAsync(ct);

    /// <summary>Enterprises qualified for <paramref name="tier"/> by their latest evaluation within <paramref name="regionCode"/> (itself or below).</summary>
    public Task<int> QualifiedWithinAsync(string regionCode, string tier, CancellationToken ct) =>
        db.TierOutcomes.AsNoTracking()
            .Where(t => t.Tier == tier && t.Qualified)
            .Where(t => t.Enterprise.RegionCode == regionCode || t.Enterprise.CityCode == regionCode || t.Enterprise.ProvinceCode == regionCode)
            .CountAsync(ct);

    /// <summary>A row keyed to its child region; a class with settable members so EF can group on them.</summary>
    private sealed class Keyed
    {
        public required string Region { get; init; }
        public required string Tier { get; init; }
        public long EnterpriseId { get; init; }
    }
}
