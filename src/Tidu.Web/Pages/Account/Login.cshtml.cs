using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidu.Data.Identity;
using Tidu.Web.Resources;
using Tidu.Web.Security;
using Tidu.Web.Security.Accounts;

namespace Tidu.Web.Pages.Account;

/// <summary>
/// The first step of a sign-in: the password; what follows (second factor, enrolment, new password) is
/// <see cref="SignInFlow"/>'s. Every attempt costs the same work — one password hash check, also for a user name that
/// does not exist — so the answer's time does not tell known accounts from unknown ones; failures are counted per user
/// name and client address (<see cref="SignInThrottle"/>), never by an account-wide lockout that a stranger could keep
/// closed.
/// </summary>
public sealed class LoginModel(SignInFlow flow, SignInManager<TiduUser> signIn, UserManager<TiduUser> users, IPasswordHasher<TiduUser> hasher,
    SignInThrottle throttle, ILogger<LoginModel> log) : PageModel
{
    // A hash of a random password in the hasher's own format (same algorithm and iteration count as real ones).
    private static string? s_unknownUserHash;

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Message { get; private set; }

    /// <summary>Configured single sign-on providers (OpenID Connect), offered beside the local accounts.</summary>
    public IReadOnlyList<AuthenticationScheme> ExternalProviders { get; private set; } = [];

    /// <summary>Set when the identity provider's answer was refused (the reason is in the security log, not on the page).</summary>
    [BindProperty(SupportsGet = true, Name = "sso")]
    public string? SingleSignOn { get; set; }

    public async Task OnGetAsync()
    {
        ExternalProviders = [.. await signIn.GetExternalAuthenticationSchemesAsync().ConfigureAwait(false)];
        if (SingleSignOn == "failed")
        {
            Message = "统一身份认证登录未成功（认证结果无效或已过期），请重新登录。";
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ExternalProviders = [.. await signIn.GetExternalAuthenticationSchemesAsync().ConfigureAwait(false)];
        if (!ModelState.IsValid)
        {
            Message = Ui.LoginFailed;
            return Page();
        }
        var address = AbuseLimits.AddressOf(HttpContext);
        var name = Input.UserName.Trim();
        if (await throttle.IsLockedAsync(name, address, HttpContext.RequestAborted).ConfigureAwait(false))
        {
            Spend(await users.FindByNameAsync(name).ConfigureAwait(false));
            log.LogWarning("sign-in for {User} from {Address} refused: too many failures", name, address);
            Message = Ui.LockedOut;
            return Page();
        }
        if (await users.FindByNameAsync(name).ConfigureAwait(false) is null)
        {
            // The flow records the failure; the hash check here keeps the answer's time that of a known account.
            Spend(null);
        }
        var (outcome, user) = await flow.CheckPasswordAsync(name, Input.Password).ConfigureAwait(false);
        if (outcome != SignInFlow.PasswordOutcome.Accepted)
        {
            // Recorded even when the client hangs up: a guess abandoned after its answer was computed still counts.
            await throttle.FailedAsync(name, address, CancellationToken.None).ConfigureAwait(false);
            log.LogWarning("failed sign-in for {User} from {Address}", name, address);
            Message = outcome == SignInFlow.PasswordOutcome.LockedOut ? Ui.LockedOut : Ui.LoginFailed;
            return Page();
        }
        await throttle.SucceededAsync(name, address, HttpContext.RequestAborted).ConfigureAwait(false);
        log.LogInformation("password accepted for {User} from {Address}", name, address);
        return await AccountSteps.ContinueAsync(this, flow, user!, secondFactorPassed: false, ["pwd"], ReturnUrl).ConfigureAwait(false);
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
    }
}
