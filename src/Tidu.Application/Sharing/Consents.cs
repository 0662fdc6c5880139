using Microsoft.EntityFrameworkCore;
using Tidu.Data;
using Tidu.Data.Entities.Sharing;
using Tidu.Data.Registry;

namespace Tidu.Application.Sharing;

/// <summary>A consent after giving or withdrawing it; <see cref="Created"/> when this call recorded it (giving twice changes nothing).</summary>
public sealed record ConsentChange(SharingConsent Consent, bool Created);

/// <summary>
/// Giving and withdrawing consent to share. The enterprise's own user gives it online; an officer records a consent
/// given on paper (the form's reference is required). Either may withdraw it. Scope comes from the database: an
/// enterprise user reaches only their own file, an officer only files in their region. Every write is audited.
/// </summary>
public sealed class Consents(TiduDbContext db, EnterpriseRegistry registry, TimeProvider clock, IActorSource actors)
{
    public bool MayManage => Access.May(actors.Current, AccessRight.ManageConsent);

    public async Task<Outcome<IReadOnlyList<SharingConsent>>> ListAsync(string creditCode, CancellationToken ct)
    {
        if (Access.Require(actors.Current, AccessRight.ManageConsent) is { } forbidden)
        {
            return forbidden;
        }
        if (await registry.FindAsync(creditCode, ct).ConfigureAwait(false) is not { } e)
        {
            return NotFound(creditCode);
        }
        var list = await db.SharingConsents.AsNoTracking().Where(c => c.EnterpriseId == e.Id).OrderByDescending(c => c.Id).ToListAsync(ct).ConfigureAwait(false);
        return new Outcome<IReadOnlyList<SharingConsent>>(list, null);
    }

    public async Task<Outcome<ConsentChange>> GiveAsync(string creditCode, string? recipientKind, string? paperReference, CancellationToken ct)
    {
        var actor = actors.Current;
        if (Access.Require(actor, AccessRight.ManageConsent) is { } forbidden)
        {
            return forbidden;
        }
        if (recipientKind is null || !RecipientKinds.All.Contains(recipientKind))
        {
            return Refusal.Invalid("consent.unknown-recipient", "请选择授权对象（银行或服务机构）。", $"recipientKind must be one of {string.Join(", ", RecipientKinds.All)}");
        }
        var onPaper = !actor.IsEnterprise;
        if (onPaper && string.IsNullOrWhiteSpace(paperReference))
        {
            return Refusal.Invalid("consent.paper-reference-required", "代企业登记授权时须填写纸质授权书编号。", "an officer records paper consent only with the paper's reference");
        }
        if (await registry.FindAsync(creditCode, ct).ConfigureAwait(false) is not { } e)
        {
            return NotFound(creditCode);
        }
        var active = await db.SharingConsents.FirstOrDefaultAsync(c => c.EnterpriseId == e.Id && c.RecipientKind == recipientKind && c.WithdrawnAt == null, ct).ConfigureAwait(false);
        if (active is not null)
        {
            return new ConsentChange(active, false); // already given: giving again changes nothing
        }
        var consent = new SharingConsent
        {
            EnterpriseId = e.Id,
            RecipientKind = recipientKind,
            Basis = onPaper ? "paper" : "online",
            PaperReference = onPaper ? paperReference!.Trim() : null,
            GivenAt = clock.GetUtcNow(),
            GivenBy = actor.Name,
        };
        db.SharingConsents.Add(consent);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return new ConsentChange(consent, true);
    }

    public async Task<Outcome<ConsentChange>> WithdrawAsync(string creditCode, long id, CancellationToken ct)
    {
        if (Access.Require(actors.Current, AccessRight.ManageConsent) is { } forbidden)
        {
            return forbidden;
        }
        if (await registry.FindAsync(creditCode, ct).ConfigureAwait(false) is not { } e
            || await db.SharingConsents.FirstOrDefaultAsync(c => c.Id == id && c.EnterpriseId == e.Id, ct).ConfigureAwait(false) is not { } consent)
        {
            return NotFound(creditCode);
        }
        if (consent.WithdrawnAt is null)
        {
            consent.WithdrawnAt = clock.GetUtcNow();
            consent.WithdrawnBy = actors.Current.Name;
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        return new ConsentChange(consent, false);
    }

    private static Refusal NotFound(string creditCode) =>
        Refusal.NotFound("consent.not-found", "未找到该企业或授权记录（或不在您的管辖范围内）。", $"no enterprise {creditCode} (or no such consent) in the caller's scope");
}
