using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tidu.Application.Workflow;
using Tidu.Data;
using Tidu.Data.Entities.Workflow;

namespace Tidu.Web.Pages.Applications;

using Application = Tidu.Data.Entities.Workflow.Application;

/// <summary>
/// An officer's review queue: the applications waiting at their level (<see cref="Lifecycle.WaitingFor"/>), within their
/// region — the database's scope filter leaves out every other region's. With <c>all=true</c>, every application in
/// their region whatever its state. An enterprise sees its own applications.
/// </summary>
public sealed class IndexModel(TiduDbContext db, Tidu.Application.IActorSource actors) : PageModel
{
    public IReadOnlyList<Application> Applications { get; private set; } = [];

    /// <summary>The level whose queue this is; null for an enterprise or administrator (no queue, everything in scope).</summary>
    public string? Level { get; private set; }

    public bool All { get; private set; }

    public async Task OnGetAsync(long? round, bool all, CancellationToken ct)
    {
        Level = Lifecycle.LevelOf(actors.Current.Role);
        All = all || Level is null;
        var query = db.Applications.AsNoTracking().Include(a => a.Enterprise).Include(a => a.Round).AsQueryable();
        if (round is { } r)
        {
            query = query.Where(a => a.RoundId == r);
        }
        if (!All)
        {
            var waiting = Lifecycle.WaitingFor(actors.Current.Role).ToList();
            query = query.Where(a => waiting.Contains(a.State));
        }
        Applications = await query.OrderBy(a => a.Id).ToListAsync(ct).ConfigureAwait(false);
    }
}
