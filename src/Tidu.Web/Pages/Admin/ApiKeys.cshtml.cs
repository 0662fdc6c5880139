using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tidu.Data;
using Tidu.Data.Entities;
using Tidu.Data.Identity;
using Tidu.Domain.Regions;
using Tidu.Web.Security;

namespace Tidu.Web.Pages.Admin;

/// <summary>Administrators issue and revoke API keys for banks and service bodies (each write audited by the context).</summary>
public sealed class ApiKeysModel(TiduDbContext db, RegionTree regions, TimeProvider clock) : PageModel
{
    public IReadOnlyList<ApiKey> Keys { get; private set; } = [];
    public string? NewKey { get; private set; }
    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct).ConfigureAwait(false);

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

    public async Task OnPostCreateAsync(string? name, string? regionCode, string? purpose, string? recipientKind, string[]? tiers, CancellationToken ct)
    {
        var listTiers = (tiers ?? []).Where(ListTiers.Contains).Distinct().ToList();
        var kind = string.IsNullOrEmpty(recipientKind) ? null : recipientKind;
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100 || regionCode is null || regions.Find(regionCode) is null)
        {
            Message = "请填写名称和有效的区域代码。";
        }
        else if (purpose is null || !Purposes.TryGetValue(purpose, out var scopes))
        {
            Message = "请选择密钥用途（读取档案、读写档案或拉取名单）。";
        }
        else if (purpose == "list" && (kind is null || !Data.Entities.Sharing.RecipientKinds.All.Contains(kind) || listTiers.Count == 0))
        {
            Message = "名单推送密钥须选择机构类型并至少选择一个梯度。";
        }
        else if (purpose != "list" && (kind is not null || listTiers.Count > 0))
        {
            Message = "只有名单推送密钥可以选择机构类型和梯度；读取档案的密钥不拉取名单。";
        }
        else
        {
            var (key, prefix, hash) = ApiKeyAuthentication.NewKey();
            db.ApiKeys.Add(new ApiKey
            {
                Name = name.Trim(),
                Prefix = prefix,
                SecretHash = hash,
                RegionCode = regionCode,
                Scopes = scopes,
                RecipientKind = kind,
                Tiers = kind is null ? "" : string.Join(' ', listTiers),
                CreatedAt = clock.GetUtcNow(),
            });
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            NewKey = key;
        }
        await LoadAsync(ct).ConfigureAwait(false);
    }

    public async Task OnPostRevokeAsync(long id, CancellationToken ct)
    {
        if (await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, ct).ConfigureAwait(false) is { RevokedAt: null } key)
        {
            key.RevokedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        await LoadAsync(ct).ConfigureAwait(false);
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Keys = await db.ApiKeys.AsNoTracking().OrderBy(k => k.Id).ToListAsync(ct).ConfigureAwait(false);
}
