using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidu.Data.Auditing;
using Tidu.Data.Identity;
using Tidu.Web.Security.Accounts;

namespace Tidu.Web.Pages.Account;

/// <summary>
/// The signed-in user's own security: this and the last sign-in (time and address), the second factor (set up, new
/// recovery codes, replace the authenticator, switch off where the policy allows) and the password. Each change is a
/// security event.
/// </summary>
public sealed class SecurityModel(UserManager<TiduUser> users, SignInManager<TiduUser> signIn, SignInFlow flow, SecurityPolicyStore policies, SecurityLog log) : PageModel
{
    public string RoleTitle { get; private set; } = "";
    public string ThisSignIn { get; private set; } = "";
    public string LastSignIn { get; private set; } = "";
    public string PasswordChanged { get; private set; } = "";
    public bool TwoFactorEnabled { get; private set; }
    public bool TwoFactorRequired { get; private set; }
    public int RecoveryCodesLeft { get; private set; }
    public string? Message { get; private set; }
    public bool Failed { get; private set; }
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync().ConfigureAwait(false) is null ? Challenge() : Page();

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        if (await LoadAsync().ConfigureAwait(false) is not { } user)
        {
            return Challenge();
        }
        if (TwoFactorEnabled)
        {
            RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10).ConfigureAwait(false) ?? []];
            await log.RecordAsync(SecurityEvents.RecoveryCodesGenerated, user.UserName!, details: new JsonObject { ["count"] = RecoveryCodes.Count }, actor: user.UserName).ConfigureAwait(false);
            await LoadAsync().ConfigureAwait(false);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostResetAsync()
    {
        if (await LoadAsync().ConfigureAwait(false) is not { } user)
        {
            return Challenge();
        }
        await users.SetTwoFactorEnabledAsync(user, false).ConfigureAwait(false);
        await users.ResetAuthenticatorKeyAsync(user).ConfigureAwait(false);
        await log.RecordAsync(SecurityEvents.TwoFactorDisabled, user.UserName!, details: new JsonObject { ["reason"] = "authenticator replaced" }, actor: user.UserName).ConfigureAwait(false);
        await signIn.RefreshSignInAsync(user).ConfigureAwait(false);
        return Redirect("/Account/Enrol");
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        if (await LoadAsync().ConfigureAwait(false) is not { } user)
        {
            return Challenge();
        }
        if (TwoFactorRequired)
        {
            (Message, Failed) = ("安全策略要求您的账户使用双因素认证，不能停用。", true);
            await log.RecordAsync(SecurityEvents.TwoFactorDisabled, user.UserName!, SecurityEvents.Failure, new JsonObject { ["reason"] = "required by policy" }, actor: user.UserName).ConfigureAwait(false);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, false).ConfigureAwait(false);
        await users.ResetAuthenticatorKeyAsync(user).ConfigureAwait(false);
        await log.RecordAsync(SecurityEvents.TwoFactorDisabled, user.UserName!, actor: user.UserName).ConfigureAwait(false);
        await signIn.RefreshSignInAsync(user).ConfigureAwait(false);
        await LoadAsync().ConfigureAwait(false);
        Message = "双因素认证已停用。";
        return Page();
    }

    private async Task<TiduUser?> LoadAsync()
    {
        if (await users.GetUserAsync(User).ConfigureAwait(false) is not { } user)
        {
            return null;
        }
        var policy = await policies.CurrentAsync().ConfigureAwait(false);
        var roles = await users.GetRolesAsync(user).ConfigureAwait(false);
        RoleTitle = string.Join("、", roles.Select(Roles.Title));
        ThisSignIn = Beijing(User.FindFirst(SignInFlow.SignedInAtClaim)?.Value) + "，地址 " + (user.LastSignInAddress ?? "未知");
        LastSignIn = SignInFlow.LastSignInNotice(User.FindFirst(SignInFlow.PreviousSignInClaim)?.Value);
        PasswordChanged = user.PasswordChangedAt is { } at ? at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";
        TwoFactorEnabled = await users.GetTwoFactorEnabledAsync(user).ConfigureAwait(false);
        TwoFactorRequired = policy.RequireTwoFactor && await flow.NeedsStrongAuthenticationAsync(user).ConfigureAwait(false);
        RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user).ConfigureAwait(false);
        return user;
    }

    private static string Beijing(string? unixSeconds) =>
        long.TryParse(unixSeconds, CultureInfo.InvariantCulture, out var s)
            ? DateTimeOffset.FromUnixTimeSeconds(s).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + "（北京时间）"
            : "—";
}
