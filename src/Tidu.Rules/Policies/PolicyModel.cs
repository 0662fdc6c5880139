using Tidu.Rules.Model;
using Tidu.Rules.Model.Conditions;

namespace Tidu.Rules.Policies;

/// <summary>A support-policy document of one jurisdiction (a file under rules/policies/), with its dated versions.</summary>
public sealed record PolicyDocument(
    string Id,
    string Title,
    string Jurisdiction,
    string SourceFile,
    string? Number,
    string? SourceTitle,
    StackingRule? Stacking,
    IReadOnlyList<PolicyVersion> Versions)
{
    /// <summary>The version in force on <paramref name="date"/>, or null.</summary>
    public PolicyVersion? VersionOn(DateOnly date) =>
        Versions.FirstOrDefault(v => v.Info.EffectiveFrom <= date && (v.Info.EffectiveTo is null || date <= v.Info.EffectiveTo.Value));
}

/// <summary>The document's own stacking clause, e.g. 从高、从优、不重复 (区实施意见（征求意见稿）三、附则 1).</summary>
public sealed record StackingRule(string Rule, string Cite, string? Note);

public sealed record PolicyVersion(RuleVersionInfo Info, IReadOnlyList<PolicyClause> Clauses) : IDatedVersion;

/// <summary>award: money to the enterprise (in totals and budgets); service: non-monetary support.</summary>
public enum SupportKind
{
    Award,
    Service,
}

/// <summary>What occasions one claim of a clause.</summary>
public enum Occasion
{
    /// <summary>A recognition of a tier obtained while the clause is in force and valid on the date: one claim per recognition.</summary>
    Recognition,

    /// <summary>A project of the enterprise (projects file) with the clause's purpose: one claim per project.</summary>
    Project,

    /// <summary>One claim per enterprise per year (indicator clauses and standing services).</summary>
    Annual,
}

/// <summary>One support clause, compiled: who qualifies, for what, and how much.</summary>
public sealed record PolicyClause
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required PolicyDocument Document { get; init; }
    public required RuleVersionInfo Version { get; init; }
    public required SupportKind Support { get; init; }
    public required IReadOnlyList<string> FundingLevels { get; init; }
    public required string Purpose { get; init; }
    public string? ExclusivityGroup { get; init; }
    public required string Cite { get; init; }
    public string? Note { get; init; }
    public string? Benefit { get; init; }
    public required Occasion Occasion { get; init; }

    /// <summary>For <see cref="Occasion.Recognition"/>: the tier recognised.</summary>
    public string? RecognitionTier { get; init; }

    /// <summary>For <see cref="Occasion.Project"/>: the project purpose, accepted levels and markets, thresholds.</summary>
    public string? ProjectPurpose { get; init; }
    public IReadOnlyList<string>? ProjectLevels { get; init; }
    public IReadOnlyList<string>? ProjectMarkets { get; init; }
    public IReadOnlyList<ProjectCheck> ProjectChecks { get; init; } = [];

    /// <summary>Tiers of which one recognition must be valid on the date; empty = none required.</summary>
    public IReadOnlyList<string> Holds { get; init; } = [];
    public Condition? Conditions { get; init; }
    public ClauseAmount? Amount { get; init; }

    /// <summary>What this clause's values were checked against (its own record, or its version's).</summary>
    public Verification Verification => Version.Verification.For(Id);

    /// <summary>The funding-level key totals are kept under: one level, or several joined by '+' when the text does not split them.</summary>
    public string FundingKey => string.Join('+', FundingLevels);
}

/// <summary>A threshold on a project amount (investment ≥ 1000) or a project flag (servesIndustry is true).</summary>
public sealed record ProjectCheck(string Id, string Title, string? Amount, string? Flag, Comparison Operator, decimal? Threshold, bool? Expected, string Cite)
{
    /// <summary>When set, the check is “the project's stage is this one” (no operator).</summary>
    public string? Stage { get; init; }
}

public enum AmountBound
{
    /// <summary>The amount is what is paid.</summary>
    Exact,

    /// <summary>最高/不超过: the amount is the most that can be paid; budgets count it in full (an upper bound).</summary>
    UpTo,

    /// <summary>不低于: the amount is the least that is paid.</summary>
    AtLeast,
}

public enum FormulaKind
{
    Fixed,
    Rate,
    Stages,
    PerCase,

    /// <summary>Money whose amount the text does not state (“按标准予以补助”, “给予一定奖励”): listed with its benefit, never totalled.</summary>
    Unstated,
}

/// <summary>A named multiplier of a rate formula (e.g. the bank benchmark rate of an interest subsidy).</summary>
public sealed record Factor(string Id, string Title, decimal Value, string? Note);

/// <summary>One payment stage of a staged award (e.g. listing: by progress).</summary>
public sealed record Stage(string Id, string Title, decimal Amount);

/// <summary>Where a rate formula's base comes from: a project amount or a profile fact.</summary>
public sealed record AmountBase(string? ProjectAmount, string? FactName, Facts.Fact? Fact, string Title);

/// <summary>
/// The formula of an award: fixed; rate × factors × base, capped; staged; decided case by case; or not stated by the text. Per-firm-per-year
/// caps apply across the clause's claims of one calendar year. <see cref="SetLocally"/> names the values that each
/// locality sets (the file gives a documented default).
/// </summary>
public sealed record ClauseAmount
{
    public required FormulaKind Kind { get; init; }
    public decimal? Fixed { get; init; }
    public decimal? Rate { get; init; }
    public AmountBase? Base { get; init; }
    public IReadOnlyList<Factor> Factors { get; init; } = [];
    public decimal? Cap { get; init; }
    public IReadOnlyList<Stage> Stages { get; init; } = [];
    public AmountBound Bound { get; init; }
    public decimal? PerFirmPerYearCap { get; init; }
    public IReadOnlyList<string> SetLocally { get; init; } = [];
    public string? LocalNote { get; init; }
}
