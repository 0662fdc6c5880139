using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tidu.Application.Auditing;
using Tidu.Data;
using Tidu.Data.Auditing;
using Tidu.Data.Identity;
using Tidu.Domain.Regions;

namespace Tidu.Application.Administration;

/// <summary>Why an account change was refused: Chinese for the page, English for logs and the security event.</summary>
public sealed record AccountRefusal(string Zh, string En);

/// <summary>What an administrator fills in for an account (the system administrator; the role is the security administrator's).</summary>
public sealed record AccountForm(string? DisplayName, string? RegionCode, string? CreditCode, string? OrganisationCreditCode, string? Email, string? PhoneNumber);

/// <summary>
/// An account as the administrators' pages list it: its region (code and name), its role (null when none is granted),
/// whether it is disabled or locked out now, its second factor and last sign-in.
/// </summary>
public sealed record AccountEntry(string Id, string UserName, string DisplayName, string? RegionCode, string? RegionName, string? Role, bool Disabled, bool LockedOut,
    bool TwoFactor, DateTimeOffset? LastSignInAt, string? LastSignInAddress)
{
    public bool Administrator => Role is not null && Roles.Administrators.Contains(Role);
}

/// <summary>An account the system administrator edits, with the provider identities linked to it.</summary>
public sealed record EditedAccount(TiduUser User, IReadOnlyList<string> ExternalKeys);

/// <summary>
/// Managing accounts under separation of duties (三员分立). The system administrator creates accounts, edits their
/// details and region, disables and enables them and resets passwords; the security administrator decides which role
/// each account holds. Neither acts on their own account here, and the system administrator cannot disable, reset or
/// edit an administrator's account (that would let one administrator silence another). Every change, allowed or
/// refused, is a security event; an account whose role, password or status changes loses its sessions.
/// </summary>
public sealed class AccountAdministration(UserManager<TiduUser> users, TiduDbContext db, RegionTree regions, ISecurityEvents log, TimeProvider clock, IActorSource actors)
{
    /// <summary>
    /// Every account with its role, by user name, for the system administrator (accounts) and the security administrator
    /// (roles); nobody else.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<AccountEntry>>> ListAsync(CancellationToken ct)
    {
        if (Access.Require(actors.Current, Resource.Account, Operation.Read) is { } refusal
            && Access.Require(actors.Current, Resource.RoleAssignment, Operation.Read) is not null)
        {
            return refusal;
        }
        var roleOf = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name })
            .ToDictionaryAsync(x => x.UserId, x => x.Name!, ct).ConfigureAwait(false);
        var all = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        return new Outcome<IReadOnlyList<AccountEntry>>([.. all.Select(u => new AccountEntry(u.Id, u.UserName!, u.DisplayName, u.RegionCode,
            u.RegionCode is { } code ? regions.Find(code)?.Name : null, roleOf.GetValueOrDefault(u.Id), u.DisabledAt is not null, u.LockoutEnd > now,
            u.TwoFactorEnabled, u.LastSignInAt, u.LastSignInAddress))], null);
    }

    /// <summary>The account to edit with its identities of <paramref name="provider"/>; null when there is none, or it is an administrator's (no administrator edits another's).</summary>
    public async Task<EditedAccount?> EditingAsync(string userId, string provider, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (await users.FindByIdAsync(userId).ConfigureAwait(false) is not { } user
            || (await users.GetRolesAsync(user).ConfigureAwait(false)).Any(Roles.Administrators.Contains))
        {
            return null;
        }
        return new EditedAccount(user, [.. (await users.GetLoginsAsync(user).ConfigureAwait(false)).Where(l => l.LoginProvider == provider).Select(l => l.ProviderKey)]);
    }

    public async Task<(TiduUser? User, string? Password, AccountRefusal? Refusal)> CreateAsync(string actor, string? userName, AccountForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        userName = userName?.Trim();
        if (string.IsNullOrEmpty(userName) || userName.Length > 64 || !userName.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            return (null, null, await RefuseAsync(actor, SecurityEvents.AccountCreated, userName ?? "", new("用户名须为 1-64 个英文字母、数字或 - _ .", "invalid user name")).ConfigureAwait(false));
        }
        if (await users.FindByNameAsync(userName).ConfigureAwait(false) is not null)
        {
            return (null, null, await RefuseAsync(actor, SecurityEvents.AccountCreated, userName, new("该用户名已存在。", "user name taken")).ConfigureAwait(false));
        }
        if (Check(form, role: null) is { } invalid)
        {
            return (null, null, await RefuseAsync(actor, SecurityEvents.AccountCreated, userName, invalid).ConfigureAwait(false));
        }
        var user = new TiduUser { UserName = userName, DisplayName = form.DisplayName!.Trim(), MustChangePassword = true };
        Apply(user, form);
        var password = TemporaryPassword();
        var created = await users.CreateAsync(user, password).ConfigureAwait(false);
        if (!created.Succeeded)
        {
            return (null, null, await RefuseAsync(actor, SecurityEvents.AccountCreated, userName, new(string.Join(" ", created.Errors.Select(e => e.Description)), "identity refused: " + string.Join(",", created.Errors.Select(e => e.Code)))).ConfigureAwait(false));
        }
        log.Add(SecurityEvents.AccountCreated, userName, details: Details(user), actor: actor);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return (user, password, null);
    }

    public async Task<AccountRefusal?> UpdateAsync(string actor, string userId, AccountForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        var (target, refused) = await TargetAsync(actor, userId, SecurityEvents.AccountChanged).ConfigureAwait(false);
        if (target is null)
        {
            return refused;
        }
        var role = (await users.GetRolesAsync(target).ConfigureAwait(false)).FirstOrDefault();
        if (Check(form, role) is { } invalid)
        {
            return await RefuseAsync(actor, SecurityEvents.AccountChanged, target.UserName!, invalid).ConfigureAwait(false);
        }
        var regionMoved = target.RegionCode != Blank(form.RegionCode) || target.CreditCode != Blank(form.CreditCode);
        target.DisplayName = form.DisplayName!.Trim();
        Apply(target, form);
        log.Add(SecurityEvents.AccountChanged, target.UserName!, details: Details(target), actor: actor);
        await users.UpdateAsync(target).ConfigureAwait(false);
        if (regionMoved)
        {
            await users.UpdateSecurityStampAsync(target).ConfigureAwait(false); // its sessions carry the old region
        }
        return null;
    }

    public async Task<AccountRefusal?> SetDisabledAsync(string actor, string userId, bool disabled, CancellationToken ct)
    {
        var kind = disabled ? SecurityEvents.AccountDisabled : SecurityEvents.AccountEnabled;
        var (target, refused) = await TargetAsync(actor, userId, kind).ConfigureAwait(false);
        if (target is null)
        {
            return refused;
        }
        target.DisabledAt = disabled ? clock.GetUtcNow() : null;
        log.Add(kind, target.UserName!, actor: actor);
        await users.UpdateAsync(target).ConfigureAwait(false);
        await users.UpdateSecurityStampAsync(target).ConfigureAwait(false); // its sessions end at their next check
        return null;
    }

    public async Task<(string? Password, AccountRefusal? Refusal)> ResetPasswordAsync(string actor, string userId, CancellationToken ct)
    {
        var (target, refused) = await TargetAsync(actor, userId, SecurityEvents.PasswordReset).ConfigureAwait(false);
        if (target is null)
        {
            return (null, refused);
        }
        var password = TemporaryPassword();
        var token = await users.GeneratePasswordResetTokenAsync(target).ConfigureAwait(false);
        var reset = await users.ResetPasswordAsync(target, token, password).ConfigureAwait(false);
        if (!reset.Succeeded)
        {
            return (null, await RefuseAsync(actor, SecurityEvents.PasswordReset, target.UserName!, new(string.Join(" ", reset.Errors.Select(e => e.Description)), "identity refused")).ConfigureAwait(false));
        }
        target.MustChangePassword = true;
        await users.SetLockoutEndDateAsync(target, null).ConfigureAwait(false);
        log.Add(SecurityEvents.PasswordReset, target.UserName!, actor: actor);
        await users.UpdateAsync(target).ConfigureAwait(false);
        return (password, null);
    }

    /// <summary>
    /// Links an identity of the office's identity provider (the value of its configured claim) to an account, so that
    /// it may sign in through the provider: only an account the system administrator manages (never an administrator's,
    /// which sign in locally so the platform can be administered when the provider is down), and never a value already
    /// linked to another account. The account keeps its role, region and second factor.
    /// </summary>
    public async Task<AccountRefusal?> LinkExternalAsync(string actor, string userId, string provider, string? key, CancellationToken ct)
    {
        var (target, refused) = await TargetAsync(actor, userId, SecurityEvents.ExternalLinked).ConfigureAwait(false);
        if (target is null)
        {
            return refused;
        }
        key = key?.Trim();
        AccountRefusal? refusal = null;
        if (string.IsNullOrEmpty(key) || key.Length > 128)
        {
            refusal = new("请填写统一身份认证账户标识（不超过 128 个字符）。", "external key missing or too long");
        }
        else if (await users.FindByLoginAsync(provider, key).ConfigureAwait(false) is { } holder)
        {
            refusal = holder.Id == target.Id ? new("该标识已关联此账户。", "already linked to this account") : new("该统一身份认证账户已关联其他平台账户。", "linked to another account");
        }
        if (refusal is not null)
        {
            return await RefuseAsync(actor, SecurityEvents.ExternalLinked, target.UserName!, refusal).ConfigureAwait(false);
        }
        log.Add(SecurityEvents.ExternalLinked, target.UserName!, details: new JsonObject { ["provider"] = provider, ["key"] = key }, actor: actor);
        var added = await users.AddLoginAsync(target, new UserLoginInfo(provider, key!, "统一身份认证")).ConfigureAwait(false);
        return added.Succeeded ? null : await RefuseAsync(actor, SecurityEvents.ExternalLinked, target.UserName!, new("关联未成功，请重试。", "identity refused: " + string.Join(",", added.Errors.Select(e => e.Code)))).ConfigureAwait(false);
    }

    /// <summary>Removes a link; the account's sessions that came through the provider end (its security stamp changes).</summary>
    public async Task<AccountRefusal?> UnlinkExternalAsync(string actor, string userId, string provider, string? key, CancellationToken ct)
    {
        var (target, refused) = await TargetAsync(actor, userId, SecurityEvents.ExternalUnlinked).ConfigureAwait(false);
        if (target is null)
        {
            return refused;
        }
        if (string.IsNullOrEmpty(key) || !(await users.GetLoginsAsync(target).ConfigureAwait(false)).Any(l => l.LoginProvider == provider && l.ProviderKey == key))
        {
            return await RefuseAsync(actor, SecurityEvents.ExternalUnlinked, target.UserName!, new("该账户没有这一关联。", "no such link")).ConfigureAwait(false);
        }
        log.Add(SecurityEvents.ExternalUnlinked, target.UserName!, details: new JsonObject { ["provider"] = provider, ["key"] = key }, actor: actor);
        await users.RemoveLoginAsync(target, provider, key).ConfigureAwait(false);
        return null;
    }

    /// <summary>The security administrator gives an account its one role (replacing the one it had).</summary>
    public async Task<AccountRefusal?> AssignRoleAsync(string actor, string userId, string? role, CancellationToken ct)
    {
        var target = await users.FindByIdAsync(userId).ConfigureAwait(false);
        var name = target?.UserName ?? userId;
        AccountRefusal? refusal = null;
        if (target is null)
        {
            refusal = new("未找到该账户。", "no such account");
        }
        else if (string.Equals(target.UserName, actor, StringComparison.Ordinal))
        {
            refusal = new("不能修改自己的角色。", "an administrator cannot change their own role");
        }
        else if (role is null || !Roles.All.Contains(role))
        {
            refusal = new("请选择有效的角色。", $"unknown role '{role}'");
        }
        else if (!Roles.FitsRegionLevel(role, target.RegionCode is { } code ? regions.Find(code)?.Level : null))
        {
            refusal = new($"账户所属区域与角色“{Roles.Title(role)}”不符：请先由系统管理员调整账户的区域。", $"region {target.RegionCode ?? "(none)"} does not fit role {role}");
        }
        else if (role == Roles.Enterprise && target.CreditCode is null)
        {
            refusal = new("企业用户账户须先由系统管理员填写统一社会信用代码。", "an enterprise account needs a credit code");
        }
        if (refusal is not null)
        {
            log.Add(SecurityEvents.RoleGranted, name, SecurityEvents.Failure, new JsonObject { ["role"] = role, ["reason"] = refusal.En }, actor);
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            return refusal;
        }
        var current = await users.GetRolesAsync(target!).ConfigureAwait(false);
        if (current.SequenceEqual([role!]))
        {
            return null;
        }
        // One role per account (a unique index in the database): the old role goes before the new one comes.
        if (current.Count > 0)
        {
            await users.RemoveFromRolesAsync(target!, current).ConfigureAwait(false);
            log.Add(SecurityEvents.RoleRevoked, name, details: new JsonObject { ["role"] = string.Join(',', current) }, actor: actor);
        }
        await users.AddToRoleAsync(target!, role!).ConfigureAwait(false);
        log.Add(SecurityEvents.RoleGranted, name, details: new JsonObject { ["role"] = role }, actor: actor);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await users.UpdateSecurityStampAsync(target!).ConfigureAwait(false); // sessions pick up the new role, or end
        return null;
    }

    /// <summary>A password meeting any policy the security administrator can set: 20 characters of all four classes.</summary>
    public static string TemporaryPassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower = "abcdefghijkmnpqrstuvwxyz", digits = "23456789", other = "!@#%*-_=+";
        const string all = upper + lower + digits + other;
        var chars = new List<char>
        {
            upper[RandomNumberGenerator.GetInt32(upper.Length)],
            lower[RandomNumberGenerator.GetInt32(lower.Length)],
            digits[RandomNumberGenerator.GetInt32(digits.Length)],
            other[RandomNumberGenerator.GetInt32(other.Length)],
        };
        while (chars.Count < 20)
        {
            chars.Add(all[RandomNumberGenerator.GetInt32(all.Length)]);
        }
        return new string([.. chars.OrderBy(_ => RandomNumberGenerator.GetInt32(int.MaxValue))]);
    }

    /// <summary>The account the system administrator acts on, or the recorded refusal when they may not.</summary>
    private async Task<(TiduUser? Target, AccountRefusal? Refusal)> TargetAsync(string actor, string userId, string kind)
    {
        var target = await users.FindByIdAsync(userId).ConfigureAwait(false);
        AccountRefusal? refusal = null;
        if (target is null)
        {
            refusal = new("未找到该账户。", "no such account");
        }
        else if (string.Equals(target.UserName, actor, StringComparison.Ordinal))
        {
            refusal = new("不能在这里修改自己的账户（口令和双因素认证在“账户安全”中修改）。", "an administrator cannot change their own account here");
        }
        else if ((await users.GetRolesAsync(target).ConfigureAwait(false)).Any(Roles.Administrators.Contains))
        {
            refusal = new("管理员账户不能由系统管理员停用、重置或修改。", "administrator accounts are not managed by the system administrator");
        }
        if (refusal is null)
        {
            return (target, null);
        }
        return (null, await RefuseAsync(actor, kind, target?.UserName ?? userId, refusal).ConfigureAwait(false));
    }

    private AccountRefusal? Check(AccountForm form, string? role)
    {
        if (string.IsNullOrWhiteSpace(form.DisplayName) || form.DisplayName.Trim().Length > 100)
        {
            return new("请填写姓名或单位名称（不超过 100 字）。", "display name missing or too long");
        }
        if (Blank(form.RegionCode) is { } code && regions.Find(code) is null)
        {
            return new($"区域代码 {code} 不在区划表中。", $"unknown region {code}");
        }
        if (role is not null && !Roles.FitsRegionLevel(role, Blank(form.RegionCode) is { } c ? regions.Find(c)?.Level : null))
        {
            return new($"该账户的角色是“{Roles.Title(role)}”，所选区域与之不符。", $"region does not fit role {role}");
        }
        if (Blank(form.CreditCode) is { } credit && !Domain.CreditCode.IsValid(credit))
        {
            return new("统一社会信用代码无效。", "invalid credit code");
        }
        if (Blank(form.OrganisationCreditCode) is { } org && !Domain.CreditCode.IsValid(org))
        {
            return new("所在单位的统一社会信用代码无效。", "invalid organisation credit code");
        }
        if (Blank(form.Email) is { } email && (email.Length > 256 || !email.Contains('@', StringComparison.Ordinal)))
        {
            return new("电子邮箱格式不正确。", "invalid e-mail");
        }
        if (Blank(form.PhoneNumber) is { } phone && (phone.Length > 20 || !phone.All(ch => char.IsAsciiDigit(ch) || ch is '-' or '+' or ' ')))
        {
            return new("电话号码格式不正确。", "invalid phone number");
        }
        return null;
    }

    private static void Apply(TiduUser user, AccountForm form)
    {
        user.RegionCode = Blank(form.RegionCode);
        user.CreditCode = Blank(form.CreditCode);
        user.OrganisationCreditCode = Blank(form.OrganisationCreditCode);
        user.Email = Blank(form.Email);
        user.NormalizedEmail = user.Email?.ToUpperInvariant();
        user.PhoneNumber = Blank(form.PhoneNumber);
    }

    // The event says what changed in the account's standing, not its personal data (e-mail and phone stay encrypted).
    private static JsonObject Details(TiduUser user) => new()
    {
        ["displayName"] = user.DisplayName,
        ["region"] = user.RegionCode,
        ["creditCode"] = user.CreditCode,
    };

    private async Task<AccountRefusal> RefuseAsync(string actor, string kind, string subject, AccountRefusal refusal)
    {
        log.Add(kind, subject, SecurityEvents.Failure, new JsonObject { ["reason"] = refusal.En }, actor);
        await db.SaveChangesAsync().ConfigureAwait(false);
        return refusal;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
