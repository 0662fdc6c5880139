using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Tidu.Data;
using Tidu.Data.Entities.Workflow;
using Tidu.Data.Identity;
using static Tidu.Web.Workflow.WorkflowProblems;

namespace Tidu.Web.Workflow;

/// <summary>
/// Attaching a material (申报材料) to an application, for the API and the pages alike: the applying enterprise or an
/// officer, until the application is decided for good; the file checked by <see cref="MaterialStore"/> (size, kind by
/// content) and stored under a random name with its SHA-256; a row and a file, or neither.
/// </summary>
public sealed class MaterialUploads(TiduDbContext db, MaterialStore store, TimeProvider clock, ILogger<MaterialUploads> log)
{
    // Materials can be added until the application is decided for good.
    private static readonly ApplicationState[] Closed = [ApplicationState.Recognized, ApplicationState.Rejected];

    /// <summary>Whether materials may still be added to an application in <paramref name="state"/>.</summary>
    public static bool Open(ApplicationState state) => !Closed.Contains(state);

    /// <summary>Whether <paramref name="user"/> attaches materials at all (the applying enterprise, or an officer).</summary>
    public static bool MayUpload(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(Roles.Enterprise) || ReviewChain.LevelOf(user) is not null;
    }

    public async Task<WorkflowOutcome<ApplicationMaterial>> AddAsync(long id, Stream? content, string? fileName, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!MayUpload(user))
        {
            return Forbidden("只有申报企业或主管部门可以上传材料", "only the applying enterprise or an officer attaches materials");
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
            log.LogWarning("Upload to application {Id} refused: {Reason}", id, refusal.En);
            return Problem(refusal.Status, refusal.Zh, refusal.En);
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
            UploadedBy = db.Scope.Actor,
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
}
