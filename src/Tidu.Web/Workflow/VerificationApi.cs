using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tidu.Application;
using Tidu.Application.Workflow;
using Tidu.Data;
using Tidu.Data.Entities.Workflow;
using Tidu.Domain.Exchange;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Gaps;
using Tidu.Web.Adapters;
using static Tidu.Application.Workflow.WorkflowProblems;

namespace Tidu.Web.Workflow;

/// <summary>Body of POST /api/v1/applications/{id}/verified-values: the field (JSON Pointer), its verified value (null: not available), why.</summary>
public sealed record VerifyValueRequest(string Field, JsonNode? Value, string? Reason, int Revision);

/// <summary>
/// Declared versus verified values: the file the enterprise declared true at (re)submission stays as it
/// was; an officer verifies (核实) single fields, e.g. corrects revenue or R&amp;D expense from the audit report. Every
/// verification re-evaluates the declared file with all verified values laid over it, and that evaluation is the one
/// reviewers decide on from then (<see cref="ReviewerEvaluation"/>). Both, and each difference, can be read back.
/// </summary>
public static class VerificationApi
{
    // Values are verified during review, before the province's decision; after it the reviewed values are final.
    private static readonly ApplicationState[] Verifiable = [ApplicationState.Submitted, ApplicationState.CountyApproved, ApplicationState.CityRecommended];

    public static void Map(RouteGroupBuilder read, RouteGroupBuilder write)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(write);
        read.MapGet("/applications/{id:long}/verification", GetAsync).WithSummary("Declared and verified values side by side, with the evaluation of each");
        write.MapPost("/applications/{id:long}/verified-values", VerifyAsync).WithSummary("An officer verifies one declared value; the application is re-evaluated on the verified values");
    }

    private static async Task<Results<Ok<VerificationView>, ProblemHttpResult>> VerifyAsync(long id, VerifyValueRequest body, IActorSource actors, TiduDbContext db, ApplicationService applications, Evaluator evaluator, GapAnalyzer gaps,
        TimeProvider clock, CancellationToken ct)
    {
        if (Lifecycle.LevelOf(actors.Current.Role) is not { } level)
        {
            return Forbidden("只有主管部门可以核实申报数据", "only an officer verifies declared values").ToProblem();
        }
        var application = await applications.LoadAsync(id, ct).ConfigureAwait(false);
        if (application is null)
        {
            return ApplicationNotFound(id).ToProblem();
        }
        if (application.Revision != body.Revision)
        {
            return StaleRevision(body.Revision, application.Revision).ToProblem();
        }
        if (!Verifiable.Contains(application.State))
        {
            return Conflict("该申报当前状态不能核实数据", $"values are verified while the application is {string.Join(", ", Verifiable)}; this one is {application.State}").ToProblem();
        }
        var reason = string.IsNullOrWhiteSpace(body.Reason) ? null : body.Reason.Trim();
        if (reason is null)
        {
            return Unprocessable("核实数据必须说明依据", "a verified value needs a reason (its source)").ToProblem();
        }
        var declaration = await LatestDeclarationAsync(db, id, ct).ConfigureAwait(false);
        if (declaration is null)
        {
            return Conflict("该申报没有申报时的数据快照，无法核实", $"application {id} has no declared file (submitted before declarations were kept)").ToProblem();
        }
        var declared = (JsonObject)JsonNode.Parse(declaration.ProfileJson)!;
        var field = body.Field?.Trim() ?? "";
        var (declaredValue, fieldError) = DeclaredValues.Read(declared, field);
        if (fieldError is not null)
        {
            return Unprocessable("核实的字段不存在", fieldError).ToProblem();
        }
        var earlier = await VerifiedAsync(db, id, declaration.DeclaredAt, ct).ConfigureAwait(false);
        var verified = Verified(declared, earlier);
        DeclaredValues.Write(verified, field, body.Value);
        var parsed = ProfileReader.Parse(new RawRecord(1, application.Enterprise.CreditCode, System.Text.Encoding.UTF8.GetBytes(verified.ToJsonString())));
        if (parsed.Profile is not { } profile)
        {
            return Unprocessable("核实后的数据不符合数据格式",
                string.Join("; ", parsed.Errors.Select(e => $"{e.Path}: {e.Reason}"))).ToProblem();
        }
        var asOf = DeclaredValues.ChinaDate(application.SubmittedAt);
        if (PreEvaluation.Of(profile, asOf, application.Round.Tier, evaluator, gaps) is not { } evaluation)
        {
            return Unprocessable("该层级的评价规则不适用", $"no rule set of {application.Round.Tier} applies on {asOf:yyyy-MM-dd}").ToProblem();
        }
        var now = clock.GetUtcNow();
        db.VerifiedValues.Add(new VerifiedValue
        {
            Application = application,
            EnterpriseId = application.EnterpriseId,
            Field = field,
            Declared = declaredValue?.ToJsonString(),
            Verified = body.Value?.ToJsonString(),
            Reason = reason,
            VerifiedBy = db.Scope.Actor,
            VerifiedAt = now,
        });
        var text = $"核实 {field}：申报 {declaredValue?.ToJsonString() ?? "无"}，核实 {body.Value?.ToJsonString() ?? "无"}；依据：{reason}";
        db.ApplicationDecisions.Add(new ApplicationDecision
        {
            Application = application,
            Level = level,
            Decision = ReviewerEvaluation.VerifyDecision,
            FromState = application.State,
            ToState = application.State,
            Actor = db.Scope.Actor,
            At = now,
            Reason = text,
            EvaluationTrace = evaluation.TraceJson,
            RuleVersion = evaluation.RuleVersion,
        });
        db.Entry(application).State = EntityState.Modified;
        var saved = await applications.SaveAsync(application, body.Revision, null, ct).ConfigureAwait(false);
        return saved.Refusal is { } refused ? refused.ToProblem() : await GetAsync(id, db, applications, ct).ConfigureAwait(false);
    }

    private static async Task<Results<Ok<VerificationView>, ProblemHttpResult>> GetAsync(long id, TiduDbContext db, ApplicationService applications, CancellationToken ct)
    {
        var application = await applications.LoadAsync(id, ct).ConfigureAwait(false);
        if (application is null)
        {
            return ApplicationNotFound(id).ToProblem();
        }
        var declaration = await LatestDeclarationAsync(db, id, ct).ConfigureAwait(false);
        var history = declaration is null ? [] : await VerifiedAsync(db, id, declaration.DeclaredAt, ct).ConfigureAwait(false);
        var latest = ReviewerEvaluation.LatestVerification(application);
        var current = history.GroupBy(v => v.Field).Select(g => g.Last()).OrderBy(v => v.Field, StringComparer.Ordinal);
        return TypedResults.Ok(new VerificationView(id, application.Revision, declaration?.DeclaredBy, declaration?.DeclaredAt,
            declaration is null ? null : JsonNode.Parse(declaration.ProfileJson),
            [.. current.Select(VerifiedValueView.Of)],
            [.. history.Select(VerifiedValueView.Of)],
            new ApplicationEvaluationView(application.PreEvaluationQualified, application.PreEvaluationRuleVersion, JsonNode.Parse(application.PreEvaluation)),
            latest is null ? null : new ApplicationEvaluationView(ReviewerEvaluation.Qualified(latest.EvaluationTrace, application.Round.Tier), latest.RuleVersion,
                JsonNode.Parse(latest.EvaluationTrace))));
    }

    /// <summary>The declared file with the latest verified value of every field laid over it.</summary>
    private static JsonObject Verified(JsonObject declared, IEnumerable<VerifiedValue> history)
    {
        var result = (JsonObject)declared.DeepClone();
        foreach (var v in history)
        {
            DeclaredValues.Write(result, v.Field, v.Verified is null ? null : JsonNode.Parse(v.Verified));
        }
        return result;
    }

    private static Task<ApplicationDeclaration?> LatestDeclarationAsync(TiduDbContext db, long id, CancellationToken ct) =>
        db.ApplicationDeclarations.AsNoTracking().Where(d => d.ApplicationId == id).OrderByDescending(d => d.Id).FirstOrDefaultAsync(ct);

    /// <summary>Values verified on the current declaration: a resubmission declares anew, and earlier verifications were of the old file.</summary>
    private static async Task<List<VerifiedValue>> VerifiedAsync(TiduDbContext db, long id, DateTimeOffset since, CancellationToken ct)
    {
        var all = await db.VerifiedValues.AsNoTracking().Where(v => v.ApplicationId == id).OrderBy(v => v.Id).ToListAsync(ct).ConfigureAwait(false);
        // Compared in memory: SQLite cannot compare DateTimeOffset columns in SQL.
        return [.. all.Where(v => v.VerifiedAt >= since)];
    }
}

/// <summary>
/// Declared versus verified values (核实) of an application: the file declared true at (re)submission, the latest
/// verified value of each field that differs, every verification in order, and the evaluation of each file.
/// </summary>
public sealed record VerificationView(long ApplicationId, int Revision, string? DeclaredBy, DateTimeOffset? DeclaredAt, JsonNode? Declared,
    IReadOnlyList<VerifiedValueView> Differences, IReadOnlyList<VerifiedValueView> History, ApplicationEvaluationView DeclaredEvaluation,
    ApplicationEvaluationView? VerifiedEvaluation);

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
