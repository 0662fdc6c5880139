using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Tidu.Data.Identity;
using Tidu.Data.Scoping;
using Tidu.Web.Security;
using Tidu.Web.Security.Accounts;
using Tidu.Web.Security.SingleSignOn;

namespace Tidu.Web.Pages.Account;

/// <summary>
/// Signing in through the office's identity provider (统一身份认证). The button posts here and is sent to the provider;
/// the provider's answer is checked by the OpenID Connect handler (signature, issuer, audience, lifetime, nonce, state —
/// any failure ends on the sign-in page) and lands in Identity's external cookie; the callback then lets in only the
/// local account an administrator linked to that identity, and continues with the same steps as a password sign-in.
/// </summary>
public sealed class ExternalModel(SignInFlow flow, SignInManager<TiduUser> signIn, IOptions<SingleSignOnOptions> options,
    HttpRegionScopeSource scope, ILogger<ExternalModel> log) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The refusal shown to the user, in Chinese.</summary>
    public string? Message { get; private set; }

    /// <summary>Where the browser goes once the session is issued (see the page: a same-site step, so the Strict session cookie is sent).</summary>
    public string? ContinueUrl { get; private set; }

    public IActionResult OnGet() => Redirect("/Account/Login");

    public IActionResult OnPost(string? provider)
    {
        if (!options.Value.Enabled || provider != SingleSignOnOptions.Scheme)
        {
            return Redirect("/Account/Login");
        }
        var callback = "/Account/External?handler=Callback" + (AccountSteps.Local(this, ReturnUrl) is { } r ? "&returnUrl=" + Uri.EscapeDataString(r) : "");
        return Challenge(signIn.ConfigureExternalAuthenticationProperties(provider, callback), provider);
    }

    public async Task<IActionResult> OnGetCallbackAsync()
    {
        var external = await HttpContext.AuthenticateAsync(IdentityConstants.ExternalScheme).ConfigureAwait(false);
        // The external cookie is read once: whatever follows, it is gone.
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme).ConfigureAwait(false);
        if (!external.Succeeded || external.Principal is null)
        {
            return Redirect("/Account/Login");
        }
        var sso = options.Value;
        var key = external.Principal.FindFirst(sso.AccountClaim)?.Value;
        var amr = external.Principal.FindAll("amr").Select(c => c.Value).ToList();
        var providerMfa = sso.TrustedMfaMethods.Count > 0 && amr.Any(sso.TrustedMfaMethods.Contains);
        var (outcome, user) = await flow.CheckExternalAsync(SingleSignOnOptions.Scheme, key, providerMfa).ConfigureAwait(false);
        if (outcome != SignInFlow.ExternalOutcome.Accepted)
        {
            log.LogWarning("single sign-on refused for {Key}: {Outcome}", key, outcome);
            Message = outcome == SignInFlow.ExternalOutcome.NotLinked
                ? "您的统一身份认证账户尚未关联本平台账户，请联系系统管理员办理关联后再登录。"
                : "该平台账户已停用或暂时锁定，无法登录。如有疑问请联系系统管理员。";
            return Page();
        }
        scope.Override = RegionScope.Nothing(user!.UserName!);
        IReadOnlyList<string> methods = providerMfa ? [SignInFlow.ExternalMethod, SignInFlow.ProviderMfaMethod] : [SignInFlow.ExternalMethod];
        var next = await flow.NextStepAsync(user, providerMfa, usedPassword: false).ConfigureAwait(false);
        if (next is not null)
        {
            return Redirect(next + (AccountSteps.Local(this, ReturnUrl) is { } r ? "?returnUrl=" + Uri.EscapeDataString(r) : ""));
        }
        TempData[AccountSteps.NoticeKey] = await flow.CompleteAsync(user, methods).ConfigureAwait(false);
        ContinueUrl = AccountSteps.Local(this, ReturnUrl) ?? "/";
        return Page();
    }
}
