using Tidu.Rules.Evaluation;
using Tidu.Rules.Model;

namespace Tidu.Cli.Screening;

/// <summary>Counts for the closing table of a screening run: per size class and tier, and near misses.</summary>
internal sealed class ScreenSummary
{
    public long Valid { get; private set; }
    public long Invalid { get; set; }

    /// <summary>Size class (or "n/a") → enterprises.</summary>
    public Dictionary<string, long> BySize { get; } = new(StringComparer.Ordinal);

    /// <summary>(size class, tier) → qualified enterprises.</summary>
    public Dictionary<(string Size, string Tier), long> Qualified { get; } = [];

    /// <summary>Tier → near misses: enterprises failing exactly one decisive check they can close (RuleIndex.IsNearMiss).</summary>
    public Dictionary<string, long> NearMisses { get; } = new(StringComparer.Ordinal);

    /// <summary>Tier → (check id → near misses failing on it), to show what most often keeps firms out.</summary>
    public Dictionary<string, Dictionary<string, long>> NearMissChecks { get; } = new(StringComparer.Ordinal);

    public List<(string Id, string Title)> Tiers { get; } = [];

    public Dictionary<string, string> CheckTitles { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// What the summary needs of one evaluation, computed on the worker thread that evaluated it. Small on
    /// purpose: holding whole explanations for a batch made them survive into older GC generations.
    /// </summary>
    public sealed record Entry(string? SizeClass, (string Tier, string Title, bool Qualified, string? NearMissId, string? NearMissTitle)[] Tiers);

    /// <summary>
    /// Per tier: qualified, and for a near miss the single decisive failed check (one the enterprise can close: not
    /// its size class, a title to hold first, a compliance record or time), as the rule model decides.
    /// </summary>
    public static Entry Digest(EnterpriseEvaluation e, RuleIndex index) =>
        new(e.SizeClass.SizeClass, e.Tiers.Select(t =>
        {
            var near = index.IsNearMiss(t) ? Explanations.DecisiveFailures(t.Checks)[0] : null;
            return (t.Tier, t.Title, t.Qualified, near?.Id, near?.Title);
        }).ToArray());

    public void Add(Entry e)
    {
        Valid++;
        var size = e.SizeClass ?? "n/a";
        BySize[size] = BySize.GetValueOrDefault(size) + 1;
        // Tiers differ by region (a province's own tiers apply only there): every tier seen gets a column.
        foreach (var t in e.Tiers)
        {
            if (!Tiers.Exists(x => x.Id == t.Tier))
            {
                Tiers.Add((t.Tier, t.Title));
            }
        }
        foreach (var t in e.Tiers)
        {
            if (t.Qualified)
            {
                Qualified[(size, t.Tier)] = Qualified.GetValueOrDefault((size, t.Tier)) + 1;
            }
            else if (t.NearMissId is { } id)
            {
                NearMisses[t.Tier] = NearMisses.GetValueOrDefault(t.Tier) + 1;
                var byCheck = NearMissChecks.TryGetValue(t.Tier, out var d) ? d : NearMissChecks[t.Tier] = new(StringComparer.Ordinal);
                byCheck[id] = byCheck.GetValueOrDefault(id) + 1;
                CheckTitles.TryAdd(id, t.NearMissTitle!);
            }
        }
    }
}
