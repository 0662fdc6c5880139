using Tidu.Rules.Model;

namespace Tidu.Rules.Evaluation;

/// <summary>The outcome for one tier: qualified or not, the score (null for a tier without a scoring table), and why.</summary>
public sealed record TierResult(
    string Tier,
    string Title,
    RuleVersionInfo Version,
    bool Qualified,
    decimal? Score,
    IReadOnlyList<SubScore> SubScores,
    IReadOnlyList<string> Readings,
    IReadOnlyList<CheckResult> Checks)
{
    /// <summary>Jurisdiction of the rule set that decided ("national", or a region code such as "33").</summary>
    public string Jurisdiction { get; init; } = Model.Jurisdiction.National;
}

public sealed record SubScore(string Dimension, string Title, decimal Points, decimal Max);
