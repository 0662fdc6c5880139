using Tidu.Rules.Model;

namespace Tidu.Rules.Gaps;

/// <summary>
/// The gap of one enterprise to one tier on one date. <see cref="Reachable"/> is true only when applying
/// <see cref="Changes"/> to the input and evaluating again qualifies (checked before it is reported).
/// With blockers it is false; <see cref="Verified"/> then says whether the changes were re-evaluated with the
/// blockers assumed resolved (the recognition obtained, the years passed) and qualified.
/// </summary>
public sealed record GapResult(
    string CreditCode,
    string Name,
    DateOnly AsOf,
    string Tier,
    string Title,
    RuleVersionInfo Version,
    bool Qualified,
    bool Next,
    IReadOnlyList<GapChange> Changes,
    IReadOnlyList<GapBlocker> Blockers,
    bool Reachable,
    bool Verified,
    string Note);
