using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidu.Data.Auditing;
using Tidu.Data.Identity;
using Tidu.Web.Security.Accounts;

namespace Tidu.Web.Pages.Account;

/// <summary>Sign-out is a POST (with the antiforgery token) so a link on another site cannot sign a user out.</summary>
public sealed class LogoutModel(SignInManager<TiduUser> signIn, SecurityLog log) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true && User.Identity.Name is { } name)
        {
            await log.RecordAsync(SecurityEvents.SignOut, name, actor: name).ConfigureAwait(false);
        }
        await signIn.SignOutAsync().ConfigureAwait(false);
        return Redirect("/Account/Login");
    }
}
