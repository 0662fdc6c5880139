using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tidu.Data;
using Tidu.Data.Identity;
using Tidu.Domain.Regions;
using Tidu.Web.Security.Accounts;

namespace Tidu.Web.Pages.Admin;

/// <summary>The security administrator's page: which role each account holds (<see cref="AccountAdministration.AssignRoleAsync"/>).</summary>
public sealed class RolesModel(TiduDbContext db, AccountAdministration accounts, RegionTree regions) : PageModel
{
    public sealed record Row(string Id, string UserName, string DisplayName, string Region, string? Role, string RoleTitle);

    public IReadOnlyList<Row> Accounts { get; private set; } = [];
    public string? Message { get; private set; }
    public bool Failed { get; private set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task OnPostAssignAsync(string id, string? role, CancellationToken ct)
    {
        var refusal = await accounts.AssignRoleAsync(User.Identity!.Name!, id, role, ct).ConfigureAwait(false);
        (Message, Failed) = refusal is null ? ("角色已授予。", false) : (refusal.Zh, true);
        await LoadAsync(ct).ConfigureAwait(false);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var roleOf = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name })
            .ToDictionaryAsync(x => x.UserId, x => x.Name!, ct).ConfigureAwait(false);
        var all = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct).ConfigureAwait(false);
        Accounts = [.. all.Select(u =>
        {
            var role = roleOf.GetValueOrDefault(u.Id);
            return new Row(u.Id, u.UserName!, u.DisplayName, u.RegionCode is { } code ? $"{code} {regions.Find(code)?.Name}" : "—", role,
                role is null ? "（未授予）" : Roles.Title(role));
        })];
    }
}
