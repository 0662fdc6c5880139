namespace Tidu.Rules.Replay;

/// <summary>
/// An enterprise whose outcome for one tier differs when its stored result is replayed under corrected rules:
/// <see cref="Gained"/> (now qualifies) or lost, with the checks that flipped. <see cref="Checks"/> is empty and
/// <see cref="ChecksKnown"/> false when the stored result was written without checks, so the reason cannot be named.
/// </summary>
public sealed record TierFlip(
    StoredResult Before,
    StoredTier BeforeTier,
    StoredTier AfterTier,
    string? SizeClassAfter,
    bool ChecksKnown,
    IReadOnlyList<CheckFlip> Checks)
{
    public bool Gained => AfterTier.Qualified;
}

/// <summary>A check or indicator whose pass/fail or points differ; a side is null when the check exists in one version only.</summary>
public sealed record CheckFlip(StoredCheck? Before, StoredCheck? After)
{
    public string Id => (After ?? Before)!.Id;
    public string Title => (After ?? Before)!.Title;
}
