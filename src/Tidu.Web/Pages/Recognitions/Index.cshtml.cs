using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidu.Application.Dynamic;

namespace Tidu.Web.Pages.Recognitions;

/// <summary>
/// Recognitions of the officer's region by status on today's date (default: due for re-review); a province officer
/// keeps or revokes each with a reason here. Listing and deciding are <see cref="Application.Dynamic.Recognitions"/>'s,
/// as for /api/v1/recognitions: the page shows what the API answers for the same status.
/// </summary>
public sealed class IndexModel(Application.Dynamic.Recognitions recognitions) : PageModel
{
    /// <summary>How many recognitions the page lists (the API's largest page).</summary>
    public const int Shown = Application.Dynamic.Recognitions.MaxTake;

    [BindProperty(SupportsGet = true)] public string Status { get; set; } = RecognitionStatus.ReReviewDue;

    public IReadOnlyList<RecognitionRow> Rows { get; private set; } = [];
    public DynamicManagementOptions Options => recognitions.Options;
    public bool CanDecide => recognitions.CanDecide;
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    public static IReadOnlyList<string> Statuses { get; } =
        [RecognitionStatus.ReReviewDue, RecognitionStatus.Expired, RecognitionStatus.Valid, RecognitionStatus.Revoked];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct).ConfigureAwait(false);

    public async Task<IActionResult> OnPostDecideAsync(long id, string decision, string? ground, string? reason, CancellationToken ct)
    {
        var outcome = await recognitions.DecideAsync(id, new ReviewRequest(decision, ground, reason), ct).ConfigureAwait(false);
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
        var list = await recognitions.ListAsync(Status, null, Shown, ct).ConfigureAwait(false);
        Rows = list.Value?.Items ?? [];
        Error ??= list.Refusal?.Zh;
    }
}
