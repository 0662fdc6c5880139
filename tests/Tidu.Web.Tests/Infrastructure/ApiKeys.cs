using Tidu.Data.Entities;
using Tidu.Web.Security;

namespace Tidu.Web.Tests.Infrastructure;

/// <summary>API keys made directly in the database (what the administrator's page stores), for tests that call with a key.</summary>
public static class ApiKeys
{
    /// <summary>A new key for <paramref name="region"/> with the given permissions (and, for a list key, recipient kind and tiers); the key's text.</summary>
    public static async Task<string> CreateAsync(TiduAppFixture app, string region, string scopes, string? recipientKind = null, string tiers = "")
    {
        ArgumentNullException.ThrowIfNull(app);
        var (key, prefix, hash) = ApiKeyAuthentication.NewKey();
        await app.WithDbAsync(db =>
        {
            db.ApiKeys.Add(new ApiKey
            {
                Name = "测试密钥 " + prefix,
                Prefix = prefix,
                SecretHash = hash,
                RegionCode = region,
                Scopes = scopes,
                RecipientKind = recipientKind,
                Tiers = tiers,
                CreatedAt = app.Clock.GetUtcNow(),
            });
            return db.SaveChangesAsync();
        }).ConfigureAwait(false);
        return key;
    }
}
