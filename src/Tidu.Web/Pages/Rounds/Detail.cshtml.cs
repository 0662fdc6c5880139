using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidu.Application.Workflow;
using Tidu.Data.Entities.Workflow;
using Tidu.Domain.Regions;

namespace Tidu.Web.Pages.Rounds;

using Application = Tidu.Data.Entities.Workflow.Application;

/// <summary>
/// One round (<see cref="RoundService.OverviewAsync"/>): its dates, rule version, quotas (used / given per city) and
/// progress (applications per state, counted within the reader's region). An enterprise sees its own application in
/// the round, or the way to apply.
/// </summary>
public sealed class DetailModel(RoundService rounds, RegionTree regions) : PageModel
{
    public Round Round { get; private set; } = null!;
    public IReadOnlyDictionary<ApplicationState, int> Progress { get; private set; } = new Dictionary<ApplicationState, int>();
    public DateOnly Today { get; private set; }

    /// <summary>The enterprise user's own application in this round, if any.</summary>
    public Application? Own { get; private set; }

    public string CityName(string code) => regions.Find(code)?.Name ?? code;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if ((await rounds.OverviewAsync(id, ct).ConfigureAwait(false)).Value is not { } overview)
        {
            return NotFound();
        }
        (Round, Progress, Own, Today) = (overview.Round, overview.Progress, overview.Own, overview.Today);
        return Page();
    }
}
