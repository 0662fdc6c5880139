using Tidu.Data.Entities;
using Tidu.Data.Entities.Monitoring;

namespace Tidu.Data.Registry;

/// <summary>One tier's outcome in an evaluation, as the history stores it.</summary>
internal sealed record TierState(string Tier, string RuleVersion, bool Qualified, bool NearMiss, decimal? Score);

/// <summary>
/// Places an evaluation as of a date in an enterprise's evaluation history (<see cref="Enterprise.OutcomeHistory"/>,
/// which must be loaded) and works out how the daily roll-up changes. Any date may be written, also one before stored
/// rows (a bulk load of last year's figures): a row holds until the next one, so the change is computed as the
/// difference between the roll-up contributions of the tier's whole timeline before and after — each row adds its
/// outcome on its date and takes back its predecessor's there.
/// </summary>
internal static class OutcomeHistory
{
    /// <summary>Records <paramref name="states"/> (the tiers the evaluation covered) as of <paramref name="asOf"/>; the roll-up's changes go to <see cref="Enterprise.PendingCounts"/>.</summary>
    public static void Record(Enterprise e, DateOnly asOf, IReadOnlyList<TierState> states)
    {
        if (e.OutcomeHistory.Count == 0)
        {
            RecordFirst(e, asOf, states);
            return;
        }
        var tiers = states.Select(s => s.Tier).Union(e.OutcomeHistory.Select(h => h.Tier), StringComparer.Ordinal).ToList();
        foreach (var tier in tiers)
        {
            var state = states.FirstOrDefault(s => s.Tier == tier);
            var candidate = new DatedTierOutcome
            {
                EnterpriseId = e.Id,
                Tier = tier,
                AsOf = asOf,
                RuleVersion = state?.RuleVersion,
                Qualified = state?.Qualified ?? false,
                NearMiss = state?.NearMiss ?? false,
                Score = state?.Score,
                ProvinceCode = e.ProvinceCode,
                CityCode = e.CityCode,
                RegionCode = e.RegionCode,
            };
            var timeline = e.OutcomeHistory.Where(h => h.Tier == tier).OrderBy(h => h.AsOf).ToList();
            var at = timeline.Find(h => h.AsOf == asOf);
            var prior = timeline.LastOrDefault(h => h.AsOf < asOf);
            // Nothing new to say: the row of that date (or, without one, the row in force then) already says it; a tier
            // never evaluated up to then and not evaluated now needs no row either.
            if (at?.SameOutcome(candidate) == true || (at is null && (prior?.SameOutcome(candidate) == true || (prior is null && state is null))))
            {
                continue;
            }
            var before = Contributions(timeline);
            if (at is null)
            {
                e.OutcomeHistory.Add(candidate);
                timeline.Add(candidate);
                timeline.Sort((a, b) => a.AsOf.CompareTo(b.AsOf));
            }
            else
            {
                at.RuleVersion = candidate.RuleVersion;
                at.Qualified = candidate.Qualified;
                at.NearMiss = candidate.NearMiss;
                at.Score = candidate.Score;
                at.ProvinceCode = candidate.ProvinceCode;
                at.CityCode = candidate.CityCode;
                at.RegionCode = candidate.RegionCode;
            }
            e.PendingCounts.AddRange(Subtract(Contributions(timeline), before));
        }
    }

    /// <summary>
    /// A file's first evaluation (a new file in a bulk load): each tier's row is its whole timeline, so the roll-up
    /// changes by that row's outcome on its date — what the general case computes, without its bookkeeping.
    /// </summary>
    private static void RecordFirst(Enterprise e, DateOnly asOf, IReadOnlyList<TierState> states)
    {
        foreach (var state in states)
        {
            var row = new DatedTierOutcome
            {
                EnterpriseId = e.Id,
                Tier = state.Tier,
                AsOf = asOf,
                RuleVersion = state.RuleVersion,
                Qualified = state.Qualified,
                NearMiss = state.NearMiss,
                Score = state.Score,
                ProvinceCode = e.ProvinceCode,
                CityCode = e.CityCode,
                RegionCode = e.RegionCode,
            };
            e.OutcomeHistory.Add(row);
            if (Count(row, asOf, 1) is { } c && (c.Qualified != 0 || c.NearMisses != 0))
            {
                e.PendingCounts.Add(c);
            }
        }
    }

    /// <summary>The roll-up rows a tier's timeline (sorted by date) adds: each row's outcome on its date, less its predecessor's there.</summary>
    internal static List<TierDayCount> Contributions(IReadOnlyList<DatedTierOutcome> timeline)
    {
        var rows = new List<TierDayCount>();
        for (var i = 0; i < timeline.Count; i++)
        {
            rows.Add(Count(timeline[i], timeline[i].AsOf, 1));
            if (i > 0)
            {
                rows.Add(Count(timeline[i - 1], timeline[i].AsOf, -1));
            }
        }
        return rows;
    }

    /// <summary>The roll-up row of one history row's outcome on <paramref name="day"/>, times <paramref name="sign"/>.</summary>
    internal static TierDayCount Count(DatedTierOutcome h, DateOnly day, int sign) => new()
    {
        RegionCode = h.RegionCode,
        ProvinceCode = h.ProvinceCode,
        CityCode = h.CityCode,
        Tier = h.Tier,
        Day = day,
        Qualified = h.Qualified ? sign : 0,
        // As the dashboard counts near misses: one decisive check short, not qualified.
        NearMisses = h.NearMiss && !h.Qualified ? sign : 0,
    };

    private static List<TierDayCount> Subtract(List<TierDayCount> after, List<TierDayCount> before) =>
        Sum(after.Concat(before.Select(Negated)));

    private static TierDayCount Negated(TierDayCount c) => new()
    {
        RegionCode = c.RegionCode,
        ProvinceCode = c.ProvinceCode,
        CityCode = c.CityCode,
        Tier = c.Tier,
        Day = c.Day,
        Qualified = -c.Qualified,
        NearMisses = -c.NearMisses,
        Recognized = -c.Recognized,
    };

    /// <summary>Adds up changes of the same region, tier and day; changes that cancel out are dropped.</summary>
    internal static List<TierDayCount> Sum(IEnumerable<TierDayCount> changes) =>
        changes.GroupBy(c => (c.RegionCode, c.Tier, c.Day))
            .Select(g => new TierDayCount
            {
                RegionCode = g.Key.RegionCode,
                ProvinceCode = g.First().ProvinceCode,
                CityCode = g.First().CityCode,
                Tier = g.Key.Tier,
                Day = g.Key.Day,
                Qualified = g.Sum(c => c.Qualified),
                NearMisses = g.Sum(c => c.NearMisses),
                Recognized = g.Sum(c => c.Recognized),
            })
            .Where(c => c.Qualified != 0 || c.NearMisses != 0 || c.Recognized != 0)
            .ToList();
}
