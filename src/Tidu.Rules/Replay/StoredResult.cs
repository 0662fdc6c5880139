namespace Tidu.Rules.Replay;

/// <summary>
/// One line of a results file written by <c>tidu evaluate --format jsonl</c> or <c>tidu screen</c>, as replay needs
/// it: who, on which date, under which rule versions, with what outcome and (when written with checks) why.
/// </summary>
public sealed record StoredResult(string CreditCode, string Name, DateOnly AsOf, string? SizeClass, StoredVersion? SizeClassVersion, IReadOnlyList<StoredTier> Tiers);

/// <summary>The rule version a stored result names: id, version id and dates (and jurisdiction when recorded).</summary>
public sealed record StoredVersion(string RuleSetId, string VersionId, DateOnly EffectiveFrom, DateOnly? EffectiveTo, string? Jurisdiction);

/// <summary>A tier's stored outcome; <see cref="Checks"/> is null when the results were written without checks.</summary>
public sealed record StoredTier(string Tier, string Title, bool Qualified, decimal? Score, StoredVersion Version, IReadOnlyList<StoredCheck>? Checks);

/// <summary>A stored check: the actual value and the requirement as the result file shows them.</summary>
public sealed record StoredCheck(string Id, string Title, string Kind, string? Parent, bool Passed, string? Actual, string? Required, decimal? Points, string? Cite);
