using Microsoft.EntityFrameworkCore;
using Tidu.Application.Notifications;
using Tidu.Data;
using Tidu.Data.Entities;
using Tidu.Data.Identity;
using Tidu.Domain.Display;

namespace Tidu.Application.Dynamic;

/// <summary>
/// Sends the re-review notices (复核提醒) of the recognitions whose notice day (last valid day − the configured lead
/// days) has come and which have not expired or been revoked: one to each enterprise, once per recognition and last
/// valid day (a kept recognition, valid longer, gets a new notice later); and one digest per province and day to its
/// officers, listing the recognitions newly due and linking to the list of those awaiting re-review — a province with
/// many recognitions gets one message a day, not one per enterprise.
/// </summary>
public static class ReReviewNotices
{
    /// <summary>How many enterprises a digest names before "等 N 项".</summary>
    private const int Named = 5;

    public static async Task<int> IssueAsync(TiduDbContext db, DateOnly today, DynamicManagementOptions options, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(options);
        var horizon = today.AddDays(options.ReReviewNoticeLeadDays);
        var due = await db.Recognitions.Include(r => r.Enterprise)
            .Where(r => r.ValidUntil != null && r.ValidUntil >= today && r.ValidUntil <= horizon && r.RecognizedOn <= today)
            .Where(r => !db.RecognitionReviews.Any(v => v.RecognitionId == r.Id && v.Decision == RecognitionDecisions.Revoke))
            .ToListAsync(ct).ConfigureAwait(false);
        var keys = due.Select(Key).ToList();
        var sent = (await db.Notifications.IgnoreQueryFilters().Where(n => n.Key != null && keys.Contains(n.Key)).Select(n => n.Key!).ToListAsync(ct).ConfigureAwait(false))
            .ToHashSet(StringComparer.Ordinal);
        var fresh = due.Where(r => !sent.Contains(Key(r))).OrderBy(r => r.ValidUntil).ThenBy(r => r.Id).ToList();
        foreach (var r in fresh)
        {
            var e = r.Enterprise;
            var body = $"贵企业的{DisplayNames.Tier(r.Tier)}认定（{r.RecognizedOn:yyyy-MM-dd} 认定）有效期至 {r.ValidUntil:yyyy-MM-dd}，请准备复核材料。"
                + $"到期前 {options.ReReviewNoticeLeadDays} 天提醒（依据：{options.ReReviewNoticeLeadCite}）";
            Notices.Add(db, now, "re-review-notice", Recipient.EnterpriseOf(e), e, "认定即将到期，请准备复核", body, $"/Enterprises/{e.CreditCode}", Key(r));
        }
        foreach (var province in fresh.GroupBy(r => r.Enterprise.ProvinceCode))
        {
            var list = province.ToList();
            var named = string.Join("；", list.Take(Named).Select(r => $"{r.Enterprise.Name}（{DisplayNames.Tier(r.Tier)}，有效期至 {r.ValidUntil:yyyy-MM-dd}）"));
            var more = list.Count > Named ? $"等 {list.Count} 项" : "";
            Notices.Add(db, now, "re-review-digest", Recipient.Officers(Roles.ProvinceOfficer, province.Key), null,
                $"{list.Count} 项认定将在 {options.ReReviewNoticeLeadDays} 天内到期，待复核",
                $"{today:yyyy-MM-dd} 起进入复核期的认定：{named}{more}。请在“认定复核”中安排复核。",
                $"/Recognitions?status={RecognitionStatus.ReReviewDue}", $"re-review-digest:{province.Key}:{today:yyyy-MM-dd}:{list[0].Id}");
        }
        if (fresh.Count > 0)
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        return fresh.Count;
    }

    /// <summary>The enterprise's notice of one recognition and last valid day (sent once).</summary>
    public static string Key(EnterpriseRecognition r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return $"re-review:{r.Id}:{r.ValidUntil:yyyy-MM-dd}:enterprise";
    }
}
