using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tidu.Data;
using Tidu.Data.Auditing;
using Tidu.Data.Cryptography;

namespace Tidu.Web.Security;

/// <summary>
/// The security-relevant configuration in force, as the system administrator reads it and as the audit trail records
/// it: at every start the values are compared with the last recorded ones and a difference is a "configuration
/// changed" security event with both (GB/T 22239-2019 8.1.4.3: configuration changes are audited even when they are
/// made outside the platform, in its files or environment). Secrets never appear: keys by id, no passwords.
/// </summary>
public sealed class ConfigurationSnapshot(IConfiguration configuration, IHostEnvironment environment, KeyRing keys)
{
    public IReadOnlyList<KeyValuePair<string, string>> Values { get; } = Read(configuration, environment, keys);

    private static List<KeyValuePair<string, string>> Read(IConfiguration c, IHostEnvironment env, KeyRing keys)
    {
        string Ids(string purpose) => keys.Has(purpose)
            ? string.Join("、", keys.Ids[purpose]) + "（当前：" + keys.Active(purpose).Id + "）"
            : "未配置";
        return
        [
            new("运行环境", env.EnvironmentName),
            new("数据库", c["Database:Provider"] ?? "sqlite"),
            new("密码算法", keys.Suite == CryptoSuite.Guomi ? "国密：SM3 / HMAC-SM3，SM4-GCM" : "国际：SHA-256 / HMAC-SHA256，AES-256-GCM"),
            new("字段加密密钥", Ids(KeyRing.Fields)),
            new("审计链密钥", Ids(KeyRing.Audit)),
            new("双因素认证（配置要求）", c.GetValue<bool>("Security:RequireTwoFactor") ? "是" : "否（由安全策略决定）"),
            new("单点登录（OIDC）", c["Authentication:Oidc:Authority"] is { Length: > 0 } authority ? authority + "（客户端 " + c["Authentication:Oidc:ClientId"] + "）" : "未配置"),
            new("可信反向代理", c.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() is { Length: > 0 } proxies ? "本机，" + string.Join("，", proxies) : "仅本机（其他来源以连接地址为准）"),
            new("演示数据", c.GetValue<bool>("Demo:Seed") ? "开启" : "关闭"),
            new("电子邮件通知", c.GetValue<bool>("Notifications:Email:Enabled") ? "开启：" + c["Notifications:Email:Host"] : "关闭"),
        ];
    }

    public JsonObject ToJson()
    {
        var o = new JsonObject();
        foreach (var (key, value) in Values)
        {
            o[key] = value;
        }
        return o;
    }

    /// <summary>Records a configuration-changed event when the values differ from the last recorded ones (or none was recorded).</summary>
    public async Task RecordIfChangedAsync(TiduDbContext db, TimeProvider clock, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var last = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Entity == SecurityEvents.Entity && a.Action == SecurityEvents.ConfigurationChanged)
            .OrderByDescending(a => a.Id).Select(a => a.After).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        var current = ToJson();
        var before = last is null ? null : JsonNode.Parse(last)?["settings"];
        if (before is not null && JsonNode.DeepEquals(before, current))
        {
            return;
        }
        SecurityEvents.Record(db, SecurityEvents.ConfigurationChanged, "configuration", SecurityEvents.Success, "system",
            new JsonObject { ["before"] = before?.DeepClone(), ["settings"] = current }, clock.GetUtcNow(), "system:startup");
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }
}
