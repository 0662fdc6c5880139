using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidu.Application.Service;
using Tidu.Web.Resources;

namespace Tidu.Web.Pages.Service;

/// <summary>
/// Commissioners of the officer's region: workload, enterprises lacking one (with the level and citation), and
/// assignment (<see cref="CommissionerService.AssignAsync(string?, string?, string?, CancellationToken)"/>, as POST
/// /api/v1/enterprises/{creditCode}/commissioner).
/// </summary>
public sealed class CommissionersModel(CommissionerService service) : PageModel
{
    public IReadOnlyList<Workload> Workloads { get; private set; } = [];
    public IReadOnlyList<Lacking> Lacking { get; private set; } = [];
    public DateOnly On { get; private set; }
    public string? Message { get; private set; }
    public bool Failed { get; private set; }

    [BindProperty] public string? CreditCode { get; set; }
    [BindProperty] public string? Commissioner { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await service.AssignAsync(CreditCode, Commissioner, Reason, ct).ConfigureAwait(false);
        (Message, Failed) = outcome.Refusal is { } refusal ? (refusal.Zh, true) : (Ui.ServiceAssigned, false);
        await LoadAsync(ct).ConfigureAwait(false);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        On = service.Today;
        Workloads = await service.WorkloadAsync(await service.CommissionersInScopeAsync(ct).ConfigureAwait(false), ct).ConfigureAwait(false);
        Lacking = await service.LackingAsync(On, null, ct).ConfigureAwait(false);
    }
}
