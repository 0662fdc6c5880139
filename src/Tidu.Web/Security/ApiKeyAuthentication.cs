using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tidu.Data;
using Tidu.Data.Identity;

namespace Tidu.Web.Security;

/// <summary>
/// Banks and service bodies call the API with <c>X-Api-Key: tidu_{prefix}_{secret}</c>. Only a SHA-256 of the
/// key is stored; the comparison is constant-time; a revoked key stops working at once.
/// </summary>
public sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, TiduDbContext db)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";
    public const string Role = Roles.ApiClient;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || values.Count != 1 || string.IsNullOrEmpty(values[0]))
        {
            return AuthenticateResult.NoResult();
        }
        var presented = values[0]!;
        var parts = presented.Split('_');
        if (parts.Length != 3 || parts[0] != "tidu")
        {
            return AuthenticateResult.Fail("malformed API key");
        }
        var prefix = parts[1];
        var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Prefix == prefix).ConfigureAwait(false);
        if (key is null || key.RevokedAt is not null
            || !CryptographicOperations.FixedTimeEquals(Convert.FromHexString(key.SecretHash), Hash(presented)))
        {
            return AuthenticateResult.Fail("unknown or revoked API key");
        }
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, "api-key:" + key.Name),
            new Claim(ClaimTypes.Role, Role),
            new Claim(TiduClaims.RegionCode, key.RegionCode),
            new Claim(TiduClaims.ApiScopes, key.Scopes),
            new Claim(TiduClaims.ApiKeyId, key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(TiduClaims.ApiTiers, key.Tiers),
        ], SchemeName);
        if (key.RecipientKind is { } kind)
        {
            identity.AddClaim(new Claim(TiduClaims.RecipientKind, kind));
        }
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    public static byte[] Hash(string presented) => Tidu.Application.Administration.ApiKeySecrets.Hash(presented);

    /// <summary>A new key: the text to hand out once, its prefix and the hash to store.</summary>
    public static (string Key, string Prefix, string Hash) NewKey() => Tidu.Application.Administration.ApiKeySecrets.New();
}
