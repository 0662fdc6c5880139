using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidu.Application.Administration;
using Tidu.Data.Identity;

namespace Tidu.Web.Pages.Admin;

/// <summary>The security administrator's page: which role each account holds (<see cref="AccountAdministration.AssignRoleAsync"/>).</summary>
public sealed class RolesModel(AccountAdministration accounts) : PageModel
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

    private async Task LoadAsync(CancellationToken ct) =>
        Accounts = [.. ((await accounts.ListAsync(ct).ConfigureAwait(false)).Value ?? []).Select(u => new Row(u.Id, u.UserName, u.DisplayName,
            u.RegionCode is { } code ? $"{code} {u.RegionName}" : "—", u.Role, u.Role is null ? "（未授予）" : Roles.Title(u.Role)))];
}
