using System.Collections.Concurrent;
using Tidu.Rules.Model;

namespace Tidu.Rules.Plans;

/// <summary>
/// The plans of one evaluation date: which tiers apply depends on the enterprise's region (a province's own tiers,
/// overlays), so there is one plan per distinct selection of rule sets — a handful — looked up per region.
/// </summary>
public sealed class PlanSet
{
    private readonly RuleLibrary _library;
    private readonly ConcurrentDictionary<string, EvaluationPlan> _byRegion = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EvaluationPlan> _bySelection = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    internal PlanSet(RuleLibrary library, DateOnly asOf)
    {
        _library = library;
        AsOf = asOf;
    }

    public DateOnly AsOf { get; }

    /// <summary>The plans compiled so far (distinct tier selections).</summary>
    public IReadOnlyCollection<EvaluationPlan> Compiled
    {
        get
        {
            lock (_gate)
            {
                return [.. _bySelection.Values];
            }
        }
    }

    /// <summary>The plan for an enterprise in <paramref name="regionCode"/>.</summary>
    public EvaluationPlan For(string regionCode)
    {
        ArgumentNullException.ThrowIfNull(regionCode);
        return _byRegion.TryGetValue(regionCode, out var plan) ? plan : _byRegion.GetOrAdd(regionCode, Build);
    }

    private EvaluationPlan Build(string regionCode)
    {
        // The most specific rule set in force; when none is, the most general one reports that no version is in force.
        var chosen = _library.TiersFor(regionCode).Select(candidates => candidates.FirstOrDefault(s => s.VersionOn(AsOf) is not null) ?? candidates[^1]).ToList();
        var key = string.Join(";", chosen.Select(s => s.Id + "@" + s.Jurisdiction));
        lock (_gate)
        {
            if (!_bySelection.TryGetValue(key, out var plan))
            {
                _bySelection[key] = plan = new EvaluationPlan(_library, AsOf, chosen);
            }
            return plan;
        }
    }
}
