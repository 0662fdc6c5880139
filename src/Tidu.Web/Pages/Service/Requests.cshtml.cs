using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tidu.Application.Service;
using Tidu.Data;
using Tidu.Data.Entities.Service;
using Tidu.Data.Identity;
using Tidu.Data.Registry;
using Tidu.Rules.Service;
using Tidu.Web.Resources;

namespace Tidu.Web.Pages.Service;

/// <summary>Requests (诉求) in the user's scope; an enterprise user raises one here. Accepting, answering and closing: the request's page (/Service/Requests/{id}) or the API.</summary>
public sealed class RequestsModel(TiduDbContext db, ServiceRules rules, RequestEscalator escalator, TimeProvider clock, IOptions<ServiceOptions> options,
    Tidu.Rules.Calendar.WorkingDayCalendar calendar) : PageModel
{
    public IReadOnlyList<EnterpriseRequest> Requests { get; private set; } = [];
    public IReadOnlyList<RequestCategory> Categories => rules.Categories;
    public DateOnly Today { get; private set; }
    public string? Message { get; private set; }
    public bool CanRaise => User.IsInRole(Roles.Enterprise);

    [BindProperty] public string? Category { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Description { get; set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CanRaise || db.Scope.CreditCode is not { } code)
        {
            return Forbid();
        }
        if (rules.Category(Category ?? "") is null || string.IsNullOrWhiteSpace(Title) || Title.Length > 200 || string.IsNullOrWhiteSpace(Description) || Description.Length > 4000)
        {
            Message = Ui.ServiceRequestInvalid;
        }
        else if (await db.Enterprises.SingleOrDefaultAsync(e => e.CreditCode == code, ct).ConfigureAwait(false) is { } e)
        {
            var current = await db.CommissionerAssignments.AsNoTracking().Where(a => a.EnterpriseId == e.Id && a.EndedAt == null).OrderByDescending(a => a.Id).FirstOrDefaultAsync(ct).ConfigureAwait(false);
            try
            {
                db.EnterpriseRequests.Add(NewRequest.Create(e, current, Category!, Title.Trim(), Description.Trim(), db.Scope.Actor, clock.GetUtcNow(), ChinaCalendar.Today(clock),
                    options.Value.RequestResponseWorkingDays, calendar));
                await db.SaveChangesAsync(ct).ConfigureAwait(false);
                return RedirectToPage();
            }
            catch (Tidu.Rules.Calendar.CalendarNotCoveredException ex)
            {
                Message = ex.Message;
            }
        }
        await LoadAsync(ct).ConfigureAwait(false);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await escalator.EscalateOverdueAsync(ct).ConfigureAwait(false);
        Today = ChinaCalendar.Today(clock);
        Requests = await db.EnterpriseRequests.AsNoTracking().Include(r => r.Enterprise).OrderByDescending(r => r.Id).Take(200).ToListAsync(ct).ConfigureAwait(false);
    }

    public string CategoryTitle(string id) => rules.Category(id)?.Title ?? id;

    public static string StatusZh(RequestStatus s) => s switch
    {
        RequestStatus.Submitted => Ui.ServiceStatusSubmitted,
        RequestStatus.Accepted => Ui.ServiceStatusAccepted,
        RequestStatus.Replied => Ui.ServiceStatusReplied,
        _ => Ui.ServiceStatusClosed,
    };
}
