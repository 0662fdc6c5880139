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
public sealed class SecurityModel(UserManager<TiduUser> users, SignInManager<TiduUser> signIn, SignInFlow flow, SecurityPolicyStore policies, SecurityLog log,
    SecurityKeys keys) : PageModel
{
    /// <summary>The account's security keys: id (for removal), name, when enrolled.</summary>
    public IReadOnlyList<(string Id, string Name, string EnrolledAt)> Keys { get; private set; } = [];

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

    /// <summary>The options of a security-key enrolment (JSON for the page's script).</summary>
    public async Task<IActionResult> OnPostKeyOptionsAsync() =>
        await users.GetUserAsync(User).ConfigureAwait(false) is { } user ? Content(await keys.RegistrationOptionsAsync(user).ConfigureAwait(false), "application/json") : Challenge();

    /// <summary>The new key's answer (JSON from the page's script) and the name the user gave it.</summary>
    public async Task<IActionResult> OnPostAddKeyAsync(string? name, string? answer, CancellationToken ct)
    {
        if (await LoadAsync().ConfigureAwait(false) is not { } user)
        {
            return Challenge();
        }
        var refusal = await keys.RegisterAsync(user, name, answer, ct).ConfigureAwait(false);
        (Message, Failed) = refusal is null ? ("安全密钥已登记：下次登录时可用它完成双因素认证。", false) : (refusal, true);
        if (refusal is null)
        {
            await signIn.RefreshSignInAsync(user).ConfigureAwait(false); // the security stamp changed
        }
        await LoadAsync().ConfigureAwait(false);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveKeyAsync(string? id)
    {
        if (await LoadAsync().ConfigureAwait(false) is not { } user)
        {
            return Challenge();
        }
        if (TwoFactorRequired && !TwoFactorEnabled && Keys.Count == 1 && Keys[0].Id == id)
        {
            (Message, Failed) = ("安全策略要求您的账户使用双因素认证：请先登记另一个安全密钥或设置身份验证器，再移除此密钥。", true);
            return Page();
        }
        var removed = await keys.RemoveAsync(user, id).ConfigureAwait(false);
        if (removed)
        {
            await signIn.RefreshSignInAsync(user).ConfigureAwait(false);
        }
        await LoadAsync().ConfigureAwait(false);
        (Message, Failed) = removed ? ("安全密钥已移除。", false) : ("未找到该安全密钥。", true);
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
        Keys = [.. (await keys.ListAsync(user).ConfigureAwait(false)).Select(k => (k.Id, k.Key.Name, k.Key.EnrolledAt.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)))];
        return user;
    }

    private static string Beijing(string? unixSeconds) =>
        long.TryParse(unixSeconds, CultureInfo.InvariantCulture, out var s)
            ? DateTimeOffset.FromUnixTimeSeconds(s).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + "（北京时间）"
            : "—";
}
