using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidu.Data.Auditing;
using Tidu.Data.Identity;
using Tidu.Data.Scoping;
using Tidu.Web.Security;
using Tidu.Web.Security.Accounts;

namespace Tidu.Web.Pages.Account;

/// <summary>
/// Choosing a new password: during a sign-in when an administrator set the current one or it is older than the policy
/// allows (after the second factor, before the session), or any time from the security page.
/// </summary>
public sealed class ChangePasswordModel(
    SignInFlow flow, UserManager<TiduUser> users, SignInManager<TiduUser> signIn, SecurityPolicyStore policies, SecurityLog log,
    HttpRegionScopeSource scope) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Reason { get; private set; }
    public string Rules { get; private set; } = "";
    public bool Done { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await AccountAsync().ConfigureAwait(false) is null)
        {
            return Redirect("/Account/Login");
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? current, string? password, string? confirm)
    {
        if (await AccountAsync().ConfigureAwait(false) is not { } account)
        {
            return Redirect("/Account/Login");
        }
        var user = account.User;
        if (password != confirm)
        {
            Errors = ["两次输入的新口令不一致。"];
            return Page();
        }
        if (!string.IsNullOrEmpty(current) && current == password)
        {
            Errors = ["新口令不能与当前口令相同。"];
            return Page();
        }
        var result = await users.ChangePasswordAsync(user, current ?? "", password ?? "").ConfigureAwait(false);
        if (!result.Succeeded)
        {
            Errors = [.. result.Errors.Select(e => e.Code == "PasswordMismatch" ? "当前口令不正确。" : e.Description)];
            await log.RecordAsync(SecurityEvents.PasswordChanged, user.UserName!, SecurityEvents.Failure,
                new System.Text.Json.Nodes.JsonObject { ["reason"] = string.Join(',', result.Errors.Select(e => e.Code)) }, actor: user.UserName).ConfigureAwait(false);
            return Page();
        }
        user.MustChangePassword = false;
        log.Add(SecurityEvents.PasswordChanged, user.UserName!, actor: user.UserName);
        await users.UpdateAsync(user).ConfigureAwait(false);
        if (account.Pending is { } pending)
        {
            return await AccountSteps.ContinueAsync(this, flow, user, pending, AccountSteps.Methods(pending), ReturnUrl).ConfigureAwait(false);
        }
        await signIn.RefreshSignInAsync(user).ConfigureAwait(false); // the security stamp changed
        Done = true;
        return Page();
    }

    /// <summary>The pending sign-in's user (with whether the second factor was passed) or the signed-in user.</summary>
    private async Task<(TiduUser User, bool? Pending)?> AccountAsync()
    {
        var policy = await policies.CurrentAsync().ConfigureAwait(false);
        Rules = $"口令至少 {policy.MinimumLength} 个字符，包含大写字母、小写字母、数字、其他字符中的至少 {policy.RequiredCharacterClasses} 类，"
            + (policy.PasswordHistory > 0 ? $"不得与最近 {policy.PasswordHistory} 次的口令相同，" : "")
            + (policy.MaximumPasswordAgeDays > 0 ? $"每 {policy.MaximumPasswordAgeDays} 天须更换。" : "不限有效期。");
        if (await flow.PendingAsync().ConfigureAwait(false) is { } pending)
        {
            // Only once the second factor (if any is due) is behind: a password alone never changes the password.
            if (await flow.NextStepAsync(pending.User, pending.SecondFactorPassed, pending.UsedPassword).ConfigureAwait(false) != "/Account/ChangePassword")
            {
                return null;
            }
            scope.Override = RegionScope.Nothing(pending.User.UserName!);
            Reason = pending.User.MustChangePassword ? "您的口令由管理员设置，请先设置自己的口令。" : "您的口令已超过有效期，请设置新口令。";
            return (pending.User, pending.SecondFactorPassed);
        }
        if (User.Identity?.IsAuthenticated == true && await users.GetUserAsync(User).ConfigureAwait(false) is { } user)
        {
            return (user, null);
        }
        return null;
    }
}
