using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidu.Data.Identity;
using Tidu.Web.Resources;
using Tidu.Web.Security;

namespace Tidu.Web.Pages.Account;

/// <summary>
/// Sign-in. Every attempt costs the same work — one password hash check, also for a user name that does not exist —
/// so the answer's time does not tell known accounts from unknown ones; failures are counted per user name and client
/// address (<see cref="SignInThrottle"/>), never by an account-wide lockout that a stranger could keep closed.
/// </summary>
public sealed class LoginModel(SignInManager<TiduUser> signIn, UserManager<TiduUser> users, IPasswordHasher<TiduUser> hasher, SignInThrottle throttle,
    ILogger<LoginModel> log) : PageModel
{
    // A hash of a random password in the hasher's own format (same algorithm and iteration count as real ones).
    private static string? s_unknownUserHash;

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
        var address = AbuseLimits.AddressOf(HttpContext);
        var name = Input.UserName.Trim();
        var user = await users.FindByNameAsync(name).ConfigureAwait(false);
        if (throttle.IsLocked(name, address))
        {
            Spend(user);
            log.LogWarning("sign-in for {User} from {Address} refused: too many failures", name, address);
            Message = Ui.LockedOut;
            return Page();
        }
        if (user is null)
        {
            Spend(null);
            throttle.Failed(name, address);
            log.LogWarning("failed sign-in for {User} from {Address}", name, address);
            Message = Ui.LoginFailed;
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(user, Input.Password, Input.RememberMe, lockoutOnFailure: false).ConfigureAwait(false);
        if (result.Succeeded)
        {
            throttle.Succeeded(name, address);
            log.LogInformation("user {User} signed in from {Address}", name, address);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }
        throttle.Failed(name, address);
        log.LogWarning("failed sign-in for {User} from {Address}", name, address);
        Message = Ui.LoginFailed;
        return Page();
    }

    /// <summary>The password check a real attempt would do, for an attempt that is answered without one.</summary>
    private void Spend(TiduUser? user)
    {
        var subject = user ?? new TiduUser { DisplayName = "", UserName = "" };
        s_unknownUserHash ??= hasher.HashPassword(subject, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
        hasher.VerifyHashedPassword(subject, s_unknownUserHash, Input.Password);
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
