using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tidu.Application.Service;
using Tidu.Data;
using Tidu.Data.Identity;
using Tidu.Web.Resources;
using Tidu.Web.Security;

namespace Tidu.Web.Pages.Service;

/// <summary>Commissioners of the officer's region: workload, enterprises lacking one (with the level and citation), and assignment.</summary>
public sealed class CommissionersModel(TiduDbContext db, CommissionerService service, UserManager<TiduUser> users) : PageModel
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
        var e = string.IsNullOrWhiteSpace(CreditCode) ? null : await db.Enterprises.SingleOrDefaultAsync(x => x.CreditCode == CreditCode.Trim(), ct).ConfigureAwait(false);
        var user = string.IsNullOrWhiteSpace(Commissioner) ? null : await users.FindByNameAsync(Commissioner.Trim()).ConfigureAwait(false);
        if (e is null)
        {
            (Message, Failed) = (Ui.ServiceEnterpriseNotFound, true);
        }
        else if (user is null)
        {
            (Message, Failed) = (Ui.ServiceCommissionerNotFound, true);
        }
        else
        {
            var (_, refusal) = await service.AssignAsync(e, user, await users.IsInRoleAsync(user, Roles.Commissioner).ConfigureAwait(false),
                User.FindFirst(TiduClaims.RegionCode)?.Value, User.IsInRole(Roles.Administrator), Reason, ct).ConfigureAwait(false);
            Message = refusal?.Zh ?? Ui.ServiceAssigned;
            Failed = refusal is not null;
        }
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
