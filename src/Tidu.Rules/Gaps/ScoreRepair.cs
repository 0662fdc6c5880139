using Tidu.Domain.Profiles;
using Tidu.Rules.Facts;
using Tidu.Rules.Model.Conditions;
using Tidu.Rules.Model.Scoring;
using Tidu.Rules.Values;

namespace Tidu.Rules.Gaps;

/// <summary>
/// Raises a score (total or one dimension) to its threshold: for each indicator the plans that lift it to each
/// higher band, case or count, then the cheapest combination — at most one upgrade per indicator — whose points
/// reach the threshold (a small knapsack over the points gained).
/// </summary>
internal sealed class ScoreRepair(GapSearch search, ScoreCard? card)
{
    private const int Beam = 3;

    // The total and each dimension are repaired on the same profile: its indicators' upgrades are found once.
    private readonly Dictionary<(EnterpriseProfile, Indicator), List<(decimal, Plan)>> _upgrades = new(new ByReference());

    public IReadOnlyList<Plan> Repair(Check check, EnterpriseProfile basis, EvaluationContext context)
    {
        if (card is null)
        {
            return [];
        }
        var dimension = check.Args.Dimension;
        var current = dimension is null ? context.CurrentScore ?? 0m : context.CurrentSubScores.GetValueOrDefault(dimension);
        var best = new Dictionary<decimal, Plan> { [0m] = Plan.Empty };
        foreach (var indicator in card.Indicators.Where(i => dimension is null || i.Dimension == dimension))
        {
            if (!_upgrades.TryGetValue((basis, indicator), out var upgrades))
            {
                upgrades = _upgrades[(basis, indicator)] = Upgrades(indicator, indicator, basis, context);
            }
            if (upgrades.Count == 0)
            {
                continue;
            }
            var next = new Dictionary<decimal, Plan>(best);
            foreach (var (gained, plan) in best)
            {
                foreach (var (gain, up) in upgrades)
                {
                    var total = gained + gain;
                    if (!next.TryGetValue(total, out var known) || plan.Cost + up.Cost < known.Cost)
                    {
                        next[total] = plan.Then(up);
                    }
                }
            }
            best = next;
        }
        return best.Where(kv => check.Test(FactValue.Of(current + kv.Key))).Select(kv => kv.Value).OrderBy(p => p.Cost).Take(Beam).ToList();
    }

    /// <summary>(points gained on <paramref name="outer"/>, plan) for each higher level <paramref name="indicator"/> can reach.</summary>
    private List<(decimal Gain, Plan Plan)> Upgrades(Indicator indicator, Indicator outer, EnterpriseProfile basis, EvaluationContext context)
    {
        var now = outer.Score(context).Points;
        var result = new List<(decimal, Plan)>();
        bool Reaches(EnterpriseProfile p, decimal points) => outer.Score(Probe.Context(context, p)).Points >= points;
        void Levers(FactReader fact, IEnumerable<decimal> targets, Func<decimal, int> direction)
        {
            var levers = LeverCatalog.For(fact.Name, fact.Args, context, null).Where(l => l.Blocker is null).ToList();
            foreach (var points in targets.Where(t => t > now).Distinct())
            {
                foreach (var lever in levers)
                {
                    if (LeverSearch.Solve(lever, direction(points), p => Reaches(p, points), basis, outer.Id, outer.Title) is { } edit)
                    {
                        result.Add((points - now, Plan.Of(edit)));
                    }
                }
            }
        }
        switch (indicator)
        {
            case BandIndicator b:
                var value = b.Fact.Read(context);
                foreach (var band in b.Bands.Where(x => x.Points > now))
                {
                    Levers(b.Fact, [band.Points], _ => !value.IsAvailable || (band.From is { } f && value.Number.CompareTo(f) < 0) ? 1 : -1);
                }
                break;
            case BestIndicator best:
                foreach (var reading in best.Readings)
                {
                    result.AddRange(Upgrades(reading, outer, basis, context));
                }
                break;
            case CasesIndicator cases:
                foreach (var (when, points) in cases.Cases.Where(x => x.Points > now))
                {
                    foreach (var plan in search.Repair(when, basis, context).Where(Usable))
                    {
                        result.Add((points - now, plan));
                    }
                }
                break;
            case CountIndicator count:
                var missing = count.Items.Where(i => !i.Evaluate(context, null, null))
                    .Select(i => search.Repair(i, basis, context).FirstOrDefault(Usable))
                    .OfType<Plan>()
                    .OrderBy(p => p.Cost)
                    .ToList();
                var held = count.Items.Count - count.Items.Count(i => !i.Evaluate(context, null, null));
                var sum = Plan.Empty;
                for (var k = 1; k <= missing.Count && (held + k - 1) * count.PointsEach < count.Max; k++)
                {
                    sum = sum.Then(missing[k - 1]);
                    result.Add((Math.Min(count.Max, (held + k) * count.PointsEach) - now, sum));
                }
                break;
            case MapIndicator map:
                Levers(map.Fact, map.Map.Values, _ => 1);
                break;
            case PointsIndicator points:
                Levers(points.Fact, Enumerable.Range(1, (int)points.Max).Select(i => (decimal)i), _ => 1);
                break;
            default:
                break; // steps (years in the niche market): only time raises them
        }
        return result.Where(r => r.Item1 > 0).ToList();
    }

    private static bool Usable(Plan plan) => plan.Edits.Count > 0 && plan.Edits.All(e => e.Blocker is null);

    private sealed class ByReference : IEqualityComparer<(EnterpriseProfile, Indicator)>
    {
        public bool Equals((EnterpriseProfile, Indicator) x, (EnterpriseProfile, Indicator) y) => ReferenceEquals(x.Item1, y.Item1) && ReferenceEquals(x.Item2, y.Item2);

        public int GetHashCode((EnterpriseProfile, Indicator) obj) => HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Item1), System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Item2));
    }
}
