namespace Tidu.Application.Workflow;

public sealed record QuotaRequest(string CityCode, int Quota);

/// <summary>
/// Body of POST /api/v1/rounds. <see cref="RuleSetVersion"/> is "ruleSetId@versionId" of the round's tier.
/// <see cref="PublicityWorkingDays"/> and <see cref="ValidityYears"/> default from configuration (Workflow section).
/// </summary>
public sealed record OpenRoundRequest(string Tier, string Title, DateOnly OpensOn, DateOnly ClosesOn, string RuleSetVersion, IReadOnlyList<QuotaRequest>? Quotas,
    int? PublicityWorkingDays = null, int? ValidityYears = null);

/// <summary>Body of POST /api/v1/applications (the enterprise applies to a round).</summary>
public sealed record SubmitRequest(long RoundId, bool DeclaredTrue);

/// <summary>Body of POST /api/v1/applications/{id}/resubmit after a return for correction.</summary>
public sealed record ResubmitRequest(int Revision, bool DeclaredTrue);

/// <summary>
/// Body of POST /api/v1/applications/{id}/decisions. <see cref="Revision"/> is the one the officer saw;
/// <see cref="Override"/>: why an approval or recommendation goes on although the reviewers' evaluation does not qualify.
/// </summary>
public sealed record DecisionRequest(string Decision, string? Reason, int Revision, string? Override = null);

/// <summary>Body of POST /api/v1/applications/{id}/publicity and /recognize (province officer).</summary>
public sealed record RevisionRequest(int Revision);

/// <summary>Body of POST /api/v1/applications/{id}/objections (an officer records an objection raised in publicity).</summary>
public sealed record ObjectionRequest(string Reason, int Revision);

/// <summary>Body of POST /api/v1/applications/{id}/objections/{objectionId}/resolve: outcome "upheld" or "dismissed".</summary>
public sealed record ResolveObjectionRequest(string Outcome, string? Reason, int Revision);
