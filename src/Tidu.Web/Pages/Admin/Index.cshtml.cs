using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidu.Data.Identity;

namespace Tidu.Web.Pages.Admin;

/// <summary>The administrators' start page: which of the three duties this account holds, and what the others hold.</summary>
public sealed class IndexModel : PageModel
{
    public string Role { get; private set; } = "";
    public string RoleTitle { get; private set; } = "";

    public void OnGet()
    {
        Role = Roles.Administrators.FirstOrDefault(User.IsInRole) ?? "";
        RoleTitle = Roles.Title(Role);
    }
}
