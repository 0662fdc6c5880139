using Tidu.Domain.Profiles;

namespace Tidu.Rules.Gaps;

/// <summary>
/// Which gaps a run asks for, the same for every record: one tier with the tiers it needs first
/// (<see cref="Tier"/>), the next tier of the ladder (<see cref="Next"/>), or else every tier not yet met.
/// </summary>
public sealed record GapQuestion(string? Tier, bool Next)
{
    public IReadOnlyList<GapResult> Ask(GapAnalyzer analyzer, EnterpriseProfile profile, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        return Tier is not null ? analyzer.AnalyzeWithPrerequisites(profile, asOf, Tier)
            : Next ? analyzer.NextTiers(profile, asOf)
            : analyzer.FailedTiers(profile, asOf);
    }
}
