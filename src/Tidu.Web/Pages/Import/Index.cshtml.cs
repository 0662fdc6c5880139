using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidu.Web.Importing;
using Tidu.Web.Resources;
using Tidu.Web.Security;

namespace Tidu.Web.Pages.Import;

/// <summary>Upload: the file is kept in memory and validated in the background; the user is sent to the job's report page.</summary>
[RequestSizeLimit(ImportLimits.MaxUploadBytes)]
public sealed class IndexModel(ImportJobs jobs) : PageModel
{
    public string? Message { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? upload, CancellationToken ct)
    {
        if (upload is null || upload.Length == 0)
        {
            Message = Ui.NoFile;
            return Page();
        }
        if (ProfileImporter.FormatOf(upload.FileName) is not { } format)
        {
            Message = Ui.UnsupportedFile;
            return Page();
        }
        using var content = new MemoryStream();
        await upload.CopyToAsync(content, ct).ConfigureAwait(false);
        var scope = HttpRegionScopeSource.ScopeOf(User);
        var job = jobs.Enqueue(new ImportJob(Guid.NewGuid(), scope.Actor, scope, Path.GetFileName(upload.FileName), format, content.ToArray()));
        return Redirect("/Import/Job/" + job.Id);
    }
}
