using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidu.Application;
using Tidu.Application.Service;
using Tidu.Data.Entities.Service;
using Tidu.Rules.Service;
using Tidu.Web.Resources;

namespace Tidu.Web.Pages.Service;

/// <summary>
/// Requests (诉求) in the user's scope; an enterprise user raises one here (<see cref="RequestRegister"/>, as GET and POST
/// /api/v1/requests). Accepting, answering and closing: the request's page (/Service/Requests/{id}) or the API.
/// </summary>
public sealed class RequestsModel(RequestRegister register) : PageModel
{
    public IReadOnlyList<EnterpriseRequest> Requests { get; private set; } = [];
    public IReadOnlyList<RequestCategory> Categories => register.Categories;
    public DateOnly Today { get; private set; }
    public string? Message { get; private set; }
    public bool CanRaise => register.Raises;

    [BindProperty] public string? Category { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Description { get; set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await register.RaiseAsync(Category, Title, Description, ct).ConfigureAwait(false);
        if (outcome.Succeeded)
        {
            return RedirectToPage();
        }
        if (outcome.Refusal!.Kind == RefusalKind.Forbidden)
        {
            return Forbid();
        }
        Message = outcome.Refusal.Kind == RefusalKind.Validation ? Ui.ServiceRequestInvalid : outcome.Refusal.Zh;
        await LoadAsync(ct).ConfigureAwait(false);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var list = (await register.ListAsync(null, ct).ConfigureAwait(false)).Value!;
        (Today, Requests) = (list.Today, list.Items);
    }

    public string CategoryTitle(string id) => register.Categories.FirstOrDefault(c => c.Id == id)?.Title ?? id;

    public static string StatusZh(RequestStatus s) => s switch
    {
        RequestStatus.Submitted => Ui.ServiceStatusSubmitted,
        RequestStatus.Accepted => Ui.ServiceStatusAccepted,
        RequestStatus.Replied => Ui.ServiceStatusReplied,
        _ => Ui.ServiceStatusClosed,
    };
}
