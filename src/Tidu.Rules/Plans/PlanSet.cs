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

    // Six-digit region codes as ints: the per-enterprise lookup hashes an int, not a string.
    private readonly ConcurrentDictionary<int, EvaluationPlan> _byCode = new();
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
        var code = Code(regionCode);
        if (code >= 0)
        {
            return _byCode.TryGetValue(code, out var plan) ? plan : _byCode.GetOrAdd(code, _ => Build(regionCode));
        }
        return _byRegion.TryGetValue(regionCode, out var other) ? other : _byRegion.GetOrAdd(regionCode, Build);
    }

    /// <summary>
    /// The plan for <paramref name="regionCode"/>, remembered in <paramref name="workspace"/>: enterprises of one region
    /// often come one after another, and comparing six characters is cheaper than any lookup.
    /// </summary>
    public EvaluationPlan For(string regionCode, PlanWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        if (ReferenceEquals(workspace.LastPlans, this) && string.Equals(workspace.LastRegion, regionCode, StringComparison.Ordinal))
        {
            return workspace.LastPlan!;
        }
        var plan = For(regionCode);
        workspace.LastPlans = this;
        workspace.LastRegion = regionCode;
        workspace.LastPlan = plan;
        return plan;
    }

    private static int Code(string regionCode)
    {
        if (regionCode.Length != 6)
        {
            return -1;
        }
        var code = 0;
        foreach (var c in regionCode)
        {
            if (!char.IsAsciiDigit(c))
            {
                return -1;
            }
            code = (code * 10) + (c - '0');
        }
        return code;
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
