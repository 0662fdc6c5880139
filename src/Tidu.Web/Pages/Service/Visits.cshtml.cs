using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidu.Application.Service;
using Tidu.Data.Entities.Service;
using Tidu.Data.Registry;
using Tidu.Data.Scoping;

namespace Tidu.Web.Pages.Service;

/// <summary>
/// Visits (走访) in the user's scope (/Service/Visits); a commissioner logs one here — day, enterprise, notes, issues —
/// through <see cref="VisitLog"/>, as the API does. For officers, administrators and commissioners.
/// </summary>
public sealed class VisitsModel(VisitLog visits, TimeProvider clock, ILogger<VisitsModel> log) : PageModel
{
    public IReadOnlyList<Visit> Visits { get; private set; } = [];
    public string? Message { get; private set; }
    public bool Saved { get; private set; }
    public DateOnly Today { get; private set; }
    public bool CanLog => AccessMatrix.Allows(User, Resource.Visit, Operation.Write);

    [BindProperty] public string? CreditCode { get; set; }
    [BindProperty] public DateOnly? VisitedOn { get; set; }
    [BindProperty] public string? Notes { get; set; }
    [BindProperty] public string? IssuesFound { get; set; }
    [BindProperty] public int? IssuesSolved { get; set; }

    public async Task<IActionResult> OnGetAsync(bool saved, CancellationToken ct)
    {
        if (!AccessMatrix.Allows(User, Resource.Visit, Operation.Read))
        {
            return Forbid();
        }
        Saved = saved;
        await LoadAsync(ct).ConfigureAwait(false);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await visits.LogAsync(new LogVisitBody(CreditCode?.Trim().ToUpperInvariant(), VisitedOn, Notes, IssuesFound, IssuesSolved), ct).ConfigureAwait(false);
        if (outcome.Refusal is { } refused)
        {
            log.LogInformation("visit refused: {Reason}", refused.En);
            if (refused.Kind == Tidu.Application.RefusalKind.Forbidden)
            {
                return Forbid();
            }
            Message = refused.Zh;
            await LoadAsync(ct).ConfigureAwait(false);
            return Page();
        }
        return RedirectToPage(new { saved = true });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Today = ChinaCalendar.Today(clock);
        Visits = await visits.ListAsync(null, ct).ConfigureAwait(false);
    }
}
