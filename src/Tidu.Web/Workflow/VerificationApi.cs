using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Tidu.Application.Workflow;
using Tidu.Data.Entities.Workflow;
using Tidu.Web.Adapters;

namespace Tidu.Web.Workflow;

/// <summary>Body of POST /api/v1/applications/{id}/verified-values: the field (JSON Pointer), its verified value (null: not available), why.</summary>
public sealed record VerifyValueRequest(string Field, JsonNode? Value, string? Reason, int Revision);

/// <summary>
/// Declared versus verified values (<see cref="Verifications"/>): reading both back with each difference, and an
/// officer verifying one field.
/// </summary>
public static class VerificationApi
{
    public static void Map(RouteGroupBuilder read, RouteGroupBuilder write)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(write);
        read.MapGet("/applications/{id:long}/verification", GetAsync).WithSummary("Declared and verified values side by side, with the evaluation of each");
        write.MapPost("/applications/{id:long}/verified-values", VerifyAsync).WithSummary("An officer verifies one declared value; the application is re-evaluated on the verified values");
    }

    private static async Task<Results<Ok<VerificationView>, ProblemHttpResult>> VerifyAsync(long id, VerifyValueRequest body, Verifications verifications, CancellationToken ct) =>
        (await verifications.VerifyAsync(id, body.Field, body.Value, body.Reason, body.Revision, ct).ConfigureAwait(false)).Answer(v => TypedResults.Ok(VerificationView.Of(v)));

    private static async Task<Results<Ok<VerificationView>, ProblemHttpResult>> GetAsync(long id, Verifications verifications, CancellationToken ct) =>
        (await verifications.GetAsync(id, ct).ConfigureAwait(false)).Answer(v => TypedResults.Ok(VerificationView.Of(v)));
}

/// <summary>
/// Declared versus verified values (核实) of an application: the file declared true at (re)submission, the latest
/// verified value of each field that differs, every verification in order, and the evaluation of each file.
/// </summary>
public sealed record VerificationView(long ApplicationId, int Revision, string? DeclaredBy, DateTimeOffset? DeclaredAt, JsonNode? Declared,
    IReadOnlyList<VerifiedValueView> Differences, IReadOnlyList<VerifiedValueView> History, ApplicationEvaluationView DeclaredEvaluation,
    ApplicationEvaluationView? VerifiedEvaluation)
{
    public static VerificationView Of(VerificationState v)
    {
        ArgumentNullException.ThrowIfNull(v);
        var (application, declaration, latest) = (v.Application, v.Declaration, v.LatestVerification);
        return new(application.Id, application.Revision, declaration?.DeclaredBy, declaration?.DeclaredAt,
            declaration is null ? null : JsonNode.Parse(declaration.ProfileJson),
            [.. v.Differences.Select(VerifiedValueView.Of)],
            [.. v.History.Select(VerifiedValueView.Of)],
            new ApplicationEvaluationView(application.PreEvaluationQualified, application.PreEvaluationRuleVersion, JsonNode.Parse(application.PreEvaluation)),
            latest is null ? null : new ApplicationEvaluationView(ReviewerEvaluation.Qualified(latest.EvaluationTrace, application.Round.Tier), latest.RuleVersion,
                JsonNode.Parse(latest.EvaluationTrace)));
    }
}

/// <summary>An evaluation of an application's file: whether it qualified for the round's tier, the rule version, and its trace in the result format.</summary>
public sealed record ApplicationEvaluationView(bool? Qualified, string RuleVersion, JsonNode? Trace);

/// <summary>One verified value: the field (a JSON Pointer into the file), the declared and verified values (null: not available), who, when and why.</summary>
public sealed record VerifiedValueView(string Field, JsonNode? Declared, JsonNode? Verified, string VerifiedBy, DateTimeOffset VerifiedAt, string Reason)
{
    public static VerifiedValueView Of(VerifiedValue v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new(v.Field, v.Declared is null ? null : JsonNode.Parse(v.Declared), v.Verified is null ? null : JsonNode.Parse(v.Verified), v.VerifiedBy, v.VerifiedAt, v.Reason);
    }
}
