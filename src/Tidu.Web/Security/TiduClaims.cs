namespace Tidu.Web.Security;

/// <summary>Claim types Tidu adds at sign-in, read by the scope source.</summary>
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
