using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidu.Web.Importing;
using Tidu.Web.Security;

namespace Tidu.Web.Pages.Import;

/// <summary>An upload's progress and report, page by page; the owner confirms the commit here. Other users get 404.</summary>
public sealed class JobModel(ImportJobs jobs) : PageModel
{
    public ImportJobView Job { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, int? page, CancellationToken ct)
    {
        if (await FindAsync(id, page ?? 1, ct).ConfigureAwait(false) is not { } job)
        {
            return NotFound();
        }
        Job = job;
        return Page();
    }

    public async Task<IActionResult> OnGetStatusAsync(Guid id, CancellationToken ct) =>
        await FindAsync(id, 1, ct).ConfigureAwait(false) is { } job ? new JsonResult(new { state = job.State.ToString(), done = job.Done, total = job.Total }) : NotFound();

    public async Task<IActionResult> OnPostCommitAsync(Guid id, CancellationToken ct)
    {
        if (await FindAsync(id, 1, ct).ConfigureAwait(false) is null)
        {
            return NotFound();
        }
        await jobs.RequestCommitAsync(id, Owner, ct).ConfigureAwait(false);
        return Redirect("/Import/Job/" + id);
    }

    private string Owner => HttpRegionScopeSource.ScopeOf(User).Actor;

    private Task<ImportJobView?> FindAsync(Guid id, int page, CancellationToken ct) => jobs.FindAsync(id, Owner, page, ct);
}
