using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidu.Application.Workflow;
using Tidu.Data.Entities.Workflow;

namespace Tidu.Web.Pages.Rounds;

/// <summary>
/// Recognition rounds (申报批次): every signed-in user reads them (<see cref="RoundService.ListAsync"/>, as GET /api/v1/rounds);
/// a province officer opens them, an enterprise applies to an open one.
/// </summary>
public sealed class IndexModel(RoundService rounds) : PageModel
{
    public IReadOnlyList<Round> Rounds { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = rounds.Today;
        Rounds = await rounds.ListAsync(ct).ConfigureAwait(false);
    }

    public static bool IsOpen(Round round, DateOnly today) => RoundService.IsOpen(round, today);

    public static string Status(Round round, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(round);
        return today < round.OpensOn ? Resources.Ui.RoundNotYetOpen : today > round.ClosesOn ? Resources.Ui.RoundClosed : Resources.Ui.RoundOpen;
    }
}
