using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Tidu.Web.Importing;
using Tidu.Web.Resources;
using Tidu.Web.Security;

namespace Tidu.Web.Pages.Import;

/// <summary>Upload: the file is stored as a job in the database and checked in the background; the user is sent to the job's report page.</summary>
public sealed class IndexModel(ImportJobs jobs, IOptions<ImportOptions> options) : PageModel
{
    public string? Message { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? upload, CancellationToken ct)
    {
        var limits = options.Value;
        if (upload is null || upload.Length == 0)
        {
            // A body the server stopped reading at the limit binds no file: say so, not "choose a file".
            Message = ModelState.IsValid ? Ui.NoFile : UploadLimit.TooLargeZh(limits);
            return Page();
        }
        if (upload.Length > limits.MaxUploadBytes)
        {
            Message = UploadLimit.TooLargeZh(limits);
            return Page();
        }
        if (ProfileImporter.FormatOf(upload.FileName) is not { } format)
        {
            Message = Ui.UnsupportedFile;
            return Page();
        }
        using var content = new MemoryStream();
        await upload.CopyToAsync(content, ct).ConfigureAwait(false);
        var id = await jobs.EnqueueAsync(HttpRegionScopeSource.ScopeOf(User), Path.GetFileName(upload.FileName), format, content.ToArray(), ct).ConfigureAwait(false);
        return Redirect("/Import/Job/" + id);
    }
}
