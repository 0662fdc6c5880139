using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tidu.Application.Auditing;
using Tidu.Data;
using Tidu.Data.Auditing;
using Tidu.Data.Entities;
using Tidu.Data.Entities.Sharing;
using Tidu.Data.Identity;
using Tidu.Domain.Regions;

namespace Tidu.Application.Administration;

/// <summary>What to issue: a name, the key's region, its purpose (read, write or list) and, for a list key, the kind of recipient and its tiers.</summary>
public sealed record ApiKeyRequest(string? Name, string? RegionCode, string? Purpose, string? RecipientKind, IReadOnlyList<string>? Tiers);

/// <summary>A key just issued: the row as saved and the key's text, shown once and never stored.</summary>
public sealed record IssuedApiKey(ApiKey Key, string Text);

/// <summary>
/// The security administrator issues and revokes API keys for banks and service bodies (least privilege: each key has
/// one purpose, a region and, for a list key, its recipient kind and tiers). Each is a security event besides the write's
/// own audit entry.
/// </summary>
public sealed class ApiKeyAdministration(TiduDbContext db, RegionTree regions, TimeProvider clock, ISecurityEvents events, IActorSource actors)
{
    /// <summary>Tiers a list key may be scoped to, in ladder order.</summary>
    public static IReadOnlyList<string> ListTiers { get; } =
        ["innovative-sme", "specialized-sme", "little-giant", "key-little-giant", "hidden-champion", "single-champion-enterprise", "single-champion-product"];

    /// <summary>What a key may do, chosen when it is made (there is no default): read files, read and write them, or pull a list.</summary>
    public static IReadOnlyDictionary<string, string> Purposes { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["read"] = ApiScopes.EnterprisesRead,
        ["write"] = ApiScopes.EnterprisesRead + " " + ApiScopes.EnterprisesWrite,
        ["list"] = ApiScopes.ListsRead,
    };

    public const int MaxName = 100;

    public async Task<Outcome<IReadOnlyList<ApiKey>>> ListAsync(CancellationToken ct)
    {
        if (Access.Require(actors.Current, Resource.ApiKey, Operation.Read) is { } forbidden)
        {
            return forbidden;
        }
        return new Outcome<IReadOnlyList<ApiKey>>(await db.ApiKeys.AsNoTracking().OrderBy(k => k.Id).ToListAsync(ct).ConfigureAwait(false), null);
    }

    public async Task<Outcome<IssuedApiKey>> IssueAsync(ApiKeyRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Access.Require(actors.Current, Resource.ApiKey, Operation.Write) is { } forbidden)
        {
            return forbidden;
        }
        var listTiers = (request.Tiers ?? []).Where(ListTiers.Contains).Distinct().ToList();
        var kind = string.IsNullOrEmpty(request.RecipientKind) ? null : request.RecipientKind;
        var name = request.Name;
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxName || request.RegionCode is not { } region || regions.Find(region) is null)
        {
            return Refusal.Invalid("api-key.name-or-region", "请填写名称和有效的区域代码。", $"a name of 1 to {MaxName} characters and a known region code are required");
        }
        if (request.Purpose is not { } purpose || !Purposes.TryGetValue(purpose, out var scopes))
        {
            return Refusal.Invalid("api-key.purpose", "请选择密钥用途（读取档案、读写档案或拉取名单）。", "purpose must be read, write or list");
        }
        if (purpose == "list" && (kind is null || !RecipientKinds.All.Contains(kind) || listTiers.Count == 0))
        {
            return Refusal.Invalid("api-key.list-scope", "名单推送密钥须选择机构类型并至少选择一个梯度。", "a list key needs a recipient kind and at least one tier");
        }
        if (purpose != "list" && (kind is not null || listTiers.Count > 0))
        {
            return Refusal.Invalid("api-key.not-a-list-key", "只有名单推送密钥可以选择机构类型和梯度；读取档案的密钥不拉取名单。", "only a list key has a recipient kind and tiers");
        }
        var (text, prefix, hash) = ApiKeySecrets.New();
        var key = new ApiKey
        {
            Name = name.Trim(),
            Prefix = prefix,
            SecretHash = hash,
            RegionCode = region,
            Scopes = scopes,
            RecipientKind = kind,
            Tiers = kind is null ? "" : string.Join(' ', listTiers),
            CreatedAt = clock.GetUtcNow(),
        };
        db.ApiKeys.Add(key);
        events.Add(SecurityEvents.ApiKeyCreated, key.Name, details: new JsonObject { ["prefix"] = prefix, ["region"] = region, ["purpose"] = purpose, ["recipientKind"] = kind });
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return new IssuedApiKey(key, text);
    }

    /// <summary>Revokes a key (at once: it authenticates no more); a key already revoked stays as it was.</summary>
    public async Task<Outcome<ApiKey>> RevokeAsync(long id, CancellationToken ct)
    {
        if (Access.Require(actors.Current, Resource.ApiKey, Operation.Write) is { } forbidden)
        {
            return forbidden;
        }
        if (await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, ct).ConfigureAwait(false) is not { } key)
        {
            return Refusal.NotFound("api-key.not-found", "未找到该密钥", $"no API key {id}");
        }
        if (key.RevokedAt is null)
        {
            key.RevokedAt = clock.GetUtcNow();
            events.Add(SecurityEvents.ApiKeyRevoked, key.Name, details: new JsonObject { ["prefix"] = key.Prefix });
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        return key;
    }
}
