using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using QRCoder;
using Tidu.Data.Auditing;
using Tidu.Data.Identity;
using Tidu.Data.Scoping;
using Tidu.Web.Security;
using Tidu.Web.Security.Accounts;

namespace Tidu.Web.Pages.Account;

/// <summary>
/// Setting up an authenticator (TOTP): the secret as a QR code and as text, a code from the app to prove it works, then
/// ten one-time recovery codes shown once. Reached during a sign-in when the policy requires a second factor the account
/// does not have yet (no session until it is done), or from the account's security page.
/// </summary>
public sealed class EnrolModel(
    SignInFlow flow, UserManager<TiduUser> users, SignInManager<TiduUser> signIn, SecurityLog log,
    HttpRegionScopeSource scope, IOptions<SecurityOptions> options) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Required { get; private set; }
    public string? SharedKey { get; private set; }
    public string? QrCodeDataUri { get; private set; }
    public string? Message { get; private set; }
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await AccountAsync().ConfigureAwait(false) is not { } account)
        {
            return Redirect(User.Identity?.IsAuthenticated == true ? "/Account/Security" : "/Account/Login");
        }
        await LoadKeyAsync(account.User).ConfigureAwait(false);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? code)
    {
        if (await AccountAsync().ConfigureAwait(false) is not { } account)
        {
            return Redirect("/Account/Login");
        }
        var user = account.User;
        if (!await users.VerifyTwoFactorTokenAsync(user, TotpTokenProvider.Name, code ?? "").ConfigureAwait(false))
        {
            Message = "动态口令不正确：请确认手机时间准确，并输入应用中当前显示的口令。";
            await LoadKeyAsync(user).ConfigureAwait(false);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true).ConfigureAwait(false);
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10).ConfigureAwait(false) ?? []];
        await log.RecordAsync(SecurityEvents.TwoFactorEnabled, user.UserName!, details: new JsonObject { ["method"] = "totp", ["recoveryCodes"] = RecoveryCodes.Count }, actor: user.UserName).ConfigureAwait(false);
        if (account.Pending)
        {
            await flow.SecondFactorPassedAsync(user).ConfigureAwait(false);
        }
        else
        {
            await signIn.RefreshSignInAsync(user).ConfigureAwait(false); // the security stamp changed
        }
        return Page();
    }

    public async Task<IActionResult> OnPostContinueAsync()
    {
        if (await flow.PendingAsync().ConfigureAwait(false) is { SecondFactorPassed: true } pending)
        {
            return await AccountSteps.ContinueAsync(this, flow, pending.User, secondFactorPassed: true, pending.Methods, ReturnUrl).ConfigureAwait(false);
        }
        return User.Identity?.IsAuthenticated == true ? Redirect("/Account/Security") : Redirect("/Account/Login");
    }

    /// <summary>The pending sign-in's user (forced enrolment) or the signed-in user.</summary>
    private async Task<(TiduUser User, bool Pending)?> AccountAsync()
    {
        // An account that already has a second factor never enrols again here: its secret would be shown to whoever
        // knows only the password. Resetting it is done signed in, from the security page.
        if (await flow.PendingAsync().ConfigureAwait(false) is { } pending)
        {
            if (await users.GetTwoFactorEnabledAsync(pending.User).ConfigureAwait(false))
            {
                return null;
            }
            scope.Override = RegionScope.Nothing(pending.User.UserName!);
            Required = true;
            return (pending.User, true);
        }
        if (User.Identity?.IsAuthenticated == true && await users.GetUserAsync(User).ConfigureAwait(false) is { } user
            && !await users.GetTwoFactorEnabledAsync(user).ConfigureAwait(false))
        {
            return (user, false);
        }
        return null;
    }

    private async Task LoadKeyAsync(TiduUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user).ConfigureAwait(false);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user).ConfigureAwait(false);
            key = await users.GetAuthenticatorKeyAsync(user).ConfigureAwait(false);
        }
        SharedKey = Grouped(key!);
        var issuer = Uri.EscapeDataString(options.Value.AuthenticatorIssuer);
        var uri = $"otpauth://totp/{issuer}:{Uri.EscapeDataString(user.UserName!)}?secret={key}&issuer={issuer}&digits=6&period=30";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
        QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
    }

    private static string Grouped(string key)
    {
        var b = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            b.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }
        return b.ToString().TrimEnd().ToLowerInvariant();
    }
}
