using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidu.Application.Sharing;
using Tidu.Data.Entities.Sharing;

namespace Tidu.Web.Pages.Sharing;

/// <summary>
/// The list pull log: who got which list when, how many rows, the list's hash (officers: pulls covering their region;
/// the audit administrator: all) — <see cref="ListPulls"/>, as GET /api/v1/lists/pulls.
/// </summary>
public sealed class PullsModel(ListPulls pulls) : PageModel
{
    public IReadOnlyList<ListPull> Pulls { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Pulls = await pulls.RecentAsync(null, ct).ConfigureAwait(false);
}
