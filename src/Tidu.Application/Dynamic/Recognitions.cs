using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tidu.Data;
using Tidu.Data.Entities;
using Tidu.Data.Entities.Dynamic;
using Tidu.Data.Registry;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Gaps;

namespace Tidu.Application.Dynamic;

/// <summary>A recognition with its status on the day it was read.</summary>
public sealed record RecognitionRow(long Id, string CreditCode, string EnterpriseName, string Tier, DateOnly RecognizedOn, DateOnly? ValidUntil, string? Issuer,
    string Status, string StatusLabel, DateOnly? ReReviewNoticeOn);

/// <summary>Recognitions of one status (or all) on a day, with the re-review notice period and its citation.</summary>
public sealed record RecognitionList(DateOnly AsOf, int ReReviewNoticeLeadDays, string ReReviewNoticeLeadCite, IReadOnlyList<RecognitionRow> Items);

/// <summary>One re-review decision as read back.</summary>
public sealed record RecognitionReviewRow(long Id, string Decision, string? Ground, string? GroundLabel, string Reason, string Actor, DateTimeOffset At, DateOnly DecidedOn,
    bool Qualified, string RuleVersion, DateOnly? ValidUntilBefore, DateOnly? ValidUntilAfter, DateOnly? BarredUntil, string? BarCite);

/// <summary>One recognition with its status and every re-review decision.</summary>
public sealed record RecognitionDetail(RecognitionRow Recognition, string ReReviewNoticeLeadCite, IReadOnlyList<RecognitionReviewRow> Reviews);

/// <summary>The re-review a province would decide on today: the enterprise's current file under the rule version in force.</summary>
public sealed record ReReviewPreview(long RecognitionId, DateOnly AsOf, bool Qualified, string RuleVersion, JsonNode? Trace, JsonNode? Gap);

/// <summary>
/// Recognitions and their dynamic management (docs/procedure.md "Re-review and revocation"), for the recognitions page
/// and the API alike: status computed on the day it is read (valid, due for re-review, expired, revoked, not yet valid),
/// the re-review on current data, and the province's keep-or-revoke decision (<see cref="RecognitionReviewer"/>).
/// </summary>
public sealed class Recognitions(TiduDbContext db, EnterpriseRegistry registry, Evaluator evaluator, GapAnalyzer gaps, RecognitionReviewer reviewer, TimeProvider clock,
    IOptions<DynamicManagementOptions> options, IActorSource actors)
{
    public const int DefaultTake = 200;
    public const int MaxTake = 1000;

    public static IReadOnlyList<string> Statuses { get; } =
        [RecognitionStatus.Valid, RecognitionStatus.ReReviewDue, RecognitionStatus.Expired, RecognitionStatus.Revoked, RecognitionStatus.NotYetValid];

    public DynamicManagementOptions Options => options.Value;

    /// <summary>Whether the actor may keep or revoke recognitions.</summary>
    public bool CanDecide => Access.May(actors.Current, AccessRight.DecideRecognition);

    /// <summary>Recognitions in scope of a status (null or empty: all) and tier, soonest to end first, at most <paramref name="take"/> (1 to 1000).</summary>
    public async Task<Outcome<RecognitionList>> ListAsync(string? status, string? tier, int? take, CancellationToken ct)
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
        // The status filter is the database's form of RecognitionStatus.Of, so every row of a status is found, however old.
        q = status switch
        {
            null or "" => q,
            RecognitionStatus.Revoked => q.Where(x => x.Revoked),
            RecognitionStatus.Expired => q.Where(x => !x.Revoked && x.Recognition.RecognizedOn <= today && x.Recognition.ValidUntil < today),
            RecognitionStatus.ReReviewDue => q.Where(x => !x.Revoked && x.Recognition.RecognizedOn <= today && x.Recognition.ValidUntil >= today && x.Recognition.ValidUntil <= dueFrom),
            RecognitionStatus.Valid => q.Where(x => !x.Revoked && x.Recognition.RecognizedOn <= today && (x.Recognition.ValidUntil == null || x.Recognition.ValidUntil > dueFrom)),
            RecognitionStatus.NotYetValid => q.Where(x => !x.Revoked && x.Recognition.RecognizedOn > today),
            _ => null!,
        };
        if (q is null)
        {
            return Refusal.Invalid("recognition.unknown-status", "认定状态无效", $"unknown status {status}: use {string.Join(", ", Statuses)}");
        }
        var rows = await q.OrderBy(x => x.Recognition.ValidUntil).ThenBy(x => x.Recognition.Id).Take(Math.Clamp(take ?? DefaultTake, 1, MaxTake))
            .ToListAsync(ct).ConfigureAwait(false);
        return new RecognitionList(today, lead, options.Value.ReReviewNoticeLeadCite, [.. rows.Select(x => Row(x.Recognition, x.CreditCode, x.Name, x.Revoked, today, lead))]);
    }

    public async Task<Outcome<RecognitionDetail>> GetAsync(long id, CancellationToken ct)
    {
        var r = await db.Recognitions.AsNoTracking().Include(x => x.Enterprise).SingleOrDefaultAsync(x => x.Id == id, ct).ConfigureAwait(false);
        return r is null ? NotFound(id) : await DetailAsync(r, r.Enterprise, ct).ConfigureAwait(false);
    }

    public async Task<Outcome<ReReviewPreview>> PreviewAsync(long id, CancellationToken ct)
    {
        var r = await db.Recognitions.AsNoTracking().Include(x => x.Enterprise).SingleOrDefaultAsync(x => x.Id == id, ct).ConfigureAwait(false);
        if (r is null)
        {
            return NotFound(id);
        }
        var today = ChinaCalendar.Today(clock);
        var enterprise = await registry.FindAsync(r.Enterprise.CreditCode, ct).ConfigureAwait(false);
        if (enterprise is null || RecognitionReviewer.Evaluate(enterprise, r.Tier, today, evaluator, gaps) is not { } pre)
        {
            return Refusal.Invalid("recognition.not-evaluable", "企业档案不完整或该层级规则不适用，无法复核", $"the file of {r.Enterprise.CreditCode} cannot be evaluated for {r.Tier} on {today:yyyy-MM-dd}");
        }
        return new ReReviewPreview(id, today, pre.Qualified, pre.RuleVersion, JsonNode.Parse(pre.TraceJson), pre.GapJson is null ? null : JsonNode.Parse(pre.GapJson));
    }

    /// <summary>The province keeps or revokes a recognition; the recognition as it is afterwards.</summary>
    public async Task<Outcome<RecognitionDetail>> DecideAsync(long id, ReviewRequest request, CancellationToken ct)
    {
        var outcome = await reviewer.DecideAsync(id, request, ct).ConfigureAwait(false);
        return outcome.Value is { } done ? await DetailAsync(done.Recognition, done.Enterprise, ct).ConfigureAwait(false) : outcome.Refusal!;
    }

    private async Task<RecognitionDetail> DetailAsync(EnterpriseRecognition r, Enterprise e, CancellationToken ct)
    {
        var o = options.Value;
        var reviews = await db.RecognitionReviews.AsNoTracking().Where(v => v.RecognitionId == r.Id).OrderBy(v => v.Id).ToListAsync(ct).ConfigureAwait(false);
        var revoked = reviews.Any(v => v.Decision == RecognitionDecisions.Revoke);
        return new RecognitionDetail(Row(r, e.CreditCode, e.Name, revoked, ChinaCalendar.Today(clock), o.ReReviewNoticeLeadDays), o.ReReviewNoticeLeadCite,
            [.. reviews.Select(v => new RecognitionReviewRow(v.Id, v.Decision, v.Ground, v.Ground is null ? null : RevocationGrounds.All.GetValueOrDefault(v.Ground), v.Reason,
                v.Actor, v.At, v.DecidedOn, v.Qualified, v.RuleVersion, v.ValidUntilBefore, v.ValidUntilAfter, v.BarredUntil, v.BarredUntil is null ? null : o.RevocationBarCite))]);
    }

    private static RecognitionRow Row(EnterpriseRecognition r, string creditCode, string name, bool revoked, DateOnly today, int lead)
    {
        var status = RecognitionStatus.Of(r.RecognizedOn, r.ValidUntil, revoked, today, lead);
        return new RecognitionRow(r.Id, creditCode, name, r.Tier, r.RecognizedOn, r.ValidUntil, r.Issuer, status, RecognitionStatus.Label(status),
            r.ValidUntil is { } v ? RecognitionStatus.NoticeDay(v, lead) : null);
    }

    private static Refusal NotFound(long id) =>
        Refusal.NotFound("recognition.not-found", "未找到该认定（或不在您的管辖区域内）", $"no recognition {id} in the caller's region scope");
}
