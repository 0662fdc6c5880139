namespace Tidu.Rules.Screening;

/// <summary>Counts for the closing table of a screening run: per size class and tier, and near misses.</summary>
public sealed class ScreenSummary
{
    public long Valid { get; internal set; }

    /// <summary>Every record read: valid, invalid and failed (the next shard's error ordinals start after them).</summary>
    public long Records => Valid + Invalid + Failed;
    public long Invalid { get; set; }

    /// <summary>Records whose screening failed unexpectedly (reported with their locator and skipped).</summary>
    public long Failed { get; set; }

    /// <summary>Size class (or "n/a") → enterprises.</summary>
    public Dictionary<string, long> BySize { get; } = new(StringComparer.Ordinal);

    /// <summary>(size class, tier) → qualified enterprises.</summary>
    public Dictionary<(string Size, string Tier), long> Qualified { get; } = [];

    /// <summary>Tier → enterprises failing exactly one decisive check.</summary>
    public Dictionary<string, long> NearMisses { get; } = new(StringComparer.Ordinal);

    /// <summary>Tier → (check id → near misses failing on it), to show what most often keeps firms out.</summary>
    public Dictionary<string, Dictionary<string, long>> NearMissChecks { get; } = new(StringComparer.Ordinal);

    /// <summary>Tiers in the order an enterprise they apply to first came (a province's own tiers add columns).</summary>
    public List<(string Id, string Title)> Tiers { get; } = [];

    public Dictionary<string, string> CheckTitles { get; } = new(StringComparer.Ordinal);

    /// <summary>Adds one plan's counts of one chunk.</summary>
    internal void Merge(ScreenTally.PlanCounts counts)
    {
        var tiers = counts.Plan.Tiers;
        foreach (var tier in tiers)
        {
            if (!Tiers.Exists(x => x.Id == tier.Id))
            {
                Tiers.Add((tier.Id, tier.Set.Title));
            }
        }
        for (var s = 0; s < ScreenTally.SizeKeys.Length; s++)
        {
            var n = counts.BySize[s];
            if (n == 0)
            {
                continue;
            }
            var size = ScreenTally.SizeKeys[s];
            Valid += n;
            BySize[size] = BySize.GetValueOrDefault(size) + n;
            for (var t = 0; t < tiers.Count; t++)
            {
                if (counts.Qualified[(s * tiers.Count) + t] is var q and > 0)
                {
                    Qualified[(size, tiers[t].Id)] = Qualified.GetValueOrDefault((size, tiers[t].Id)) + q;
                }
            }
        }
        for (var t = 0; t < tiers.Count; t++)
        {
            if (counts.NearMisses[t] == 0)
            {
                continue;
            }
            var id = tiers[t].Id;
            NearMisses[id] = NearMisses.GetValueOrDefault(id) + counts.NearMisses[t];
            var byCheck = NearMissChecks.TryGetValue(id, out var d) ? d : NearMissChecks[id] = new(StringComparer.Ordinal);
            foreach (var (check, n) in counts.NearMissChecks[t]!)
            {
                byCheck[check.Id] = byCheck.GetValueOrDefault(check.Id) + n;
                CheckTitles.TryAdd(check.Id, check.Title);
            }
        }
    }

    /// <summary>
    /// Adds the counts of the input that came after this one (a shard screened elsewhere): merged in input order, the
    /// sum is what one run over both would have counted, tiers in the order their first enterprise came.
    /// </summary>
    public void Add(ScreenSummary next)
    {
        ArgumentNullException.ThrowIfNull(next);
        Valid += next.Valid;
        Invalid += next.Invalid;
        Failed += next.Failed;
        foreach (var tier in next.Tiers)
        {
            if (!Tiers.Exists(x => x.Id == tier.Id))
            {
                Tiers.Add(tier);
            }
        }
        foreach (var (size, n) in next.BySize)
        {
            BySize[size] = BySize.GetValueOrDefault(size) + n;
        }
        foreach (var (key, n) in next.Qualified)
        {
            Qualified[key] = Qualified.GetValueOrDefault(key) + n;
        }
        foreach (var (tier, n) in next.NearMisses)
        {
            NearMisses[tier] = NearMisses.GetValueOrDefault(tier) + n;
        }
        foreach (var (tier, checks) in next.NearMissChecks)
        {
            var byCheck = NearMissChecks.TryGetValue(tier, out var d) ? d : NearMissChecks[tier] = new(StringComparer.Ordinal);
            foreach (var (check, n) in checks)
            {
                byCheck[check] = byCheck.GetValueOrDefault(check) + n;
            }
        }
        foreach (var (check, title) in next.CheckTitles)
        {
            CheckTitles.TryAdd(check, title);
        }
    }
}
