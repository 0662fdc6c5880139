using Microsoft.EntityFrameworkCore;
using Tidu.Data;
using static Tidu.Application.Workflow.WorkflowProblems;

namespace Tidu.Application.Dynamic;

/// <summary>
/// A revoked enterprise may not apply for the same tier again until its bar ends (the period configured when it was
/// revoked, with its citation). Checked when an enterprise applies; the refusal names the revocation and the last
/// barred day.
/// </summary>
public static class RevocationBar
{
    public static async Task<Refusal?> RefusalAsync(TiduDbContext db, long enterpriseId, string tier, DateOnly today, string cite, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var bar = await db.RecognitionReviews.AsNoTracking()
            .Where(r => r.EnterpriseId == enterpriseId && r.Tier == tier && r.Decision == RecognitionDecisions.Revoke && r.BarredUntil >= today)
            .OrderByDescending(r => r.BarredUntil)
            .Select(r => new { r.DecidedOn, r.BarredUntil })
            .FirstOrDefaultAsync(ct).ConfigureAwait(false);
        return bar is null ? null
            : Unprocessable(
                $"该企业的此项认定已于 {bar.DecidedOn:yyyy-MM-dd} 被撤销，{bar.BarredUntil:yyyy-MM-dd} 前不得再次申报（依据：{cite}）",
                $"the enterprise's {tier} recognition was revoked on {bar.DecidedOn:yyyy-MM-dd}; it may not apply for {tier} again until {bar.BarredUntil:yyyy-MM-dd} inclusive");
    }
}
