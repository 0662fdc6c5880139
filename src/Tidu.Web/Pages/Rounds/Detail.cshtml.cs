using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tidu.Application.Workflow;
using Tidu.Data;
using Tidu.Data.Entities.Workflow;
using Tidu.Data.Registry;
using Tidu.Domain.Regions;

namespace Tidu.Web.Pages.Rounds;

using Application = Tidu.Data.Entities.Workflow.Application;

/// <summary>
/// One round: its dates, rule version, quotas (used / given per city) and progress (applications per state, counted
/// within the reader's region). An enterprise sees its own application in the round, or the way to apply.
/// </summary>
public sealed class DetailModel(TiduDbContext db, RoundService rounds, RegionTree regions, TimeProvider clock) : PageModel
{
    public Round Round { get; private set; } = null!;
    public IReadOnlyDictionary<ApplicationState, int> Progress { get; private set; } = new Dictionary<ApplicationState, int>();
    public DateOnly Today { get; private set; }

    /// <summary>The enterprise user's own application in this round, if any.</summary>
    public Application? Own { get; private set; }

    public string CityName(string code) => regions.Find(code)?.Name ?? code;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await db.Rounds.AsNoTracking().Include(r => r.Quotas).SingleOrDefaultAsync(r => r.Id == id, ct).ConfigureAwait(false) is not { } round)
        {
            return NotFound();
        }
        Round = round;
        Today = ChinaCalendar.Today(clock);
        Progress = await rounds.ProgressAsync(id, ct).ConfigureAwait(false);
        if (db.Scope.CreditCode is { } own)
        {
            Own = await db.Applications.AsNoTracking().SingleOrDefaultAsync(a => a.RoundId == id && a.Enterprise.CreditCode == own, ct).ConfigureAwait(false);
        }
        return Page();
    }
}
