namespace Tidu.Rules.Reforms;

/// <summary>
/// Totals of a simulation: per side (baseline, reform), enterprises qualified per tier by size class and by
/// region, the budget per clause and per funding level, and the list of enterprises gaining or losing a tier.
/// Not thread-safe: add comparisons from one thread, in input order.
/// </summary>
public sealed class SimulationTotals
{
    public long Enterprises { get; private set; }

    /// <summary>(side, tier, size class or n/a) → enterprises qualified.</summary>
    public Dictionary<(Side Side, string Tier, string SizeClass), long> QualifiedBySize { get; } = [];

    /// <summary>(side, tier, region code) → enterprises qualified.</summary>
    public Dictionary<(Side Side, string Tier, string Region), long> QualifiedByRegion { get; } = [];

    /// <summary>(side, clause id) → (claims, 万元).</summary>
    public Dictionary<(Side Side, string Clause), (long Claims, decimal Amount)> BudgetByClause { get; } = [];

    /// <summary>(side, clause id) → enterprises that get the clause's non-monetary or unquantified support.</summary>
    public Dictionary<(Side Side, string Clause), long> BenefitsByClause { get; } = [];

    /// <summary>(side, funding-level key) → 万元.</summary>
    public Dictionary<(Side Side, string Level), decimal> BudgetByLevel { get; } = [];

    public List<TierChange> Changes { get; } = [];

    public List<string> Tiers { get; } = [];

    public enum Side
    {
        Baseline,
        Reform,
    }

    public void Add(EnterpriseComparison c)
    {
        ArgumentNullException.ThrowIfNull(c);
        Enterprises++;
        AddSide(Side.Baseline, c.Baseline, c.RegionCode);
        AddSide(Side.Reform, c.Reform, c.RegionCode);
        Changes.AddRange(c.Changes);
    }

    /// <summary>
    /// Adds the totals of the records after these (the next shard of the same file): counts and amounts add up, tiers
    /// keep the order they were first met in, the changes follow in input order — as one run over both parts.
    /// </summary>
    public void Add(SimulationTotals next)
    {
        ArgumentNullException.ThrowIfNull(next);
        Enterprises += next.Enterprises;
        Tiers.AddRange(next.Tiers.Where(t => !Tiers.Contains(t)).ToList());
        AddAll(QualifiedBySize, next.QualifiedBySize, (a, b) => a + b);
        AddAll(QualifiedByRegion, next.QualifiedByRegion, (a, b) => a + b);
        AddAll(BudgetByClause, next.BudgetByClause, (a, b) => (a.Claims + b.Claims, a.Amount + b.Amount));
        AddAll(BenefitsByClause, next.BenefitsByClause, (a, b) => a + b);
        AddAll(BudgetByLevel, next.BudgetByLevel, (a, b) => a + b);
        Changes.AddRange(next.Changes);
    }

    /// <summary>Restores what <see cref="SimulationTotalsJson"/> read (the counts of a shard's records).</summary>
    internal void SetEnterprises(long enterprises) => Enterprises = enterprises;

    private static void AddAll<TKey, TValue>(Dictionary<TKey, TValue> into, Dictionary<TKey, TValue> from, Func<TValue, TValue, TValue> add)
        where TKey : notnull
    {
        foreach (var (key, value) in from)
        {
            into[key] = into.TryGetValue(key, out var had) ? add(had, value) : value;
        }
    }

    private void AddSide(Side side, SideOutcome o, string region)
    {
        var size = o.SizeClass ?? "n/a";
        foreach (var (tier, qualified) in o.Tiers)
        {
            if (!Tiers.Contains(tier))
            {
                Tiers.Add(tier);
            }
            if (qualified)
            {
                QualifiedBySize[(side, tier, size)] = QualifiedBySize.GetValueOrDefault((side, tier, size)) + 1;
                QualifiedByRegion[(side, tier, region)] = QualifiedByRegion.GetValueOrDefault((side, tier, region)) + 1;
            }
        }
        foreach (var clause in o.Benefits ?? [])
        {
            BenefitsByClause[(side, clause)] = BenefitsByClause.GetValueOrDefault((side, clause)) + 1;
        }
        foreach (var (clause, level, amount) in o.Budget)
        {
            var (n, sum) = BudgetByClause.GetValueOrDefault((side, clause));
            BudgetByClause[(side, clause)] = (n + 1, sum + amount);
            BudgetByLevel[(side, level)] = BudgetByLevel.GetValueOrDefault((side, level)) + amount;
        }
    }

    public long Qualified(Side side, string tier) => QualifiedBySize.Where(kv => kv.Key.Side == side && kv.Key.Tier == tier).Sum(kv => kv.Value);

    public decimal Budget(Side side) => BudgetByLevel.Where(kv => kv.Key.Side == side).Sum(kv => kv.Value);
}
