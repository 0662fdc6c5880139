using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tidu.Data;
using Tidu.Data.Entities.Workflow;
using Tidu.Data.Registry;

namespace Tidu.Web.Pages.Rounds;

/// <summary>Recognition rounds (申报批次): every signed-in user reads them; a province officer opens them, an enterprise applies to an open one.</summary>
public sealed class IndexModel(TiduDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<Round> Rounds { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = ChinaCalendar.Today(clock);
        Rounds = await db.Rounds.AsNoTracking().OrderByDescending(r => r.Id).ToListAsync(ct).ConfigureAwait(false);
    }

    public static bool IsOpen(Round round, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(round);
        return round.OpensOn <= today && today <= round.ClosesOn;
    }

    public static string Status(Round round, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(round);
        return today < round.OpensOn ? Resources.Ui.RoundNotYetOpen : today > round.ClosesOn ? Resources.Ui.RoundClosed : Resources.Ui.RoundOpen;
    }
}
