using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidu.Application.Administration;
using Tidu.Data.Identity;

namespace Tidu.Web.Pages.Admin;

/// <summary>The system administrator's accounts page: create, edit, disable and enable accounts, reset passwords (<see cref="AccountAdministration"/>).</summary>
public sealed class UsersModel(AccountAdministration accounts, Microsoft.Extensions.Options.IOptions<Security.SingleSignOn.SingleSignOnOptions> sso) : PageModel
{
    /// <summary>Whether single sign-on is configured (only then are identities linked here).</summary>
    public bool SingleSignOn => sso.Value.Enabled;

    /// <summary>The identities of the identity provider linked to the account being edited.</summary>
    public IReadOnlyList<string> ExternalKeys { get; private set; } = [];

    public sealed record Row(string Id, string UserName, string DisplayName, string Role, string Region, string Status, bool Disabled, bool TwoFactor, string LastSignIn, bool Administrator);

    public IReadOnlyList<Row> Accounts { get; private set; } = [];
    public TiduUser? Editing { get; private set; }
    public string? Message { get; private set; }
    public bool Failed { get; private set; }
    public string? NewPassword { get; private set; }

    public async Task OnGetAsync(string? edit, CancellationToken ct)
    {
        if (edit is not null && await accounts.EditingAsync(edit, Security.SingleSignOn.SingleSignOnOptions.Scheme, ct).ConfigureAwait(false) is { } editing)
        {
            (Editing, ExternalKeys) = (editing.User, editing.ExternalKeys);
        }
        await LoadAsync(ct).ConfigureAwait(false);
    }

    public async Task OnPostCreateAsync(string? userName, AccountForm form, CancellationToken ct)
    {
        var (user, password, refusal) = await accounts.CreateAsync(Actor, userName, form, ct).ConfigureAwait(false);
        Show(refusal, user is null ? null : $"账户 {user.UserName} 已创建；请由安全管理员授予角色。");
        NewPassword = password;
        await LoadAsync(ct).ConfigureAwait(false);
    }

    public async Task OnPostUpdateAsync(string id, AccountForm form, CancellationToken ct)
    {
        Show(await accounts.UpdateAsync(Actor, id, form, ct).ConfigureAwait(false), "账户已保存。");
        await LoadAsync(ct).ConfigureAwait(false);
    }

    public async Task OnPostDisableAsync(string id, CancellationToken ct)
    {
        Show(await accounts.SetDisabledAsync(Actor, id, disabled: true, ct).ConfigureAwait(false), "账户已停用，其会话随即结束。");
        await LoadAsync(ct).ConfigureAwait(false);
    }

    public async Task OnPostEnableAsync(string id, CancellationToken ct)
    {
        Show(await accounts.SetDisabledAsync(Actor, id, disabled: false, ct).ConfigureAwait(false), "账户已启用。");
        await LoadAsync(ct).ConfigureAwait(false);
    }

    public async Task OnPostResetAsync(string id, CancellationToken ct)
    {
        var (password, refusal) = await accounts.ResetPasswordAsync(Actor, id, ct).ConfigureAwait(false);
        Show(refusal, "口令已重置，用户下次登录时须修改。");
        NewPassword = password;
        await LoadAsync(ct).ConfigureAwait(false);
    }

    public async Task OnPostLinkAsync(string id, string? externalKey, CancellationToken ct)
    {
        Show(await accounts.LinkExternalAsync(Actor, id, Security.SingleSignOn.SingleSignOnOptions.Scheme, externalKey, ct).ConfigureAwait(false), "已关联统一身份认证账户：该用户可通过统一身份认证登录，角色和区域不变。");
        await OnGetAsync(id, ct).ConfigureAwait(false);
    }

    public async Task OnPostUnlinkAsync(string id, string? externalKey, CancellationToken ct)
    {
        Show(await accounts.UnlinkExternalAsync(Actor, id, Security.SingleSignOn.SingleSignOnOptions.Scheme, externalKey, ct).ConfigureAwait(false), "已解除统一身份认证关联。");
        await OnGetAsync(id, ct).ConfigureAwait(false);
    }

    private string Actor => User.Identity!.Name!;

    private void Show(AccountRefusal? refusal, string? done) => (Message, Failed) = refusal is null ? (done, false) : (refusal.Zh, true);

    private async Task LoadAsync(CancellationToken ct) =>
        Accounts = [.. ((await accounts.ListAsync(ct).ConfigureAwait(false)).Value ?? []).Select(u => new Row(u.Id, u.UserName, u.DisplayName,
            u.Role is null ? "（未授予）" : Roles.Title(u.Role), u.RegionCode is { } code ? $"{code} {u.RegionName}" : "—",
            u.Disabled ? "已停用" : u.LockedOut ? "已锁定" : "正常", u.Disabled, u.TwoFactor,
            u.LastSignInAt is { } at ? at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + u.LastSignInAddress : "—",
            u.Administrator))];
}
