namespace Tidu.Rules.Model;

/// <summary>
/// A rule set (one tier, or the size-class table, or shared conditions) with its dated versions, sorted,
/// contiguous and non-overlapping. Exactly one version applies on any date within the covered range.
/// </summary>
public sealed class RuleSet<TVersion>(string id, string kind, string title, string jurisdiction, int order, string sourceFile, IReadOnlyList<TVersion> versions,
    LadderPlace? ladder = null)
    where TVersion : IDatedVersion
{
    public string Id { get; } = id;
    public string Kind { get; } = kind;
    public string Title { get; } = title;
    public string Jurisdiction { get; } = jurisdiction;
    public int Order { get; } = order;
    public string SourceFile { get; } = sourceFile;
    public IReadOnlyList<TVersion> Versions { get; } = versions;

    /// <summary>Where the tier stands on the cultivation ladder (its 'ladder' key), null when it is not on it.</summary>
    public LadderPlace? Ladder { get; } = ladder;

    /// <summary>The version in force on <paramref name="date"/>, or null when none is.</summary>
    public TVersion? VersionOn(DateOnly date)
    {
        foreach (var v in Versions)
        {
            if (v.Info.EffectiveFrom <= date && (v.Info.EffectiveTo is null || date <= v.Info.EffectiveTo.Value))
            {
                return v;
            }
        }
        return default;
    }

    /// <summary>The version in force, or an exception whose message says which versions exist.</summary>
    public TVersion RequireVersionOn(DateOnly date) =>
        VersionOn(date) ?? throw new RuleNotInForceException(Id, date, Versions.Select(v => v.Info).ToList());
}

public interface IDatedVersion
{
    RuleVersionInfo Info { get; }
}
