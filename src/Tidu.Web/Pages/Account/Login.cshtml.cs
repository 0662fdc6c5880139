using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidu.Data.Identity;
using Tidu.Web.Resources;
using Tidu.Web.Security.Accounts;

namespace Tidu.Web.Pages.Account;

/// <summary>The first step of a sign-in: the password. What follows (second factor, enrolment, new password) is <see cref="SignInFlow"/>'s.</summary>
public sealed class LoginModel(SignInFlow flow, SignInManager<TiduUser> signIn, ILogger<LoginModel> log) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Message { get; private set; }

    /// <summary>Configured single sign-on providers (OpenID Connect), offered beside the local accounts.</summary>
    public IReadOnlyList<AuthenticationScheme> ExternalProviders { get; private set; } = [];

    public async Task OnGetAsync() => ExternalProviders = [.. await signIn.GetExternalAuthenticationSchemesAsync().ConfigureAwait(false)];

    public async Task<IActionResult> OnPostAsync()
    {
        ExternalProviders = [.. await signIn.GetExternalAuthenticationSchemesAsync().ConfigureAwait(false)];
        if (!ModelState.IsValid)
        {
            Message = Ui.LoginFailed;
            return Page();
        }
        // Lockout counts failures per account: five wrong passwords lock it for 15 minutes (configured in TiduServices).
        var (outcome, user) = await flow.CheckPasswordAsync(Input.UserName, Input.Password).ConfigureAwait(false);
        if (outcome != SignInFlow.PasswordOutcome.Accepted)
        {
            log.LogWarning("failed sign-in for {User} (locked out: {Locked})", Input.UserName, outcome == SignInFlow.PasswordOutcome.LockedOut);
            Message = outcome == SignInFlow.PasswordOutcome.LockedOut ? Ui.LockedOut : Ui.LoginFailed;
            return Page();
        }
        log.LogInformation("password accepted for {User}", Input.UserName);
        return await AccountSteps.ContinueAsync(this, flow, user!, secondFactorPassed: false, ["pwd"], ReturnUrl).ConfigureAwait(false);
    }

    public sealed class LoginInput
    {
        [Required]
        [StringLength(256)]
        public string UserName { get; set; } = "";

        [Required]
        [StringLength(256)]
        public string Password { get; set; } = "";
    }
}
