using System.Text.Json;
using System.Text.Json.Nodes;
using Tidu.Data.Entities;

namespace Tidu.Data.Auditing;

/// <summary>
/// Security events (sign-ins, second-factor changes, role and key changes, policy and configuration changes, exports
/// of enterprise data and of the trail itself) in the same tamper-evident trail as every write: an audit entry whose entity is
/// <see cref="Entity"/>, whose action is the event's kind, whose key is the account or object it concerns, and whose
/// "after" value records the outcome and where the request came from (GB/T 22239-2019 8.1.4.3 b: date and time,
/// user, event type, success or failure, and other relevant information).
/// </summary>
public static class SecurityEvents
{
    public const string Entity = "SecurityEvent";

    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string SignOut = "sign-out";
    public const string SessionEnded = "session-ended";
    public const string PasswordChanged = "password-changed";
    public const string PasswordReset = "password-reset";
    public const string TwoFactorEnabled = "two-factor-enabled";
    public const string TwoFactorDisabled = "two-factor-disabled";
    public const string RecoveryCodesGenerated = "recovery-codes-generated";
    public const string AccountCreated = "account-created";
    public const string AccountChanged = "account-changed";
    public const string AccountDisabled = "account-disabled";
    public const string AccountEnabled = "account-enabled";
    /// <summary>An identity of the office's identity provider linked to an account (it may then sign in through the provider), or unlinked.</summary>
    public const string ExternalLinked = "external-login-linked";
    public const string ExternalUnlinked = "external-login-unlinked";
    public const string RoleGranted = "role-granted";
    public const string RoleRevoked = "role-revoked";
    public const string ApiKeyCreated = "api-key-created";
    public const string ApiKeyRevoked = "api-key-revoked";
    public const string PolicyChanged = "security-policy-changed";
    public const string ConfigurationChanged = "configuration-changed";
    /// <summary>An export of enterprise files (the screening list as a spreadsheet): who took which part of which data.</summary>
    public const string DataExported = "data-exported";
    public const string AuditExported = "audit-exported";
    public const string AccessRefused = "access-refused";

    public const string Success = "success";
    public const string Failure = "failure";

    /// <summary>Chinese names of the kinds, for the audit administrator's pages and exports.</summary>
    public static IReadOnlyDictionary<string, string> Titles { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [SignIn] = "登录成功",
        [SignInFailed] = "登录失败",
        [SignOut] = "退出登录",
        [SessionEnded] = "会话超时结束",
        [PasswordChanged] = "修改口令",
        [PasswordReset] = "重置口令",
        [TwoFactorEnabled] = "启用双因素认证",
        [TwoFactorDisabled] = "停用双因素认证",
        [RecoveryCodesGenerated] = "生成恢复码",
        [AccountCreated] = "创建账户",
        [AccountChanged] = "修改账户",
        [AccountDisabled] = "停用账户",
        [AccountEnabled] = "启用账户",
        [ExternalLinked] = "关联统一身份认证",
        [ExternalUnlinked] = "解除统一身份认证关联",
        [RoleGranted] = "授予角色",
        [RoleRevoked] = "撤销角色",
        [ApiKeyCreated] = "创建接口密钥",
        [ApiKeyRevoked] = "吊销接口密钥",
        [PolicyChanged] = "修改安全策略",
        [ConfigurationChanged] = "配置变更",
        [DataExported] = "导出企业数据",
        [AuditExported] = "导出审计记录",
        [AccessRefused] = "越权访问被拒绝",
    };

    private static readonly JsonSerializerOptions Readable = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Adds the event to the context; it is sealed into the chain with the next save (the caller's, with its changes).</summary>
    /// <param name="db">The context whose save records it.</param>
    /// <param name="kind">One of the constants above.</param>
    /// <param name="subject">The account, key or object the event concerns (a user name, a key name, "policy").</param>
    /// <param name="outcome"><see cref="Success"/> or <see cref="Failure"/>.</param>
    /// <param name="address">Where the request came from (the client's IP address), or "cli", "system".</param>
    /// <param name="details">Anything else worth keeping (a reason, a role name, a count); never a secret.</param>
    /// <param name="at">When it happened.</param>
    /// <param name="actor">Who acted; defaults to the context's actor (for a failed sign-in: "anonymous").</param>
    public static AuditEntry Record(TiduDbContext db, string kind, string subject, string outcome, string? address,
        JsonObject? details, DateTimeOffset at, string? actor = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var after = new JsonObject
        {
            ["outcome"] = outcome,
            ["address"] = address,
        };
        if (details is not null)
        {
            foreach (var (key, value) in details.ToList())
            {
                details.Remove(key);
                after[key] = value;
            }
        }
        var entry = new AuditEntry
        {
            At = at,
            Actor = Bounded(actor ?? db.Scope.Actor, 256),
            Action = kind,
            Entity = Entity,
            EntityKey = Bounded(subject, 120),
            After = after.ToJsonString(Readable),
        };
        db.AuditEntries.Add(entry);
        return entry;
    }

    // A failed sign-in records what was typed as the user name: bounded, so a flood of long names cannot bloat the trail.
    private static string Bounded(string value, int max) => value.Length <= max ? value : value[..max];
}
