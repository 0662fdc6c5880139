using System.Runtime.CompilerServices;
using Tidu.Rules.Model.Conditions;
using Tidu.Rules.Plans;

namespace Tidu.Rules.Screening;

/// <summary>
/// The counts of one chunk, kept per plan in arrays (a record adds a few integers, no lookups by name); merged into the
/// <see cref="ScreenSummary"/> in input order, plans in the order their first enterprise came.
/// </summary>
internal sealed class ScreenTally
{
    /// <summary>large, medium, small, micro, and not available.</summary>
    public static readonly string[] SizeKeys = ["large", "medium", "small", "micro", "n/a"];

    private readonly List<PlanCounts> _plans = [];
    private PlanCounts? _last;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(PlanOutcome outcome)
    {
        var plan = outcome.Plan;
        var counts = _last is { } last && ReferenceEquals(last.Plan, plan) ? last : Find(plan);
        _last = counts;
        var size = outcome.SizeClass switch
        {
            "large" => 0,
            "medium" => 1,
            "small" => 2,
            "micro" => 3,
            _ => 4,
        };
        counts.BySize[size]++;
        var tiers = plan.Tiers.Count;
        for (var t = 0; t < tiers; t++)
        {
            if (outcome.Qualified(t))
            {
                counts.Qualified[(size * tiers) + t]++;
            }
            else if (outcome.NearMiss(t) is { } check)
            {
                counts.NearMisses[t]++;
                var byCheck = counts.NearMissChecks[t] ??= new Dictionary<Check, long>(ReferenceEqualityComparer.Instance);
                byCheck[check] = byCheck.GetValueOrDefault(check) + 1;
            }
        }
    }

    private PlanCounts Find(EvaluationPlan plan)
    {
        foreach (var p in _plans)
        {
            if (ReferenceEquals(p.Plan, plan))
            {
                return p;
            }
        }
        var counts = new PlanCounts(plan);
        _plans.Add(counts);
        return counts;
    }

    public void MergeInto(ScreenSummary summary)
    {
        foreach (var p in _plans)
        {
            summary.Merge(p);
        }
    }

    internal sealed class PlanCounts(EvaluationPlan plan)
    {
        public EvaluationPlan Plan { get; } = plan;
        public long[] BySize { get; } = new long[SizeKeys.Length];

        /// <summary>[size × tiers + tier].</summary>
        public long[] Qualified { get; } = new long[SizeKeys.Length * plan.Tiers.Count];

        public long[] NearMisses { get; } = new long[plan.Tiers.Count];
        public Dictionary<Check, long>?[] NearMissChecks { get; } = new Dictionary<Check, long>?[plan.Tiers.Count];
    }
}
