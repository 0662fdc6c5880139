using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidu.Data.Scoping;
using Tidu.Web.Security;
using Tidu.Web.Security.Accounts;

namespace Tidu.Web.Pages.Account;

/// <summary>The second factor of a sign-in: an authenticator code, or one recovery code. Only a pending sign-in reaches it.</summary>
public sealed class TwoFactorModel(SignInFlow flow, HttpRegionScopeSource scope) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await flow.PendingAsync().ConfigureAwait(false) is null ? Redirect("/Account/Login") : Page();

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
            Message = recovery ? "恢复码无效或已使用。" : "动态口令错误或已使用，请输入应用中当前显示的口令。";
            return Page();
        }
        var methods = await flow.SecondFactorPassedAsync(user).ConfigureAwait(false);
        return await AccountSteps.ContinueAsync(this, flow, user, secondFactorPassed: true, methods, ReturnUrl).ConfigureAwait(false);
    }
}
