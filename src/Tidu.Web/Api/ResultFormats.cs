using System.Text.Json.Nodes;

namespace Tidu.Web.Api;

// The API answers an enterprise file, its evaluation, gap and awards in the formats files and the CLI share, written
// by the rules' JSON writers (ProfileMapping, EvaluationJsonWriter, GapJsonWriter, AwardsJsonWriter), not serialized
// from these records. The records only name those formats in the API description; OpenApiTests compares the
// description with what the endpoints write, so the two cannot drift apart unnoticed. Values whose shape is open
// (a check's actual value, a JSON Pointer's current and needed value) are JSON of any kind.

/// <summary>An enterprise's file in exchange format v1.1 (docs/exchange-format.md; schema/enterprise-profile.schema.json).</summary>
public sealed record EnterpriseProfileFormat(string CreditCode, string Name, string RegionCode, string IndustryCode, bool? RegisteredInMainland,
    bool? IndependentLegalPerson, DateOnly? EstablishedOn, DateOnly? NicheMarketSince, string? Listing, string? ListingPlan, JsonObject? MainProduct,
    IReadOnlyList<JsonObject> Financials, JsonObject? IntellectualProperty, string? RdInstitution, int? DigitalLevel, bool? CoreBusinessOnInformationSystem,
    JsonObject? Quality, IReadOnlyList<JsonObject>? Standards, IReadOnlyList<JsonObject>? Honors, IReadOnlyList<JsonObject>? Recognitions, decimal? LocalFeatureScore,
    JsonObject? Compliance, IReadOnlyList<JsonObject>? QualityEvaluations, IReadOnlyList<string>? VerifiedCriteria);

/// <summary>The evaluation result format: the size class and, per tier id, whether the file qualifies, its score and every check.</summary>
public sealed record EvaluationResultFormat(string CreditCode, string Name, string RegionCode, DateOnly AsOf, string? SizeClass, SizeClassResultFormat SizeClassDetail,
    IReadOnlyDictionary<string, TierResultFormat> Tiers);

/// <summary>How the size class (中小企业划型) was decided: the industry group, the rule set, what was missing, and the checks.</summary>
public sealed record SizeClassResultFormat(string? IndustryGroup, string? IndustryGroupTitle, RuleSetFormat RuleSet, string? MissingField, string? MissingReason,
    IReadOnlyList<CheckResultFormat>? Checks);

/// <summary>One tier's result: qualified or not, the score and sub-scores of a scored tier, the readings of the rule set, every check.</summary>
public sealed record TierResultFormat(bool Qualified, decimal? Score, string Title, RuleSetFormat RuleSet, IReadOnlyDictionary<string, SubScoreFormat> SubScores,
    IReadOnlyList<string>? Readings, IReadOnlyList<CheckResultFormat>? Checks);

/// <summary>Which version of which rule set decided, its dates, citation and verification (待核实 when unverified).</summary>
public sealed record RuleSetFormat(string Id, string Jurisdiction, string Version, DateOnly EffectiveFrom, DateOnly? EffectiveTo, string Cite, string? Note, JsonNode? Verification);

/// <summary>A dimension's points out of its maximum.</summary>
public sealed record SubScoreFormat(string Title, decimal Points, decimal Max);

/// <summary>One check: passed or not, the actual and required values, points, citation, what was missing and the advice.</summary>
public sealed record CheckResultFormat(string Id, string Title, string Kind, string? Parent, bool Passed, JsonNode? Actual, string? Required, string? Unit, decimal? Points,
    decimal? MaxPoints, string? Dimension, string? Cite, string? Note, string? MissingField, string? MissingReason, bool? Defaulted, string? Advice, string? Verification);

/// <summary>The gap analysis of one tier not met: the smallest verified set of changes (JSON Pointers into the file), or what blocks it.</summary>
public sealed record GapResultFormat(string CreditCode, string Name, DateOnly AsOf, string Tier, string Title, string RuleVersion, bool Qualified, bool? Next,
    IReadOnlyList<GapChangeFormat> Changes, IReadOnlyList<GapBlockerFormat> Blockers, bool Reachable, bool Verified, string Note);

/// <summary>A change that closes a gap: the check, the field (a JSON Pointer), its current and needed value, the effort.</summary>
public sealed record GapChangeFormat(string Check, string Title, string Path, JsonNode? Current, JsonNode? Needed, string? Unit, string Effort);

/// <summary>What no change of figures can fix (a date not yet reached, a prerequisite tier, a list): why, and from when.</summary>
public sealed record GapBlockerFormat(string Check, string Title, string Kind, string? Path, JsonNode? Current, DateOnly? Earliest, string? Tier, bool? PrerequisiteQualified,
    string Note);

/// <summary>Awards and support (政策找企业) the file can claim on a date: totals, each claim, what stacking rules excluded, services and near misses.</summary>
public sealed record AwardsResultFormat(string CreditCode, string Name, string RegionCode, DateOnly AsOf, decimal Total, IReadOnlyDictionary<string, decimal> TotalsByFundingLevel,
    int PerCaseClaims, int UnstatedClaims, IReadOnlyList<AwardClaimFormat> Claims, IReadOnlyList<AwardClaimFormat> Excluded, IReadOnlyList<AwardServiceFormat> Services,
    IReadOnlyList<AwardNearMissFormat> NearMisses, IReadOnlyList<AwardNotAssessableFormat>? NotAssessable);

/// <summary>A claim of a policy clause: its amount (万元; null when the clause states none), formula, inputs and caps applied.</summary>
public sealed record AwardClaimFormat(string Clause, string Title, string Policy, string Jurisdiction, string FundingLevel, string Purpose, string Cite, DateOnly EffectiveFrom,
    DateOnly? EffectiveTo, string? Note, string Verification, string Occasion, string ProjectKey, decimal? Amount, string Bound, string Formula, string? Benefit,
    IReadOnlyList<AwardInputFormat> Inputs, IReadOnlyList<AwardCapFormat> Caps, IReadOnlyList<string>? SetLocally, string? LocalNote, string? ExcludedBy, string? ExclusionRule);

/// <summary>A figure a claim's formula used, and where it came from.</summary>
public sealed record AwardInputFormat(string Name, string Title, decimal Value, string Source);

/// <summary>A cap on a claim: its kind and limit, the amount before and after, and whether it applied.</summary>
public sealed record AwardCapFormat(string Kind, decimal Limit, decimal Before, decimal After, bool Applied);

/// <summary>A service (not money) a clause grants on an occasion.</summary>
public sealed record AwardServiceFormat(string Clause, string Title, string Policy, string Jurisdiction, string FundingLevel, string Purpose, string Cite, DateOnly EffectiveFrom,
    DateOnly? EffectiveTo, string? Note, string Verification, string Occasion, string? Benefit);

/// <summary>A clause the file nearly meets, and what it lacks.</summary>
public sealed record AwardNearMissFormat(string Clause, string Title, string Policy, string Jurisdiction, string FundingLevel, string Purpose, string Cite, DateOnly EffectiveFrom,
    DateOnly? EffectiveTo, string? Note, string Verification, string Occasion, IReadOnlyList<string> Missing);

/// <summary>A tier whose recognition could not be assessed on the date, and why.</summary>
public sealed record AwardNotAssessableFormat(string Tier, string Title, string Reason);
