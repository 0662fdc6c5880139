using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tidu.Data;
using Tidu.Domain.Display;
using Tidu.Data.Entities;
using Tidu.Data.Entities.Dynamic;
using Tidu.Data.Registry;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Gaps;
using Tidu.Web.Notifications;

namespace Tidu.Web.Dynamic;

/// <summary>
/// The province's re-review decision (复核) on a recognition, for the API and the page alike: evaluated on the
/// enterprise's current file with the rule version in force today; kept (validity extended by the configured years)
/// or revoked (validity ends yesterday, re-application barred for the configured years) with a reason; recorded as a
/// <see cref="RecognitionReview"/> (audited), the file re-evaluated, the enterprise (and on revocation its county) notified.
/// </summary>
public sealed class RecognitionReviewer(TiduDbContext db, EnterpriseRegistry registry, Evaluator evaluator, GapAnalyzer gaps, TimeProvider clock,
    IOptions<DynamicManagementOptions> options)
{
    public sealed record Refusal(int Status, string Zh, string En);

    public sealed record Outcome(RecognitionReview? Review, EnterpriseRecognition? Recognition, Enterprise? Enterprise, Refusal? Refusal);

    private static Outcome Refuse(int status, string zh, string en) => new(null, null, null, new Refusal(status, zh, en));

    public async Task<Outcome> DecideAsync(long id, RecognitionsApi.ReviewRequest body, bool byProvince, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!byProvince)
        {
            return Refuse(StatusCodes.Status403Forbidden, "只有省级主管部门可以作出复核决定", "only a province officer keeps or revokes a recognition");
        }
        var decision = body.Decision?.Trim().ToLowerInvariant();
        if (decision is not (RecognitionDecisions.Keep or RecognitionDecisions.Revoke))
        {
            return Refuse(StatusCodes.Status422UnprocessableEntity, "复核决定无效（应为 keep 或 revoke）", $"unknown decision '{body.Decision}': use keep or revoke");
        }
        var reason = string.IsNullOrWhiteSpace(body.Reason) ? null : body.Reason.Trim();
        if (reason is null)
        {
            return Refuse(StatusCodes.Status422UnprocessableEntity, "复核决定必须说明理由", "a re-review decision needs a reason");
        }
        var ground = string.IsNullOrWhiteSpace(body.Ground) ? null : body.Ground.Trim();
        if (decision == RecognitionDecisions.Revoke && (ground is null || !RevocationGrounds.All.ContainsKey(ground)))
        {
            return Refuse(StatusCodes.Status422UnprocessableEntity, $"撤销须说明依据（{string.Join("、", RevocationGrounds.All.Values)}）",
                $"a revocation needs a ground: one of {string.Join(", ", RevocationGrounds.All.Keys)}");
        }
        var creditCode = await db.Recognitions.Where(x => x.Id == id).Select(x => x.Enterprise.CreditCode).SingleOrDefaultAsync(ct).ConfigureAwait(false);
        var enterprise = creditCode is null ? null : await registry.FindAsync(creditCode, ct).ConfigureAwait(false);
        var recognition = enterprise?.Recognitions.SingleOrDefault(x => x.Id == id);
        if (enterprise is null || recognition is null)
        {
            return Refuse(StatusCodes.Status404NotFound, "未找到该认定（或不在您的管辖区域内）", $"no recognition {id} in the caller's region scope");
        }
        if (await db.RecognitionReviews.AnyAsync(v => v.RecognitionId == id && v.Decision == RecognitionDecisions.Revoke, ct).ConfigureAwait(false))
        {
            return Refuse(StatusCodes.Status409Conflict, "该认定已被撤销", $"recognition {id} is already revoked");
        }
        var today = ChinaCalendar.Today(clock);
        var o = options.Value;
        if (RecognitionsApi.Evaluate(enterprise, recognition.Tier, today, evaluator, gaps) is not { } pre)
        {
            return Refuse(StatusCodes.Status422UnprocessableEntity, "企业档案不完整或该层级规则不适用，无法复核", $"the file of {creditCode} cannot be evaluated for {recognition.Tier} on {today:yyyy-MM-dd}");
        }
        if (decision == RecognitionDecisions.Keep && recognition.ValidUntil is null)
        {
            return Refuse(StatusCodes.Status422UnprocessableEntity, "该认定未记载有效期，无法延续", $"recognition {id} has no last valid day to extend");
        }
        var review = new RecognitionReview
        {
            Recognition = recognition,
            RecognitionId = recognition.Id,
            EnterpriseId = enterprise.Id,
            Enterprise = enterprise,
            Tier = recognition.Tier,
            Decision = decision,
            Ground = decision == RecognitionDecisions.Revoke ? ground : null,
            Reason = reason,
            Actor = db.Scope.Actor,
            At = clock.GetUtcNow(),
            DecidedOn = today,
            Qualified = pre.Qualified,
            EvaluationTrace = pre.TraceJson,
            RuleVersion = pre.RuleVersion,
            ValidUntilBefore = recognition.ValidUntil,
        };
        if (decision == RecognitionDecisions.Keep)
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
        registry.Reevaluate(enterprise, today);
        db.RuleSetVersion = pre.RuleVersion;
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return new Outcome(review, recognition, enterprise, null);
    }
}
