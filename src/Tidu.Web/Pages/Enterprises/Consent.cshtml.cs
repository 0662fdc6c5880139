using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidu.Application;
using Tidu.Application.Sharing;
using Tidu.Data.Entities.Sharing;
using Tidu.Data.Identity;

namespace Tidu.Web.Pages.Enterprises;

/// <summary>
/// An enterprise's consents to appear on recipients' lists: its own user gives or withdraws them; an officer
/// records a consent given on paper (with the form's reference) or its withdrawal.
/// </summary>
public sealed class ConsentModel(Consents consents) : PageModel
{
    public string CreditCode { get; private set; } = "";
    public IReadOnlyList<SharingConsent> Items { get; private set; } = [];
    public bool IsEnterpriseUser => User.IsInRole(Roles.Enterprise);
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(string creditCode, CancellationToken ct) => await LoadAsync(creditCode, ct).ConfigureAwait(false);

    public async Task<IActionResult> OnPostGiveAsync(string creditCode, string? recipientKind, string? paperReference, CancellationToken ct)
    {
        var outcome = await consents.GiveAsync(creditCode, recipientKind, paperReference, ct).ConfigureAwait(false);
        if (outcome.Refusal?.Kind == RefusalKind.Forbidden)
        {
            return Forbid();
        }
        Message = outcome.Refusal?.Zh;
        return await LoadAsync(creditCode, ct).ConfigureAwait(false);
    }

    public async Task<IActionResult> OnPostWithdrawAsync(string creditCode, long id, CancellationToken ct)
    {
        var outcome = await consents.WithdrawAsync(creditCode, id, ct).ConfigureAwait(false);
        if (outcome.Refusal?.Kind == RefusalKind.Forbidden)
        {
            return Forbid();
        }
        Message = outcome.Refusal?.Zh;
        return await LoadAsync(creditCode, ct).ConfigureAwait(false);
    }

    private async Task<IActionResult> LoadAsync(string creditCode, CancellationToken ct)
    {
        var list = await consents.ListAsync(creditCode, ct).ConfigureAwait(false);
        if (list.Refusal is { } refused)
        {
            return refused.Kind == RefusalKind.Forbidden ? Forbid() : NotFound();
        }
        CreditCode = creditCode;
        Items = list.Value!;
        return Page();
    }

    public static string Kind(string kind) => kind == RecipientKinds.Bank ? "银行" : "服务机构";
}
