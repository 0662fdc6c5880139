using Tidu.Rules.Model;
using Tidu.Rules.Model.Scoring;

namespace Tidu.Rules.Plans;

/// <summary>One tier of a plan: the rule set that applies, its version on the plan's date, the compiled score card and conditions.</summary>
public sealed class PlanTier
{
    internal PlanTier(RuleSet<TierVersion> set, TierVersion? version)
    {
        Set = set;
        Version = version;
    }

    public RuleSet<TierVersion> Set { get; }

    /// <summary>The version in force on the plan's date; null when none is (evaluating then throws, naming the versions).</summary>
    public TierVersion? Version { get; }

    public string Id => Set.Id;

    /// <summary>The dimensions of the score card (empty without one).</summary>
    public IReadOnlyList<Dimension> Dimensions { get; internal set; } = [];

    internal ScoreStep[] Indicators { get; set; } = [];

    /// <summary>Index into <see cref="Dimensions"/> of each indicator.</summary>
    internal int[] IndicatorDimension { get; set; } = [];

    /// <summary>The version has a scoring table (its score is a number, not null).</summary>
    public bool HasScore { get; internal set; }

    /// <summary>A condition inside the score card reads the score (it must see the running sub-scores).</summary>
    internal bool CardReadsScore { get; set; }

    /// <summary>A check the enterprise can close is among the qualifying conditions: failing, the tier may be a near miss.</summary>
    internal bool CanNearMiss { get; set; }

    /// <summary>Root step of the qualifying conditions.</summary>
    internal int Root { get; set; } = -1;
}
