namespace Tidu.Rules.Versions;

/// <summary>One dated version of a rule set as its file states it: dates, citation, readings and every item.</summary>
public sealed record VersionSnapshot(
    string RuleSetId,
    string Jurisdiction,
    string VersionId,
    DateOnly EffectiveFrom,
    DateOnly? EffectiveTo,
    string Cite,
    string? Note,
    Model.Verification Verification,
    IReadOnlyList<string> Readings,
    IReadOnlyList<RuleItem> Items)
{
    /// <summary>Both ends inclusive; an open end applies to every later date.</summary>
    public bool IsInForceOn(DateOnly date) => EffectiveFrom <= date && (EffectiveTo is null || date <= EffectiveTo.Value);
}
