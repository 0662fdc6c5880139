using Microsoft.AspNetCore.Http.HttpResults;
using Tidu.Application.Workflow;
using Tidu.Data.Entities.Workflow;
using Tidu.Web.Adapters;

namespace Tidu.Web.Workflow;

/// <summary>
/// Materials (申报材料) attached to an application by the enterprise or an officer (docs/procedure.md):
/// size limit and kinds from configuration, kinds recognised by content, stored under random names with their SHA-256.
/// Listing and download follow the application's visibility: whoever cannot see the application gets a 404.
/// </summary>
public static class MaterialsApi
{
    public static void Map(RouteGroupBuilder read, RouteGroupBuilder write)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(write);
        read.MapGet("/applications/{id:long}/materials", ListAsync).WithSummary("Materials attached to an application");
        read.MapGet("/applications/{id:long}/materials/{materialId:long}", DownloadAsync).ProducesFile().WithSummary("Download one material (as an attachment)");
        // Multipart: the CSRF filter of the group checks cookie callers, as for imports.
        write.MapPost("/applications/{id:long}/materials", UploadAsync).WithSummary("Attach a file (PDF, JPEG, PNG, XLSX, DOCX; size limit configured) to an application")
            .DisableAntiforgery();
    }

    private static async Task<Results<Ok<MaterialView[]>, ProblemHttpResult>> ListAsync(long id, ApplicationQueries applications, CancellationToken ct) =>
        (await applications.MaterialsAsync(id, ct).ConfigureAwait(false)).Answer(found => TypedResults.Ok(found.Materials.Select(MaterialView.Of).ToArray()));

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadAsync(long id, long materialId, HttpContext http, MaterialUploads materials,
        CancellationToken ct) =>
        (await materials.MaterialAsync(id, materialId, ct).ConfigureAwait(false)).Answer(file =>
        {
            // Never rendered by the browser as whatever it sniffs: a download, of the type its content was recognised as.
            http.Response.Headers.XContentTypeOptions = "nosniff";
            return TypedResults.File(file.Content, file.Material.ContentType, file.Material.FileName);
        });

    private static async Task<Results<Created<MaterialView>, ProblemHttpResult>> UploadAsync(long id, IFormFile? file, MaterialUploads uploads, CancellationToken ct)
    {
        await using var content = file?.OpenReadStream();
        var outcome = await uploads.AddAsync(id, content, file?.FileName, ct).ConfigureAwait(false);
        return outcome.Answer(material => TypedResults.Created($"/api/v1/applications/{id}/materials/{material.Id}", MaterialView.Of(material)));
    }
}

/// <summary>A material (申报材料) attached to an application: its name, recognised kind, size, SHA-256, who uploaded it, and where to download it.</summary>
public sealed record MaterialView(long Id, long ApplicationId, string FileName, string Kind, string ContentType, long Length, string Sha256, string UploadedBy,
    DateTimeOffset UploadedAt, string Download)
{
    public static MaterialView Of(ApplicationMaterial m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new(m.Id, m.ApplicationId, m.FileName, m.Kind, m.ContentType, m.Length, m.Sha256, m.UploadedBy, m.UploadedAt,
            $"/api/v1/applications/{m.ApplicationId}/materials/{m.Id}");
    }
}
