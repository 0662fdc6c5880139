using Tidu.Data.Identity;

namespace Tidu.Web.Security.Accounts;

/// <summary>
/// Configuration section <c>Security</c>. <see cref="RequireTwoFactor"/> keeps the second factor on for officers and
/// administrators whatever the security administrator sets (on in Production); <see cref="Policy"/> holds the values the
/// security policy starts with before its first edit.
/// </summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    public bool RequireTwoFactor { get; set; }

    public SecurityPolicy Policy { get; set; } = new();

    /// <summary>The name shown in authenticator apps next to the account.</summary>
    public string AuthenticatorIssuer { get; set; } = "Tidu 梯度平台";

    /// <summary>How often a session's security stamp is checked (a disabled account or a changed role ends sessions within this time).</summary>
    public TimeSpan StampValidationInterval { get; set; } = TimeSpan.FromMinutes(1);
}
