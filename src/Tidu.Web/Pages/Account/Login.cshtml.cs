using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidu.Data.Identity;
using Tidu.Web.Resources;

namespace Tidu.Web.Pages.Account;

public sealed class LoginModel(SignInManager<TiduUser> signIn, ILogger<LoginModel> log) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Message { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            Message = Ui.LoginFailed;
            return Page();
        }
        // Lockout counts failures per account: five wrong passwords lock it for 15 minutes (configured in TiduServices).
        var result = await signIn.PasswordSignInAsync(Input.UserName, Input.Password, Input.RememberMe, lockoutOnFailure: true).ConfigureAwait(false);
        if (result.Succeeded)
        {
            log.LogInformation("user {User} signed in", Input.UserName);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }
        log.LogWarning("failed sign-in for {User} (locked out: {Locked})", Input.UserName, result.IsLockedOut);
        Message = result.IsLockedOut ? Ui.LockedOut : Ui.LoginFailed;
        return Page();
    }

    public sealed class LoginInput
    {
        [Required]
        [StringLength(256)]
        public string UserName { get; set; } = "";

        [Required]
        [StringLength(256)]
        public string Password { get; set; } = "";

        public bool RememberMe { get; set; }
    }
}
