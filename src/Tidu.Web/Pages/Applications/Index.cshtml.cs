using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidu.Application.Workflow;

namespace Tidu.Web.Pages.Applications;

using Application = Tidu.Data.Entities.Workflow.Application;

/// <summary>
/// An officer's review queue: the applications waiting at their level, within their region
/// (<see cref="ApplicationQueries.ListAsync"/>, the same query as GET /api/v1/applications?queue=true). With
/// <c>all=true</c>, every application in their region whatever its state. An enterprise sees its own applications.
/// </summary>
public sealed class IndexModel(ApplicationQueries applications) : PageModel
{
    public IReadOnlyList<Application> Applications { get; private set; } = [];

    /// <summary>The level whose queue this is; null for an enterprise or expert (no queue, everything in scope).</summary>
    public string? Level { get; private set; }

    public bool All { get; private set; }

    public async Task OnGetAsync(long? round, bool all, CancellationToken ct)
    {
        var list = (await applications.ListAsync(new ApplicationFilter(round, Queue: !all), ct).ConfigureAwait(false)).Value!;
        (Applications, Level, All) = (list.Items, list.Level, !list.Queue);
    }
}
