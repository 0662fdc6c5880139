namespace Tidu.Web.Security.SingleSignOn;

/// <summary>
/// Configuration section <c>Authentication:Oidc</c>: the office's unified identity platform (统一身份认证), spoken to
/// with OpenID Connect (authorization code flow with PKCE). Off unless <see cref="Authority"/> and
/// <see cref="ClientId"/> are set; then the sign-in page offers <see cref="DisplayName"/> beside the local accounts.
/// </summary>
public sealed class SingleSignOnOptions
{
    public const string Section = "Authentication:Oidc";

    /// <summary>The authentication scheme's name; it is also the provider name stored with each linked identity.</summary>
    public const string Scheme = "oidc";

    /// <summary>The provider's issuer URL; its discovery document (/.well-known/openid-configuration) is read from here.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>The client secret; give it through the environment (<c>Authentication__Oidc__ClientSecret</c>), never in a file in the repository.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// The id_token claim whose value an administrator links to a local account (<c>sub</c> by default; a province's
    /// platform may name its staff number or a national identity claim instead). The value is compared exactly.
    /// </summary>
    public string AccountClaim { get; set; } = "sub";

    /// <summary>The button on the sign-in page.</summary>
    public string DisplayName { get; set; } = "统一身份认证登录";

    /// <summary>
    /// The <c>amr</c> values (RFC 8176) that make the provider's sign-in count as both factors, e.g. <c>["mfa"]</c> for
    /// a provider that itself required a certificate or a dynamic password. Empty by default: the provider's sign-in is
    /// the first factor only, and the platform's own second factor follows when the account or the policy has one.
    /// </summary>
    public IList<string> TrustedMfaMethods { get; } = [];

    /// <summary>Where the provider sends the browser back (registered at the provider as the redirect URI).</summary>
    public string CallbackPath { get; set; } = "/signin-oidc";

    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}
