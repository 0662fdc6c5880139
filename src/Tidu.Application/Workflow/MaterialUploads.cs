using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Tidu.Data;
using Tidu.Data.Entities.Workflow;
using static Tidu.Application.Workflow.WorkflowProblems;

namespace Tidu.Application.Workflow;

/// <summary>A material to download: its row (name, recognised type) and its stored content, opened for reading.</summary>
public sealed record MaterialFile(ApplicationMaterial Material, Stream Content);

/// <summary>
/// Attaching a material (申报材料) to an application, and reading one back, for the API and the pages alike: the applying enterprise or an
/// officer, until the application is decided for good; the file checked by <see cref="MaterialStore"/> (size, kind by
/// content) and stored under a random name with its SHA-256; a row and a file, or neither.
/// </summary>
public sealed partial class MaterialUploads(TiduDbContext db, MaterialStore store, IActorSource actors, TimeProvider clock, ILogger<MaterialUploads> log)
{
    // Materials can be added until the application is decided for good.
    private static readonly ApplicationState[] Closed = [ApplicationState.Recognized, ApplicationState.Rejected];

    /// <summary>Whether materials may still be added to an application in <paramref name="state"/>.</summary>
    public static bool Open(ApplicationState state) => !Closed.Contains(state);

    /// <summary>Whether the current actor attaches materials at all (the applying enterprise, or an officer).</summary>
    public bool MayUpload => Access.May(actors.Current, AccessRight.AttachMaterial);

    /// <summary>One material of an application, opened for reading; not found when the reader cannot see the application (the scope filter's).</summary>
    public async Task<Outcome<MaterialFile>> MaterialAsync(long id, long materialId, CancellationToken ct)
    {
        var material = await db.ApplicationMaterials.AsNoTracking().SingleOrDefaultAsync(m => m.Id == materialId && m.ApplicationId == id, ct).ConfigureAwait(false);
        return material is null
            ? NotFound("未找到该材料（或不在您的管辖范围内）", $"no material {materialId} of application {id} in the caller's scope", "material.not-found")
            : new MaterialFile(material, store.OpenRead(material.StoredName));
    }

    public async Task<Outcome<ApplicationMaterial>> AddAsync(long id, Stream? content, string? fileName, CancellationToken ct)
    {
        if (Access.Require(actors.Current, AccessRight.AttachMaterial) is { } forbidden)
        {
            return forbidden;
        }
        var application = await db.Applications.Include(a => a.Enterprise).SingleOrDefaultAsync(a => a.Id == id, ct).ConfigureAwait(false);
        if (application is null)
        {
            return ApplicationNotFound(id);
        }
        if (!Open(application.State))
        {
            return Conflict("该申报已办结，不能再上传材料", $"application {id} is {application.State}; materials are attached before that");
        }
        if (content is null || string.IsNullOrEmpty(fileName))
        {
            return Unprocessable("请选择要上传的文件", "no file: send it as multipart/form-data field 'file'");
        }
        var name = MaterialFileName.Sanitise(fileName);
        var (staged, refusal) = await store.StageAsync(content, name, ct).ConfigureAwait(false);
        if (refusal is not null)
        {
            UploadRefused(log, id, refusal.En);
            return refusal;
        }
        var material = new ApplicationMaterial
        {
            ApplicationId = id,
            Application = application,
            EnterpriseId = application.EnterpriseId,
            FileName = name,
            StoredName = staged!.StoredName,
            Kind = staged.Kind.Id,
            ContentType = staged.Kind.ContentType,
            Length = staged.Length,
            Sha256 = staged.Sha256,
            UploadedBy = actors.Current.Name,
            UploadedAt = clock.GetUtcNow(),
        };
        db.ApplicationMaterials.Add(material);
        db.RuleSetVersion = application.PreEvaluationRuleVersion;
        store.Commit(staged);
        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            // No row, no file: a material is either fully there or not at all.
            store.Remove(staged.StoredName);
            throw;
        }
        return material;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upload to application {Id} refused: {Reason}")]
    private static partial void UploadRefused(ILogger logger, long id, string reason);
}
