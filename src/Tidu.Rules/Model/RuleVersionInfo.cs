namespace Tidu.Rules.Model;

/// <summary>Which dated version of which rule set decided a result, and on what authority.</summary>
public sealed record RuleVersionInfo(string RuleSetId, string VersionId, DateOnly EffectiveFrom, DateOnly? EffectiveTo, string Cite, string? Note, Verification Verification);
