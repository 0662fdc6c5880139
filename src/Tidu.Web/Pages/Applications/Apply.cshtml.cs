using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidu.Application.Workflow;
using Tidu.Data.Entities.Workflow;
using Tidu.Data.Identity;

namespace Tidu.Web.Pages.Applications;

/// <summary>
/// The enterprise applies to a round (docs/procedure.md): it first sees the pre-evaluation of its file against the
/// round's tier — every check and, when it falls short, the gap — then declares its data true and submits.
/// </summary>
[Authorize(Roles = Roles.Enterprise)]
public sealed class ApplyModel(RoundService rounds, ApplicationService applications) : PageModel
{
    public Round Round { get; private set; } = null!;
    public PreEvaluation? Preview { get; private set; }
    public string? Message { get; private set; }

    [BindProperty]
    public bool DeclaredTrue { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) =>
        await LoadAsync(id, ct).ConfigureAwait(false) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        var outcome = await applications.SubmitAsync(id, DeclaredTrue, ct).ConfigureAwait(false);
        if (outcome.Value is { } done)
        {
            return Redirect($"/Applications/{done.Application.Id}");
        }
        if (!await LoadAsync(id, ct).ConfigureAwait(false))
        {
            return NotFound();
        }
        Message = outcome.Refusal!.Zh;
        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        if ((await rounds.FindAsync(id, ct).ConfigureAwait(false)).Value is not { } round)
        {
            return false;
        }
        Round = round;
        var preview = await applications.PreviewAsync(round, ct).ConfigureAwait(false);
        Preview = preview.Value;
        Message = preview.Refusal?.Zh;
        return true;
    }
}
