using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidu.Web.Importing;
using Tidu.Web.Security;

namespace Tidu.Web.Pages.Import;

/// <summary>An upload's progress and report; the owner confirms the commit here. Other users get 404.</summary>
public sealed class JobModel(ImportJobs jobs) : PageModel
{
    public ImportJob Job { get; private set; } = null!;

    public IActionResult OnGet(Guid id)
    {
        if (Find(id) is not { } job)
        {
            return NotFound();
        }
        Job = job;
        return Page();
    }

    public IActionResult OnGetStatus(Guid id) =>
        Find(id) is { } job ? new JsonResult(new { state = job.State.ToString(), done = job.Done, total = job.Total }) : NotFound();

    public IActionResult OnPostCommit(Guid id)
    {
        if (Find(id) is not { } job)
        {
            return NotFound();
        }
        jobs.RequestCommit(job);
        return Redirect("/Import/Job/" + id);
    }

    private ImportJob? Find(Guid id) => jobs.Find(id, HttpRegionScopeSource.ScopeOf(User).Actor);
}
