using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidu.Data.Identity;

namespace Tidu.Web.Pages.Account;

/// <summary>Sign-out is a POST (with the antiforgery token) so a link on another site cannot sign a user out.</summary>
public sealed class LogoutModel(SignInManager<TiduUser> signIn) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync().ConfigureAwait(false);
        return Redirect("/Account/Login");
    }
}
