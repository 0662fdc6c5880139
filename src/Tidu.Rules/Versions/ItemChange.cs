namespace Tidu.Rules.Versions;

/// <summary>
/// An item present in both versions with different keys. <see cref="MatchedBy"/> says how the two were paired:
/// "id" (the same id), or "fact" (different ids, the same fact with its arguments — a criterion rewritten in a
/// new legal text, e.g. 从事细分市场年限 ≥ 2 in 2022 and ≥ 3 in 2026).
/// </summary>
public sealed record ItemChange(RuleItem Before, RuleItem After, string MatchedBy, IReadOnlyList<FieldChange> Changes)
{
    /// <summary>Keys that only describe an item: a change to them alone changes no decision.</summary>
    private static readonly HashSet<string> DescriptiveKeys = new(StringComparer.Ordinal)
    {
        "id", "title", "parent", "cite", "note", "advice", "adviceIfQualifies", "members", "unit", "description",
    };

    /// <summary>An operator, threshold, band, points, argument or default differs: the change can alter decisions.</summary>
    public bool ValueChanged => Changes.Any(c => !DescriptiveKeys.Contains(c.Name));
}
