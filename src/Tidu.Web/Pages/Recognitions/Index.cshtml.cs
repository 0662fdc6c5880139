using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tidu.Data;
using Tidu.Data.Registry;
using Tidu.Web.Dynamic;
using Tidu.Web.Workflow;

namespace Tidu.Web.Pages.Recognitions;

/// <summary>
/// Recognitions of the officer's region by status on today's date (default: due for re-review); a province officer
/// keeps or revokes each with a reason here (the same decision as POST /api/v1/recognitions/{id}/decisions).
/// </summary>
public sealed class IndexModel(TiduDbContext db, RecognitionReviewer reviewer, TimeProvider clock, IOptions<DynamicManagementOptions> options) : PageModel
{
    public sealed record Row(long Id, string CreditCode, string Name, string Tier, DateOnly RecognizedOn, DateOnly? ValidUntil, string Status);

    [BindProperty(SupportsGet = true)] public string Status { get; set; } = RecognitionStatus.ReReviewDue;

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public DynamicManagementOptions Options => options.Value;
    public bool CanDecide => ReviewChain.LevelOf(User) == "province";
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    public static IReadOnlyList<string> Statuses { get; } =
        [RecognitionStatus.ReReviewDue, RecognitionStatus.Expired, RecognitionStatus.Valid, RecognitionStatus.Revoked];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct).ConfigureAwait(false);

    public async Task<IActionResult> OnPostDecideAsync(long id, string decision, string? ground, string? reason, CancellationToken ct)
    {
        var outcome = await reviewer.DecideAsync(id, new RecognitionsApi.ReviewRequest(decision, ground, reason), CanDecide, ct).ConfigureAwait(false);
        if (outcome.Refusal is { } r)
        {
            Error = r.Zh;
        }
        else
        {
            Message = Resources.Ui.RecognitionsDone;
        }
        await LoadAsync(ct).ConfigureAwait(false);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var today = ChinaCalendar.Today(clock);
        var lead = options.Value.ReReviewNoticeLeadDays;
        var horizon = today.AddDays(lead);
        // Narrowed by date in the database (at most a year either side of the horizon), the exact status computed per row.
        var rows = await db.Recognitions.AsNoTracking()
            .Where(r => Status == RecognitionStatus.Valid || Status == RecognitionStatus.Revoked || (r.ValidUntil != null && r.ValidUntil <= horizon && r.ValidUntil >= today.AddYears(-1)))
            .OrderBy(r => r.ValidUntil).ThenBy(r => r.Id)
            .Select(r => new { r.Id, r.Enterprise.CreditCode, r.Enterprise.Name, r.Tier, r.RecognizedOn, r.ValidUntil, Revoked = db.RecognitionReviews.Any(v => v.RecognitionId == r.Id && v.Decision == RecognitionDecisions.Revoke) })
            .Take(2000).ToListAsync(ct).ConfigureAwait(false);
        Rows = rows.Select(r => new Row(r.Id, r.CreditCode, r.Name, r.Tier, r.RecognizedOn, r.ValidUntil, RecognitionStatus.Of(r.RecognizedOn, r.ValidUntil, r.Revoked, today, lead)))
            .Where(r => r.Status == Status).Take(500).ToList();
    }
}
