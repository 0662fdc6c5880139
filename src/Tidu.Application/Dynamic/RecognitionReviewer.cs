using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tidu.Application.Notifications;
using Tidu.Application.Workflow;
using Tidu.Data;
using Tidu.Data.Entities;
using Tidu.Data.Entities.Dynamic;
using Tidu.Data.Registry;
using Tidu.Domain.Display;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Gaps;

namespace Tidu.Application.Dynamic;

/// <summary>
/// The province's re-review decision (复核) on a recognition, for the API and the page alike: evaluated on the
/// enterprise's current file with the rule version in force today; kept (validity extended by the configured years)
/// or revoked (validity ends yesterday, re-application barred for the configured years) with a reason; recorded as a
/// <see cref="RecognitionReview"/> (audited), the file re-evaluated, the enterprise (and on revocation its county) notified.
/// </summary>
public sealed class RecognitionReviewer(TiduDbContext db, EnterpriseRegistry registry, Evaluator evaluator, GapAnalyzer gaps, TimeProvider clock,
    IOptions<DynamicManagementOptions> options, IActorSource actors)
{
    public async Task<Outcome<ReviewRecorded>> DecideAsync(long id, ReviewRequest body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (Access.Require(actors.Current, AccessRight.DecideRecognition) is { } forbidden)
        {
            return forbidden;
        }
        if (RecognitionLifecycle.TriggerOf(body.Decision) is not { } trigger)
        {
            return Refusal.Invalid("recognition.unknown-decision", "复核决定无效（应为 keep 或 revoke）", $"unknown decision '{body.Decision}': use keep or revoke");
        }
        var reason = string.IsNullOrWhiteSpace(body.Reason) ? null : body.Reason.Trim();
        if (reason is null)
        {
            return Refusal.Invalid("recognition.reason-required", "复核决定必须说明理由", "a re-review decision needs a reason");
        }
        var ground = string.IsNullOrWhiteSpace(body.Ground) ? null : body.Ground.Trim();
        if (trigger == RecognitionTrigger.Revoke && (ground is null || !RevocationGrounds.All.ContainsKey(ground)))
        {
            return Refusal.Invalid("recognition.ground-required", $"撤销须说明依据（{string.Join("、", RevocationGrounds.All.Values)}）",
                $"a revocation needs a ground: one of {string.Join(", ", RevocationGrounds.All.Keys)}");
        }
        var creditCode = await db.Recognitions.Where(x => x.Id == id).Select(x => x.Enterprise.CreditCode).SingleOrDefaultAsync(ct).ConfigureAwait(false);
        var enterprise = creditCode is null ? null : await registry.FindAsync(creditCode, ct).ConfigureAwait(false);
        var recognition = enterprise?.Recognitions.SingleOrDefault(x => x.Id == id);
        if (enterprise is null || recognition is null)
        {
            return Refusal.NotFound("recognition.not-found", "未找到该认定（或不在您的管辖区域内）", $"no recognition {id} in the caller's region scope");
        }
        var today = ChinaCalendar.Today(clock);
        var o = options.Value;
        var revoked = await db.RecognitionReviews.AnyAsync(v => v.RecognitionId == id && v.Decision == RecognitionDecisions.Revoke, ct).ConfigureAwait(false);
        var status = RecognitionStatus.Of(recognition.RecognizedOn, recognition.ValidUntil, revoked, today, o.ReReviewNoticeLeadDays);
        if (RecognitionLifecycle.Find(status, trigger) is not { } step)
        {
            return status == RecognitionStatus.Revoked
                ? Refusal.Conflict("recognition.revoked", "该认定已被撤销", $"recognition {id} is already revoked")
                : Refusal.Conflict("recognition.state", $"该认定当前状态（{RecognitionStatus.Label(status)}）不能作此复核决定", $"recognition {id} is {status}; {trigger} is not allowed");
        }
        if (RecognitionReviewer.Evaluate(enterprise, recognition.Tier, today, evaluator, gaps) is not { } pre)
        {
            return Refusal.Invalid("recognition.not-evaluable", "企业档案不完整或该层级规则不适用，无法复核", $"the file of {creditCode} cannot be evaluated for {recognition.Tier} on {today:yyyy-MM-dd}");
        }
        if (trigger == RecognitionTrigger.Keep && recognition.ValidUntil is null)
        {
            return Refusal.Invalid("recognition.no-validity", "该认定未记载有效期，无法延续", $"recognition {id} has no last valid day to extend");
        }
        var review = new RecognitionReview
        {
            Recognition = recognition,
            RecognitionId = recognition.Id,
            EnterpriseId = enterprise.Id,
            Enterprise = enterprise,
            Tier = recognition.Tier,
            Decision = step.Decision,
            Ground = step.GroundRequired ? ground : null,
            Reason = reason,
            Actor = db.Scope.Actor,
            At = clock.GetUtcNow(),
            DecidedOn = today,
            Qualified = pre.Qualified,
            EvaluationTrace = pre.TraceJson,
            RuleVersion = pre.RuleVersion,
            ValidUntilBefore = recognition.ValidUntil,
        };
        if (trigger == RecognitionTrigger.Keep)
        {
            // 复核合格的，重新予以确认: a new validity period follows the old one.
            recognition.ValidUntil = recognition.ValidUntil!.Value.AddYears(o.KeepExtendsYears);
            Notices.Add(db, review.At, "recognition-kept", Recipient.EnterpriseOf(enterprise), enterprise, "复核通过，认定保留",
                $"您的认定（{DisplayNames.Tier(recognition.Tier)}）经复核予以保留，有效期延至 {recognition.ValidUntil:yyyy-MM-dd}。理由：{reason}", $"/Enterprises/{enterprise.CreditCode}");
        }
        else
        {
            // Revoked today: the last valid day is yesterday (unless it already ended), and the bar runs from today.
            if (recognition.ValidUntil is null || recognition.ValidUntil >= today)
            {
                recognition.ValidUntil = today.AddDays(-1);
            }
            review.BarredUntil = today.AddYears(o.RevocationBarYears).AddDays(-1);
            var text = $"{enterprise.Name}的认定（{DisplayNames.Tier(recognition.Tier)}）已于 {today:yyyy-MM-dd} 撤销（{RevocationGrounds.All[ground!]}）。理由：{reason}。{review.BarredUntil:yyyy-MM-dd} 前不得再次申报（依据：{o.RevocationBarCite}）";
            Notices.Add(db, review.At, "recognition-revoked", Recipient.EnterpriseOf(enterprise), enterprise, "认定已撤销", text, $"/Enterprises/{enterprise.CreditCode}");
            Notices.Add(db, review.At, "recognition-revoked", Recipient.CountyOf(enterprise), enterprise, $"认定已撤销：{enterprise.Name}", text, $"/Enterprises/{enterprise.CreditCode}");
        }
        review.ValidUntilAfter = recognition.ValidUntil;
        db.RecognitionReviews.Add(review);
        db.RecognitionBasis = $"re-review:{recognition.Id}";
        registry.Reevaluate(enterprise, today);
        db.RuleSetVersion = pre.RuleVersion;
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return new ReviewRecorded(review, recognition, enterprise);
    }

    /// <summary>The enterprise's file evaluated for <paramref name="tier"/> on <paramref name="today"/>; null when it cannot be.</summary>
    public static PreEvaluation? Evaluate(Enterprise enterprise, string tier, DateOnly today, Evaluator evaluator, GapAnalyzer gaps)
    {
        ArgumentNullException.ThrowIfNull(enterprise);
        return ProfileMapping.ToProfile(enterprise).Profile is { } profile ? PreEvaluation.Of(profile, today, tier, evaluator, gaps) : null;
    }
}

/// <summary>A re-review decision: keep or revoke, the revocation ground, why.</summary>
public sealed record ReviewRequest(string Decision, string? Ground, string? Reason);

/// <summary>A re-review decision as recorded, with the recognition and enterprise after it.</summary>
public sealed record ReviewRecorded(RecognitionReview Review, EnterpriseRecognition Recognition, Enterprise Enterprise);
