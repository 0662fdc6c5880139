using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidu.Data.Identity;
using Tidu.Web.Security.Accounts;

namespace Tidu.Web.Pages.Account;

/// <summary>Moving a sign-in on: to the next step's page, or — every step done — into the session, with the last sign-in shown once.</summary>
internal static class AccountSteps
{
    public const string NoticeKey = "SignInNotice";

    public static async Task<IActionResult> ContinueAsync(PageModel page, SignInFlow flow, TiduUser user, bool secondFactorPassed, IReadOnlyList<string> methods, string? returnUrl)
    {
        ArgumentNullException.ThrowIfNull(methods);
        var next = await flow.NextStepAsync(user, secondFactorPassed, methods.Contains(SignInFlow.PasswordMethod)).ConfigureAwait(false);
        if (next is not null)
        {
            return new RedirectResult(next + (Local(page, returnUrl) is { } r ? "?returnUrl=" + Uri.EscapeDataString(r) : ""));
        }
        page.TempData[NoticeKey] = await flow.CompleteAsync(user, methods).ConfigureAwait(false);
        return new LocalRedirectResult(Local(page, returnUrl) ?? "/");
    }

    public static string? Local(PageModel page, string? returnUrl) => page.Url.IsLocalUrl(returnUrl) ? returnUrl : null;

    /// <summary>The factors a password sign-in used, for the session's claims: the password, and the authenticator when it was passed.</summary>
    public static string[] Methods(bool secondFactorPassed) =>
        secondFactorPassed ? [SignInFlow.PasswordMethod, SignInFlow.AuthenticatorMethod] : [SignInFlow.PasswordMethod];
}
