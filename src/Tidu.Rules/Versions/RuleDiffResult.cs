namespace Tidu.Rules.Versions;

/// <summary>What differs between two versions of one rule set, item by item, with both citations.</summary>
public sealed record RuleDiffResult(
    VersionSnapshot From,
    VersionSnapshot To,
    IReadOnlyList<FieldChange> VersionChanges,
    IReadOnlyList<string> ReadingsRemoved,
    IReadOnlyList<string> ReadingsAdded,
    IReadOnlyList<ItemChange> Changed,
    IReadOnlyList<RuleItem> Removed,
    IReadOnlyList<RuleItem> Added,
    int Unchanged)
{
    /// <summary>The same version is in force on both dates: nothing can differ.</summary>
    public bool SameVersion => From.VersionId == To.VersionId && From.EffectiveFrom == To.EffectiveFrom;
}
