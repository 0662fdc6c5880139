using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tidu.Data;
using Tidu.Data.Entities;
using Tidu.Data.Entities.Dynamic;
using Tidu.Data.Registry;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Gaps;
using Tidu.Web.Notifications;
using Tidu.Web.Workflow;
using static Tidu.Web.Workflow.WorkflowProblems;

namespace Tidu.Web.Dynamic;

/// <summary>
/// Dynamic management of recognitions (workflow.md "Dynamic management"): their status on today's date (computed when
/// read), re-review (复核) on the enterprise's current file with the rule version in force, and the province's
/// decision to keep (validity extended) or revoke (validity ends, re-application barred) with a reason.
/// </summary>
public static class RecognitionsApi
{
    public sealed record ReviewRequest(string Decision, string? Ground, string? Reason);

    public static void Map(RouteGroupBuilder read, RouteGroupBuilder write)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(write);
        read.MapGet("/recognitions", ListAsync).WithSummary("Recognitions in the caller's scope with their status today (valid, re-review-due, expired, revoked)");
        read.MapGet("/recognitions/{id:long}", GetAsync).WithSummary("One recognition with its status and re-review decisions");
        read.MapGet("/recognitions/{id:long}/re-review", PreviewAsync).WithSummary("Re-review on current data: the enterprise's current file under the tier's rule version in force today");
        write.MapPost("/recognitions/{id:long}/decisions", DecideAsync).WithSummary("Keep (validity extended) or revoke (re-application barred) with a reason (province officer)");
    }

    private static async Task<IResult> ListAsync(string? status, string? tier, int? take, TiduDbContext db, TimeProvider clock, IOptions<DynamicManagementOptions> options, CancellationToken ct)
    {
        var today = ChinaCalendar.Today(clock);
        var lead = options.Value.ReReviewNoticeLeadDays;
        var dueFrom = today.AddDays(lead); // due when today ≥ validUntil − lead, i.e. validUntil ≤ today + lead
        var q = db.Recognitions.AsNoTracking().Select(r => new
        {
            Recognition = r,
            r.Enterprise.CreditCode,
            r.Enterprise.Name,
            Revoked = db.RecognitionReviews.Any(v => v.RecognitionId == r.Id && v.Decision == RecognitionDecisions.Revoke),
        });
        if (!string.IsNullOrWhiteSpace(tier))
        {
            q = q.Where(x => x.Recognition.Tier == tier);
        }
        q = status switch
        {
            null or "" => q,
            RecognitionStatus.Revoked => q.Where(x => x.Revoked),
            RecognitionStatus.Expired => q.Where(x => !x.Revoked && x.Recognition.ValidUntil < today),
            RecognitionStatus.ReReviewDue => q.Where(x => !x.Revoked && x.Recognition.RecognizedOn <= today && x.Recognition.ValidUntil >= today && x.Recognition.ValidUntil <= dueFrom),
            RecognitionStatus.Valid => q.Where(x => !x.Revoked && x.Recognition.RecognizedOn <= today && (x.Recognition.ValidUntil == null || x.Recognition.ValidUntil > dueFrom)),
            RecognitionStatus.NotYetValid => q.Where(x => !x.Revoked && x.Recognition.RecognizedOn > today),
            _ => null!,
        };
        if (q is null)
        {
            return Unprocessable("认定状态无效", $"unknown status {status}: use valid, re-review-due, expired, revoked or not-yet-valid");
        }
        var rows = await q.OrderBy(x => x.Recognition.ValidUntil).ThenBy(x => x.Recognition.Id).Take(Math.Clamp(take ?? 200, 1, 1000)).ToListAsync(ct).ConfigureAwait(false);
        return Results.Ok(new
        {
            asOf = today,
            reReviewNoticeLeadDays = lead,
            reReviewNoticeLeadCite = options.Value.ReReviewNoticeLeadCite,
            items = rows.Select(x => Row(x.Recognition, x.CreditCode, x.Name, x.Revoked, today, lead)),
        });
    }

    private static async Task<IResult> GetAsync(long id, TiduDbContext db, TimeProvider clock, IOptions<DynamicManagementOptions> options, CancellationToken ct)
    {
        var r = await db.Recognitions.AsNoTracking().Include(x => x.Enterprise).SingleOrDefaultAsync(x => x.Id == id, ct).ConfigureAwait(false);
        if (r is null)
        {
            return NotFound(id);
        }
        var reviews = await db.RecognitionReviews.AsNoTracking().Where(v => v.RecognitionId == id).OrderBy(v => v.Id).ToListAsync(ct).ConfigureAwait(false);
        return Results.Ok(Detail(r, reviews, ChinaCalendar.Today(clock), options.Value));
    }

    private static async Task<IResult> PreviewAsync(long id, TiduDbContext db, EnterpriseRegistry registry, Evaluator evaluator, GapAnalyzer gaps, TimeProvider clock, CancellationToken ct)
    {
        var r = await db.Recognitions.AsNoTracking().Include(x => x.Enterprise).SingleOrDefaultAsync(x => x.Id == id, ct).ConfigureAwait(false);
        if (r is null)
        {
            return NotFound(id);
        }
        var today = ChinaCalendar.Today(clock);
        var enterprise = await registry.FindAsync(r.Enterprise.CreditCode, ct).ConfigureAwait(false);
        if (enterprise is null || Evaluate(enterprise, r.Tier, today, evaluator, gaps) is not { } pre)
        {
            return Unprocessable("企业档案不完整或该层级规则不适用，无法复核", $"the file of {r.Enterprise.CreditCode} cannot be evaluated for {r.Tier} on {today:yyyy-MM-dd}");
        }
        return Results.Ok(new
        {
            recognitionId = id,
            asOf = today,
            qualified = pre.Qualified,
            ruleVersion = pre.RuleVersion,
            trace = JsonNode.Parse(pre.TraceJson),
            gap = pre.GapJson is null ? null : JsonNode.Parse(pre.GapJson),
        });
    }

    private static async Task<IResult> DecideAsync(long id, ReviewRequest body, HttpContext http, RecognitionReviewer reviewer, TiduDbContext db, TimeProvider clock,
        IOptions<DynamicManagementOptions> options, CancellationToken ct)
    {
        var outcome = await reviewer.DecideAsync(id, body, ReviewChain.LevelOf(http.User) == "province", ct).ConfigureAwait(false);
        if (outcome.Refusal is { } r)
        {
            return Problem(r.Status, r.Zh, r.En);
        }
        var reviews = await db.RecognitionReviews.AsNoTracking().Where(v => v.RecognitionId == id).OrderBy(v => v.Id).ToListAsync(ct).ConfigureAwait(false);
        return Results.Ok(Detail(outcome.Recognition!, reviews, ChinaCalendar.Today(clock), options.Value, outcome.Enterprise));
    }

    internal static PreEvaluation? Evaluate(Enterprise enterprise, string tier, DateOnly today, Evaluator evaluator, GapAnalyzer gaps) =>
        ProfileMapping.ToProfile(enterprise).Profile is { } profile ? PreEvaluation.Of(profile, today, tier, evaluator, gaps) : null;

    private static Workflow.WorkflowRefusal NotFound(long id) =>
        Problem(StatusCodes.Status404NotFound, "未找到该认定（或不在您的管辖区域内）", $"no recognition {id} in the caller's region scope");

    private static object Row(EnterpriseRecognition r, string creditCode, string name, bool revoked, DateOnly today, int lead)
    {
        var status = RecognitionStatus.Of(r.RecognizedOn, r.ValidUntil, revoked, today, lead);
        return new
        {
            r.Id,
            creditCode,
            enterpriseName = name,
            r.Tier,
            r.RecognizedOn,
            r.ValidUntil,
            r.Issuer,
            status,
            statusLabel = RecognitionStatus.Label(status),
            reReviewNoticeOn = r.ValidUntil is { } v ? RecognitionStatus.NoticeDay(v, lead) : (DateOnly?)null,
        };
    }

    private static object Detail(EnterpriseRecognition r, IReadOnlyList<RecognitionReview> reviews, DateOnly today, DynamicManagementOptions o, Enterprise? enterprise = null)
    {
        var e = enterprise ?? r.Enterprise;
        var revoked = reviews.Any(v => v.Decision == RecognitionDecisions.Revoke);
        return new
        {
            recognition = Row(r, e.CreditCode, e.Name, revoked, today, o.ReReviewNoticeLeadDays),
            reReviewNoticeLeadCite = o.ReReviewNoticeLeadCite,
            reviews = reviews.Select(v => new
            {
                v.Id,
                v.Decision,
                v.Ground,
                groundLabel = v.Ground is null ? null : RevocationGrounds.All.GetValueOrDefault(v.Ground),
                v.Reason,
                v.Actor,
                v.At,
                v.DecidedOn,
                v.Qualified,
                v.RuleVersion,
                v.ValidUntilBefore,
                v.ValidUntilAfter,
                v.BarredUntil,
                barCite = v.BarredUntil is null ? null : o.RevocationBarCite,
            }),
        };
    }
}
