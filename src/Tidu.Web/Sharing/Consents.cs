using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Tidu.Data;
using Tidu.Data.Entities.Sharing;
using Tidu.Data.Identity;
using Tidu.Data.Registry;

namespace Tidu.Web.Sharing;

/// <summary>What happened to a consent request, with the Chinese message for the user when it was refused.</summary>
public sealed record ConsentOutcome(SharingConsent? Consent, int Status, string? Problem, string? ProblemEn);

/// <summary>
/// Giving and withdrawing consent to share. The enterprise's own user gives it online; an officer records a consent
/// given on paper (the form's reference is required). Either may withdraw it. Scope comes from the database: an
/// enterprise user reaches only their own file, an officer only files in their region. Every write is audited.
/// </summary>
public sealed class Consents(TiduDbContext db, EnterpriseRegistry registry, TimeProvider clock)
{
    public static bool MayManage(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Enterprise) || Roles.Officers.Any(user.IsInRole);

    public async Task<IReadOnlyList<SharingConsent>?> ListAsync(string creditCode, CancellationToken ct)
    {
        if (await registry.FindAsync(creditCode, ct).ConfigureAwait(false) is not { } e)
        {
            return null;
        }
        return await db.SharingConsents.AsNoTracking().Where(c => c.EnterpriseId == e.Id).OrderByDescending(c => c.Id).ToListAsync(ct).ConfigureAwait(false);
    }

    public async Task<ConsentOutcome> GiveAsync(string creditCode, string? recipientKind, string? paperReference, ClaimsPrincipal user, CancellationToken ct)
    {
        if (recipientKind is null || !RecipientKinds.All.Contains(recipientKind))
        {
            return new ConsentOutcome(null, StatusCodes.Status422UnprocessableEntity, "请选择授权对象（银行或服务机构）。", $"recipientKind must be one of {string.Join(", ", RecipientKinds.All)}");
        }
        var onPaper = !user.IsInRole(Roles.Enterprise);
        if (onPaper && string.IsNullOrWhiteSpace(paperReference))
        {
            return new ConsentOutcome(null, StatusCodes.Status422UnprocessableEntity, "代企业登记授权时须填写纸质授权书编号。", "an officer records paper consent only with the paper's reference");
        }
        if (await registry.FindAsync(creditCode, ct).ConfigureAwait(false) is not { } e)
        {
            return NotFound(creditCode);
        }
        var active = await db.SharingConsents.FirstOrDefaultAsync(c => c.EnterpriseId == e.Id && c.RecipientKind == recipientKind && c.WithdrawnAt == null, ct).ConfigureAwait(false);
        if (active is not null)
        {
            return new ConsentOutcome(active, StatusCodes.Status200OK, null, null); // already given: giving again changes nothing
        }
        var consent = new SharingConsent
        {
            EnterpriseId = e.Id,
            RecipientKind = recipientKind,
            Basis = onPaper ? "paper" : "online",
            PaperReference = onPaper ? paperReference!.Trim() : null,
            GivenAt = clock.GetUtcNow(),
            GivenBy = user.Identity?.Name ?? "unknown",
        };
        db.SharingConsents.Add(consent);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return new ConsentOutcome(consent, StatusCodes.Status201Created, null, null);
    }

    public async Task<ConsentOutcome> WithdrawAsync(string creditCode, long id, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await registry.FindAsync(creditCode, ct).ConfigureAwait(false) is not { } e
            || await db.SharingConsents.FirstOrDefaultAsync(c => c.Id == id && c.EnterpriseId == e.Id, ct).ConfigureAwait(false) is not { } consent)
        {
            return NotFound(creditCode);
        }
        if (consent.WithdrawnAt is null)
        {
            consent.WithdrawnAt = clock.GetUtcNow();
            consent.WithdrawnBy = user.Identity?.Name ?? "unknown";
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        return new ConsentOutcome(consent, StatusCodes.Status200OK, null, null);
    }

    private static ConsentOutcome NotFound(string creditCode) =>
        new(null, StatusCodes.Status404NotFound, "未找到该企业或授权记录（或不在您的管辖范围内）。", $"no enterprise {creditCode} (or no such consent) in the caller's scope");
}
