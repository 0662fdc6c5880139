using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidu.Data.Scoping;
using Tidu.Web.Security;
using Tidu.Web.Security.Accounts;

namespace Tidu.Web.Pages.Account;

/// <summary>The second factor of a sign-in: an authenticator code, a security key, or one recovery code. Only a pending sign-in reaches it.</summary>
public sealed class TwoFactorModel(SignInFlow flow, SecurityKeys keys, Microsoft.AspNetCore.Identity.UserManager<Tidu.Data.Identity.TiduUser> users, HttpRegionScopeSource scope) : PageModel
{
    public bool HasAuthenticator { get; private set; } = true;
    public bool HasKeys { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await flow.PendingAsync().ConfigureAwait(false) is not { } pending)
        {
            return Redirect("/Account/Login");
        }
        await FactorsAsync(pending.User).ConfigureAwait(false);
        return Page();
    }

    /// <summary>The options of a security-key sign-in (JSON for the page's script), with a fresh challenge for the pending user.</summary>
    public async Task<IActionResult> OnPostKeyOptionsAsync()
    {
        if (await flow.PendingAsync().ConfigureAwait(false) is not { } pending)
        {
            return Unauthorized();
        }
        scope.Override = RegionScope.Nothing(pending.User.UserName!);
        return await keys.AssertionOptionsAsync(pending.User).ConfigureAwait(false) is { } json ? Content(json, "application/json") : NotFound();
    }

    /// <summary>The security key's answer (JSON, from the page's script).</summary>
    public async Task<IActionResult> OnPostKeyAsync(string? answer, CancellationToken ct)
    {
        if (await flow.PendingAsync().ConfigureAwait(false) is not { } pending)
        {
            return Redirect("/Account/Login");
        }
        var user = pending.User;
        scope.Override = RegionScope.Nothing(user.UserName!);
        if (!await keys.VerifyAsync(user, answer, ct).ConfigureAwait(false))
        {
            await FactorsAsync(user).ConfigureAwait(false);
            Message = "安全密钥验证未通过，请重试。";
            return Page();
        }
        var methods = await flow.SecondFactorPassedAsync(user, SecurityKeys.Method).ConfigureAwait(false);
        return await AccountSteps.ContinueAsync(this, flow, user, secondFactorPassed: true, methods, ReturnUrl).ConfigureAwait(false);
    }

    public Task<IActionResult> OnPostAsync(string? code) => VerifyAsync(code, recovery: false);

    public Task<IActionResult> OnPostRecoveryAsync(string? code) => VerifyAsync(code, recovery: true);

    private async Task<IActionResult> VerifyAsync(string? code, bool recovery)
    {
        if (await flow.PendingAsync().ConfigureAwait(false) is not { } pending)
        {
            return Redirect("/Account/Login");
        }
        var user = pending.User;
        scope.Override = RegionScope.Nothing(user.UserName!);
        if (!await flow.VerifySecondFactorAsync(user, code ?? "", recovery).ConfigureAwait(false))
        {
            await FactorsAsync(user).ConfigureAwait(false);
            Message = recovery ? "恢复码无效或已使用。" : "动态口令错误或已使用，请输入应用中当前显示的口令。";
            return Page();
        }
        var methods = await flow.SecondFactorPassedAsync(user).ConfigureAwait(false);
        return await AccountSteps.ContinueAsync(this, flow, user, secondFactorPassed: true, methods, ReturnUrl).ConfigureAwait(false);
    }

    private async Task FactorsAsync(Tidu.Data.Identity.TiduUser user)
    {
        HasAuthenticator = await users.GetTwoFactorEnabledAsync(user).ConfigureAwait(false);
        HasKeys = await keys.AnyAsync(user).ConfigureAwait(false);
    }
}
