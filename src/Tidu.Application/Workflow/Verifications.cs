using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tidu.Data;
using Tidu.Data.Entities.Workflow;
using Tidu.Domain.Exchange;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Gaps;
using static Tidu.Application.Workflow.WorkflowProblems;

namespace Tidu.Application.Workflow;

using Application = Tidu.Data.Entities.Workflow.Application;

/// <summary>
/// Declared and verified values of one application: the file declared true at the latest (re)submission (null when the
/// application was submitted before declarations were kept), the latest verified value of each field, every verification
/// on that declaration in order, and the latest verification step (whose evaluation reviewers decide on), if any.
/// </summary>
public sealed record VerificationState(Application Application, ApplicationDeclaration? Declaration, IReadOnlyList<VerifiedValue> Differences,
    IReadOnlyList<VerifiedValue> History, ApplicationDecision? LatestVerification);

/// <summary>
/// Declared versus verified values (核实), for the API and the pages alike: the file the enterprise declared true at
/// (re)submission stays as it was; an officer verifies single fields (corrects revenue or R&amp;D expense from the audit
/// report, say). Verifying is a step of the <see cref="Lifecycle"/> table (<see cref="Trigger.VerifyValue"/>: which
/// officers, in which states, with a reason), fired through <see cref="ApplicationService.FireAsync"/>; its effect
/// re-evaluates the declared file with all verified values laid over it, and that evaluation is the one reviewers decide
/// on from then (<see cref="ReviewerEvaluation"/>).
/// </summary>
public sealed class Verifications(TiduDbContext db, ApplicationService applications, Evaluator evaluator, GapAnalyzer gaps, IActorSource actors)
{
    public async Task<Outcome<VerificationState>> GetAsync(long id, CancellationToken ct)
    {
        if (Access.Require(actors.Current, Resource.Verification, Operation.Read) is { } forbidden)
        {
            return forbidden;
        }
        var application = await applications.LoadAsync(id, ct).ConfigureAwait(false);
        return application is null ? ApplicationNotFound(id) : await StateOfAsync(application, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Verifies the value at <paramref name="field"/> (a JSON Pointer into the declared file; null <paramref name="value"/>:
    /// not available) on the revision the officer saw, with the reason (its source).
    /// </summary>
    public async Task<Outcome<VerificationState>> VerifyAsync(long id, string? field, JsonNode? value, string? reason, int revision, CancellationToken ct)
    {
        if (Access.Require(actors.Current, AccessRight.VerifyDeclaredValues) is { } forbidden)
        {
            return forbidden;
        }
        var application = await applications.LoadAsync(id, ct).ConfigureAwait(false);
        if (application is null)
        {
            return ApplicationNotFound(id);
        }
        var pointer = field?.Trim() ?? "";
        var decided = await applications.FireAsync(application, Trigger.VerifyValue, revision, reason, null,
            (app, now) => EffectAsync(app, pointer, value, reason!.Trim(), now, ct), ct).ConfigureAwait(false);
        return decided.Refusal is { } refused ? refused : await StateOfAsync(application, ct).ConfigureAwait(false);
    }

    private async Task<ApplicationService.StepEffect> EffectAsync(Application application, string field, JsonNode? value, string reason, DateTimeOffset now,
        CancellationToken ct)
    {
        var declaration = await LatestDeclarationAsync(application.Id, ct).ConfigureAwait(false);
        if (declaration is null)
        {
            return Conflict("该申报没有申报时的数据快照，无法核实", $"application {application.Id} has no declared file (submitted before declarations were kept)",
                "verification.no-declaration");
        }
        var declared = (JsonObject)JsonNode.Parse(declaration.ProfileJson)!;
        var (declaredValue, fieldError) = DeclaredValues.Read(declared, field);
        if (fieldError is not null)
        {
            return Unprocessable("核实的字段不存在", fieldError, "verification.unknown-field");
        }
        var verified = Verified(declared, await VerifiedSinceAsync(application.Id, declaration.DeclaredAt, ct).ConfigureAwait(false));
        DeclaredValues.Write(verified, field, value);
        var parsed = ProfileReader.Parse(new RawRecord(1, application.Enterprise.CreditCode, System.Text.Encoding.UTF8.GetBytes(verified.ToJsonString())));
        if (parsed.Profile is not { } profile)
        {
            return Unprocessable("核实后的数据不符合数据格式", string.Join("; ", parsed.Errors.Select(e => $"{e.Path}: {e.Reason}")), "verification.invalid-file");
        }
        var asOf = DeclaredValues.ChinaDate(application.SubmittedAt);
        if (PreEvaluation.Of(profile, asOf, application.Round.Tier, evaluator, gaps) is not { } evaluation)
        {
            return Unprocessable("该层级的评价规则不适用", $"no rule set of {application.Round.Tier} applies on {asOf:yyyy-MM-dd}", "verification.no-rule-set");
        }
        db.VerifiedValues.Add(new VerifiedValue
        {
            Application = application,
            EnterpriseId = application.EnterpriseId,
            Field = field,
            Declared = declaredValue?.ToJsonString(),
            Verified = value?.ToJsonString(),
            Reason = reason,
            VerifiedBy = db.Scope.Actor,
            VerifiedAt = now,
        });
        return ApplicationService.StepEffect.Reevaluated(
            $"核实 {field}：申报 {declaredValue?.ToJsonString() ?? "无"}，核实 {value?.ToJsonString() ?? "无"}；依据：{reason}", evaluation);
    }

    private async Task<VerificationState> StateOfAsync(Application application, CancellationToken ct)
    {
        var declaration = await LatestDeclarationAsync(application.Id, ct).ConfigureAwait(false);
        var history = declaration is null ? [] : await VerifiedSinceAsync(application.Id, declaration.DeclaredAt, ct).ConfigureAwait(false);
        var current = history.GroupBy(v => v.Field).Select(g => g.Last()).OrderBy(v => v.Field, StringComparer.Ordinal).ToList();
        return new VerificationState(application, declaration, current, history, ReviewerEvaluation.LatestVerification(application));
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

    private Task<ApplicationDeclaration?> LatestDeclarationAsync(long id, CancellationToken ct) =>
        db.ApplicationDeclarations.AsNoTracking().Where(d => d.ApplicationId == id).OrderByDescending(d => d.Id).FirstOrDefaultAsync(ct);

    /// <summary>Values verified on the current declaration: a resubmission declares anew, and earlier verifications were of the old file.</summary>
    private async Task<List<VerifiedValue>> VerifiedSinceAsync(long id, DateTimeOffset since, CancellationToken ct)
    {
        var all = await db.VerifiedValues.AsNoTracking().Where(v => v.ApplicationId == id).OrderBy(v => v.Id).ToListAsync(ct).ConfigureAwait(false);
        // Compared in memory: SQLite cannot compare DateTimeOffset columns in SQL.
        return [.. all.Where(v => v.VerifiedAt >= since)];
    }
}
