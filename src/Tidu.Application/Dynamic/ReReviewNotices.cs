using Microsoft.EntityFrameworkCore;
using Tidu.Application.Notifications;
using Tidu.Data;
using Tidu.Data.Entities;

namespace Tidu.Application.Dynamic;

/// <summary>
/// Sends the re-review notice (复核提醒) of every recognition whose notice day (last valid day − the configured lead
/// days) has come and which has not expired or been revoked: to the enterprise and to the province officers of its
/// province. Once per recognition and last valid day (a kept recognition, valid longer, gets a new notice later).
/// </summary>
public static class ReReviewNotices
{
    public static async Task<int> IssueAsync(TiduDbContext db, DateOnly today, DynamicManagementOptions options, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(options);
        var horizon = today.AddDays(options.ReReviewNoticeLeadDays);
        var due = await db.Recognitions.Include(r => r.Enterprise)
            .Where(r => r.ValidUntil != null && r.ValidUntil >= today && r.ValidUntil <= horizon && r.RecognizedOn <= today)
            .Where(r => !db.RecognitionReviews.Any(v => v.RecognitionId == r.Id && v.Decision == RecognitionDecisions.Revoke))
            .ToListAsync(ct).ConfigureAwait(false);
        var keys = due.Select(r => Key(r, "enterprise")).ToList();
        var sent = (await db.Notifications.IgnoreQueryFilters().Where(n => n.Key != null && keys.Contains(n.Key)).Select(n => n.Key!).ToListAsync(ct).ConfigureAwait(false))
            .ToHashSet(StringComparer.Ordinal);
        var count = 0;
        foreach (var r in due.Where(r => !sent.Contains(Key(r, "enterprise"))))
        {
            var e = r.Enterprise;
            var body = $"{e.Name}的认定（{r.Tier}，{r.RecognizedOn:yyyy-MM-dd} 认定）有效期至 {r.ValidUntil:yyyy-MM-dd}，请准备复核。"
                + $"提前 {options.ReReviewNoticeLeadDays} 天提醒（依据：{options.ReReviewNoticeLeadCite}）";
            var link = $"/api/v1/recognitions/{r.Id}";
            Notices.Add(db, now, "re-review-notice", Recipient.EnterpriseOf(e), e, "认定即将到期，请准备复核", body, link, Key(r, "enterprise"));
            Notices.Add(db, now, "re-review-notice", Recipient.ProvinceOf(e), e, $"认定即将到期待复核：{e.Name}", body, link, Key(r, "province"));
            count++;
        }
        if (count > 0)
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        return count;
    }

    private static string Key(EnterpriseRecognition r, string to) => $"re-review:{r.Id}:{r.ValidUntil:yyyy-MM-dd}:{to}";
}
