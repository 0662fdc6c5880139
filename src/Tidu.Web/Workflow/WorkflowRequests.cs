namespace Tidu.Web.Workflow;

public sealed record QuotaRequest(string CityCode, int Quota);

/// <summary>Body of POST /api/v1/rounds. <see cref="RuleSetVersion"/> is "ruleSetId@versionId" of the round's tier.</summary>
public sealed record OpenRoundRequest(string Tier, string Title, DateOnly OpensOn, DateOnly ClosesOn, string RuleSetVersion, IReadOnlyList<QuotaRequest>? Quotas);

/// <summary>Body of POST /api/v1/applications (the enterprise applies to a round).</summary>
public sealed record SubmitRequest(long RoundId, bool DeclaredTrue);

/// <summary>Body of POST /api/v1/applications/{id}/resubmit after a return for correction.</summary>
public sealed record ResubmitRequest(int Revision, bool DeclaredTrue);

/// <summary>Body of POST /api/v1/applications/{id}/decisions. <see cref="Revision"/> is the one the officer saw.</summary>
public sealed record DecisionRequest(string Decision, string? Reason, int Revision);
