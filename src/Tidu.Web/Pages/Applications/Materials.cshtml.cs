using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidu.Application.Workflow;
using Tidu.Data.Entities.Workflow;

namespace Tidu.Web.Pages.Applications;

/// <summary>
/// An application's materials (申报材料): the list (file, kind, size, who attached it and when, download) and, for the
/// applying enterprise and the officers, the upload — the same services as GET and POST /api/v1/applications/{id}/materials.
/// Whoever cannot see the application gets a 404.
/// </summary>
public sealed class MaterialsModel(ApplicationQueries applications, MaterialUploads uploads, MaterialStore store) : PageModel
{
    public Data.Entities.Workflow.Application Application { get; private set; } = null!;
    public IReadOnlyList<ApplicationMaterial> Materials { get; private set; } = [];
    public string? Message { get; private set; }
    public bool Uploaded { get; private set; }
    public bool CanUpload => uploads.MayUpload && MaterialUploads.Open(Application.State);
    public MaterialOptions Limits => store.Options;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        Uploaded = Request.Query.ContainsKey("uploaded");
        return await LoadAsync(id, ct).ConfigureAwait(false) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(long id, IFormFile? upload, CancellationToken ct)
    {
        await using var content = upload?.OpenReadStream();
        var outcome = await uploads.AddAsync(id, content, upload?.FileName, ct).ConfigureAwait(false);
        if (outcome.Value is not null)
        {
            return Redirect($"/Applications/{id}/Materials?uploaded=1");
        }
        if (!await LoadAsync(id, ct).ConfigureAwait(false))
        {
            return NotFound();
        }
        Message = outcome.Refusal!.Zh;
        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        if ((await applications.MaterialsAsync(id, ct).ConfigureAwait(false)).Value is not { } found)
        {
            return false;
        }
        (Application, Materials) = (found.Application, found.Materials);
        return true;
    }
}
