using System.Text.Json.Nodes;

namespace Tidu.Web.Api;

// The API answers an enterprise file, its evaluation, gap and awards in the formats files and the CLI share, written
// by the rules' JSON writers (ProfileMapping, EvaluationJsonWriter, GapJsonWriter, AwardsJsonWriter), not serialized
// from these records. The records only name those formats in the API description: a `required` member is always
// written (null where its type allows), any other is left out when it has no value. OpenApiTests compares the
// description with what the endpoints write, so the two cannot drift apart unnoticed. Values whose shape is open
// (a check's actual value, a JSON Pointer's current and needed value) are JSON of any kind.

/// <summary>An enterprise's file in exchange format v1.1 (docs/exchange-format.md; schema/enterprise-profile.schema.json).</summary>
public sealed record EnterpriseProfileFormat
{
    public required string CreditCode { get; init; }

    public required string Name { get; init; }

    public required string RegionCode { get; init; }

    public required string IndustryCode { get; init; }

    public bool? RegisteredInMainland { get; init; }

    public bool? IndependentLegalPerson { get; init; }

    public DateOnly? EstablishedOn { get; init; }

    public DateOnly? NicheMarketSince { get; init; }

    public string? Listing { get; init; }

    public string? ListingPlan { get; init; }

    public JsonObject? MainProduct { get; init; }

    public required IReadOnlyList<JsonObject> Financials { get; init; }

    public JsonObject? IntellectualProperty { get; init; }

    public string? RdInstitution { get; init; }

    public int? DigitalLevel { get; init; }

    public bool? CoreBusinessOnInformationSystem { get; init; }

    public JsonObject? Quality { get; init; }

    public IReadOnlyList<JsonObject>? Standards { get; init; }

    public IReadOnlyList<JsonObject>? Honors { get; init; }

    public IReadOnlyList<JsonObject>? Recognitions { get; init; }

    public decimal? LocalFeatureScore { get; init; }

    public JsonObject? Compliance { get; init; }

    public IReadOnlyList<JsonObject>? QualityEvaluations { get; init; }

    public IReadOnlyList<string>? VerifiedCriteria { get; init; }
}

/// <summary>The evaluation result format: the size class and, per tier id, whether the file qualifies, its score and every check.</summary>
public sealed record EvaluationResultFormat
{
    public required string CreditCode { get; init; }

    public required string Name { get; init; }

    public required string RegionCode { get; init; }

    public required DateOnly AsOf { get; init; }

    public required string? SizeClass { get; init; }

    public required SizeClassResultFormat SizeClassDetail { get; init; }

    public required IReadOnlyDictionary<string, TierResultFormat> Tiers { get; init; }
}

/// <summary>How the size class (中小企业划型) was decided: the industry group, the rule set, what was missing, and the checks.</summary>
public sealed record SizeClassResultFormat
{
    public string? IndustryGroup { get; init; }

    public string? IndustryGroupTitle { get; init; }

    public required RuleSetFormat RuleSet { get; init; }

    public string? MissingField { get; init; }

    public string? MissingReason { get; init; }

    public IReadOnlyList<CheckResultFormat>? Checks { get; init; }
}

/// <summary>One tier's result: qualified or not, the score and sub-scores of a scored tier, the readings of the rule set, every check.</summary>
public sealed record TierResultFormat
{
    public required bool Qualified { get; init; }

    public required decimal? Score { get; init; }

    public required string Title { get; init; }

    public required RuleSetFormat RuleSet { get; init; }

    public required IReadOnlyDictionary<string, SubScoreFormat> SubScores { get; init; }

    public IReadOnlyList<string>? Readings { get; init; }

    public IReadOnlyList<CheckResultFormat>? Checks { get; init; }
}

/// <summary>Which version of which rule set decided, its dates, citation and verification.</summary>
public sealed record RuleSetFormat
{
    public required string Id { get; init; }

    public required string Jurisdiction { get; init; }

    public required string Version { get; init; }

    public required DateOnly EffectiveFrom { get; init; }

    public DateOnly? EffectiveTo { get; init; }

    public required string Cite { get; init; }

    public string? Note { get; init; }

    public JsonNode? Verification { get; init; }
}

/// <summary>A dimension's points out of its maximum.</summary>
public sealed record SubScoreFormat
{
    public required string Title { get; init; }

    public required decimal Points { get; init; }

    public required decimal Max { get; init; }
}

/// <summary>One check: passed or not, the actual and required values, points, citation, what was missing and the advice; verification 待核实 when unverified.</summary>
public sealed record CheckResultFormat
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    public required string Kind { get; init; }

    public string? Parent { get; init; }

    public required bool Passed { get; init; }

    public required JsonNode? Actual { get; init; }

    public string? Required { get; init; }

    public string? Unit { get; init; }

    public decimal? Points { get; init; }

    public decimal? MaxPoints { get; init; }

    public string? Dimension { get; init; }

    public string? Cite { get; init; }

    public string? Note { get; init; }

    public string? MissingField { get; init; }

    public string? MissingReason { get; init; }

    public bool? Defaulted { get; init; }

    public string? Advice { get; init; }

    public string? Verification { get; init; }
}

/// <summary>The gap analysis of one tier not met: the smallest verified set of changes (JSON Pointers into the file), or what blocks it.</summary>
public sealed record GapResultFormat
{
    public required string CreditCode { get; init; }

    public required string Name { get; init; }

    public required DateOnly AsOf { get; init; }

    public required string Tier { get; init; }

    public required string Title { get; init; }

    public required string RuleVersion { get; init; }

    public required bool Qualified { get; init; }

    public bool? Next { get; init; }

    public required IReadOnlyList<GapChangeFormat> Changes { get; init; }

    public required IReadOnlyList<GapBlockerFormat> Blockers { get; init; }

    public required bool Reachable { get; init; }

    public required bool Verified { get; init; }

    public required string Note { get; init; }
}

/// <summary>A change that closes a gap: the check, the field (a JSON Pointer), its current and needed value, the effort.</summary>
public sealed record GapChangeFormat
{
    public required string Check { get; init; }

    public required string Title { get; init; }

    public required string Path { get; init; }

    public required JsonNode? Current { get; init; }

    public required JsonNode? Needed { get; init; }

    public string? Unit { get; init; }

    public required string Effort { get; init; }
}

/// <summary>What no change of figures can fix (a date not yet reached, a prerequisite tier, a list): why, and from when.</summary>
public sealed record GapBlockerFormat
{
    public required string Check { get; init; }

    public required string Title { get; init; }

    public required string Kind { get; init; }

    public string? Path { get; init; }

    public JsonNode? Current { get; init; }

    public DateOnly? Earliest { get; init; }

    public string? Tier { get; init; }

    public bool? PrerequisiteQualified { get; init; }

    public required string Note { get; init; }
}

/// <summary>Awards and support (政策找企业) the file can claim on a date: totals, each claim, what stacking rules excluded, services and near misses.</summary>
public sealed record AwardsResultFormat
{
    public required string CreditCode { get; init; }

    public required string Name { get; init; }

    public required string RegionCode { get; init; }

    public required DateOnly AsOf { get; init; }

    public required decimal Total { get; init; }

    public required IReadOnlyDictionary<string, decimal> TotalsByFundingLevel { get; init; }

    public required int PerCaseClaims { get; init; }

    public required int UnstatedClaims { get; init; }

    public required IReadOnlyList<AwardClaimFormat> Claims { get; init; }

    public required IReadOnlyList<AwardClaimFormat> Excluded { get; init; }

    public required IReadOnlyList<AwardServiceFormat> Services { get; init; }

    public required IReadOnlyList<AwardNearMissFormat> NearMisses { get; init; }

    public IReadOnlyList<AwardNotAssessableFormat>? NotAssessable { get; init; }
}

/// <summary>The policy clause a claim, service or near miss comes from: its document, funding level, purpose, citation, dates and verification, and the occasion.</summary>
public abstract record AwardClauseFormat
{
    public required string Clause { get; init; }

    public required string Title { get; init; }

    public required string Policy { get; init; }

    public required string Jurisdiction { get; init; }

    public required string FundingLevel { get; init; }

    public required string Purpose { get; init; }

    public required string Cite { get; init; }

    public required DateOnly EffectiveFrom { get; init; }

    public DateOnly? EffectiveTo { get; init; }

    public string? Note { get; init; }

    public required string Verification { get; init; }

    public required string Occasion { get; init; }
}

/// <summary>A claim of a policy clause: its amount (万元; null when the clause states none), formula, inputs and caps applied.</summary>
public sealed record AwardClaimFormat : AwardClauseFormat
{
    public required string ProjectKey { get; init; }

    public required decimal? Amount { get; init; }

    public required string Bound { get; init; }

    public required string Formula { get; init; }

    public string? Benefit { get; init; }

    public required IReadOnlyList<AwardInputFormat> Inputs { get; init; }

    public required IReadOnlyList<AwardCapFormat> Caps { get; init; }

    public IReadOnlyList<string>? SetLocally { get; init; }

    public string? LocalNote { get; init; }

    public string? ExcludedBy { get; init; }

    public string? ExclusionRule { get; init; }
}

/// <summary>A figure a claim's formula used, and where it came from.</summary>
public sealed record AwardInputFormat
{
    public required string Name { get; init; }

    public required string Title { get; init; }

    public required decimal Value { get; init; }

    public required string Source { get; init; }
}

/// <summary>A cap on a claim: its kind and limit, the amount before and after, and whether it applied.</summary>
public sealed record AwardCapFormat
{
    public required string Kind { get; init; }

    public required decimal Limit { get; init; }

    public required decimal Before { get; init; }

    public required decimal After { get; init; }

    public required bool Applied { get; init; }
}

/// <summary>A service (not money) a clause grants on an occasion.</summary>
public sealed record AwardServiceFormat : AwardClauseFormat
{
    public required string? Benefit { get; init; }
}

/// <summary>A clause the file nearly meets, and what it lacks.</summary>
public sealed record AwardNearMissFormat : AwardClauseFormat
{
    public required IReadOnlyList<string> Missing { get; init; }
}

/// <summary>A tier whose recognition could not be assessed on the date, and why.</summary>
public sealed record AwardNotAssessableFormat
{
    public required string Tier { get; init; }

    public required string Title { get; init; }

    public required string Reason { get; init; }
}
