using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Tidu.Application.Screening;
using Tidu.Data;
using Tidu.Data.Entities;
using Tidu.Domain.Regions;

namespace Tidu.Application.Monitoring;

/// <summary>One child region's count for one tier on a day: enterprises qualified by their evaluation as it stood that day, and enterprises holding a valid recognition.</summary>
public sealed record RegionTierCount(string RegionCode, string Tier, int Qualified, int Recognized);

/// <summary>One child region's enterprises newly recognised for one tier in a span of days.</summary>
public sealed record RegionTierNewRecognitions(string RegionCode, string Tier, int Count);

/// <summary>
/// The counts of one region of the tree's lowest level (an enterprise's own region, with its city and province) for
/// one tier on a day: qualified and near misses (one decisive check short) by the evaluation history as it stood that
/// day, and valid recognitions. Every roll-up of the dashboard and the report is a sum of these rows.
/// </summary>
public sealed record LeafTierCount(string ProvinceCode, string? CityCode, string RegionCode, string Tier, int Qualified, int NearMisses, int Recognized)
{
    /// <summary>Whether the leaf lies in <paramref name="regionCode"/> (is it, or has it as city or province) — the scope filter's rule.</summary>
    public bool Within(string regionCode) => RegionCode == regionCode || CityCode == regionCode || ProvinceCode == regionCode;
}

/// <summary>
/// The roll-up of the user's region into its children (the whole country into provinces, a province into its
/// cities, a city into its counties). The database counts with GROUP BY per lowest-level region and tier — a
/// province holds 100k+ files, which must not be loaded to be counted — and the few hundred resulting rows are
/// summed into children, targets' regions and tiers. The context's region scope limits every query underneath.
/// Results are cached briefly per scope and day (<see cref="CountCache"/>); a committed write retires them.
/// </summary>
public sealed class RegionRollup(TiduDbContext db, RegionTree regions, CountCache cache)
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

    /// <summary>The child of the scope region a leaf belongs to. A city without counties (Hubei's 仙桃) keys by its own code; an enterprise with no city by its region.</summary>
    public string ChildOf(LeafTierCount leaf)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        return Children() switch
        {
            ChildLevel.Province => leaf.ProvinceCode,
            ChildLevel.City => leaf.CityCode ?? leaf.RegionCode,
            _ => leaf.RegionCode,
        };
    }

    /// <summary>
    /// Counts per lowest-level region and tier on <paramref name="on"/>: qualified and near misses by the evaluation
    /// history as it stood that day, and enterprises holding a recognition valid that day (inclusive both ends), all
    /// summed from the daily roll-up's changes up to that day — a few rows per region, tier and day with a change, not a
    /// count over the enterprises' outcomes or recognitions.
    /// </summary>
    public Task<IReadOnlyList<LeafTierCount>> LeavesAsync(DateOnly on, CancellationToken ct) =>
        // Cached too: a page asks for them several times, and a warm view should cost no work.
        cache.GetAsync(db.Scope, $"monitoring:leaves:{on:yyyy-MM-dd}", async () =>
            (IReadOnlyList<LeafTierCount>)(await db.TierDayCounts.AsNoTracking()
                .Where(c => c.Day <= on)
                .GroupBy(c => new { c.ProvinceCode, c.CityCode, c.RegionCode, c.Tier })
                .Select(g => new
                {
                    g.Key.ProvinceCode,
                    g.Key.CityCode,
                    g.Key.RegionCode,
                    g.Key.Tier,
                    Qualified = g.Sum(c => c.Qualified),
                    NearMisses = g.Sum(c => c.NearMisses),
                    Recognized = g.Sum(c => c.Recognized),
                })
                .ToListAsync(ct).ConfigureAwait(false))
                .Where(g => g.Qualified != 0 || g.NearMisses != 0 || g.Recognized != 0)
                .Select(g => new LeafTierCount(g.ProvinceCode, g.CityCode, g.RegionCode, g.Tier, g.Qualified, g.NearMisses, g.Recognized))
                .ToList());

    /// <summary>
    /// Enterprises with a recognition matching <paramref name="which"/> per lowest-level region and tier. An enterprise
    /// recognised twice for one tier (renewed before expiry) counts once: DISTINCT before GROUP BY.
    /// </summary>
    private Task<IReadOnlyList<LeafTierCount>> RecognitionsAsync(string question, Expression<Func<EnterpriseRecognition, bool>> which, CancellationToken ct) =>
        cache.GetAsync(db.Scope, question, async () =>
            (IReadOnlyList<LeafTierCount>)(await db.Recognitions.AsNoTracking()
                .Where(which)
                .Select(r => new Keyed { Province = r.Enterprise.ProvinceCode, City = r.Enterprise.CityCode, Region = r.Enterprise.RegionCode, Tier = r.Tier, EnterpriseId = r.EnterpriseId })
                .Distinct()
                .GroupBy(k => new { k.Province, k.City, k.Region, k.Tier })
                .Select(g => new { g.Key.Province, g.Key.City, g.Key.Region, g.Key.Tier, Count = g.Count() })
                .ToListAsync(ct).ConfigureAwait(false))
                .Select(g => new LeafTierCount(g.Province, g.City, g.Region, g.Tier, 0, 0, g.Count))
                .ToList());

    /// <summary>Counts per child region and tier; recognitions count when valid on <paramref name="on"/> (inclusive both ends).</summary>
    public async Task<IReadOnlyList<RegionTierCount>> CountAsync(DateOnly on, CancellationToken ct)
    {
        var leaves = await LeavesAsync(on, ct).ConfigureAwait(false);
        return leaves
            .GroupBy(l => (Region: ChildOf(l), l.Tier))
            .Select(g => new RegionTierCount(g.Key.Region, g.Key.Tier, g.Sum(l => l.Qualified), g.Sum(l => l.Recognized)))
            .Where(c => c.Qualified > 0 || c.Recognized > 0)
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
        var rows = await RecognitionsAsync($"monitoring:new:{from:yyyy-MM-dd}:{to:yyyy-MM-dd}", r => r.RecognizedOn >= from && r.RecognizedOn <= to, ct).ConfigureAwait(false);
        return rows
            .GroupBy(l => (Region: ChildOf(l), l.Tier))
            .Select(g => new RegionTierNewRecognitions(g.Key.Region, g.Key.Tier, g.Sum(l => l.Recognized)))
            .OrderBy(c => c.RegionCode, StringComparer.Ordinal).ThenBy(c => c.Tier, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A row keyed to its lowest-level region; a class with settable members so EF can group on them.</summary>
    private sealed class Keyed
    {
        public required string Province { get; init; }
        public string? City { get; init; }
        public required string Region { get; init; }
        public required string Tier { get; init; }
        public long EnterpriseId { get; init; }
    }
}
