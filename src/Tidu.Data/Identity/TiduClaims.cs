namespace Tidu.Data.Identity;

/// <summary>Claim types Tidu adds at sign-in (or to an API key's identity), read by the access matrix and the scope.</summary>
public static class TiduClaims
{
    public const string RegionCode = "tidu:region";
    public const string CreditCode = "tidu:credit-code";
    public const string DisplayName = "tidu:display-name";
    public const string ApiScopes = "tidu:api-scopes";
    public const string ApiKeyId = "tidu:api-key-id";
    public const string ApiTiers = "tidu:api-tiers";
    public const string RecipientKind = "tidu:recipient-kind";
}

/// <summary>
/// The permissions an API key is issued with (space-separated in <c>ApiKey.Scopes</c>). A key reads enterprise files,
/// reads and writes them, or pulls its list — chosen when the key is made; there is no default.
/// </summary>
public static class ApiScopes
{
    public const string EnterprisesRead = "enterprises:read";
    public const string EnterprisesWrite = "enterprises:write";
    public const string ListsRead = "lists:read";
}
