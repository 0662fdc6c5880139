using System.ComponentModel.DataAnnotations;

namespace Tidu.Data.Identity;

/// <summary>
/// The security policy the security administrator sets (one row): password rules, session lifetimes and whether
/// officers and administrators must sign in with a second factor. Until the first edit the row holds the values of
/// the configuration section <c>Security:Policy</c>. Each change is an audited write. The limits below are the floors
/// and ceilings no edit can pass (GB/T 22239-2019 8.1.4.1: passwords with complexity and periodic change, sessions
/// that end); <c>Security:RequireTwoFactor</c> in the configuration (on in Production) keeps the second factor on
/// whatever the row says.
/// </summary>
public sealed class SecurityPolicy
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    [Range(8, 128)]
    public int MinimumLength { get; set; } = 10;

    /// <summary>How many of the four classes (upper case, lower case, digits, other characters) a password must mix.</summary>
    [Range(1, 4)]
    public int RequiredCharacterClasses { get; set; } = 3;

    /// <summary>How many previous passwords may not be used again (0: none remembered).</summary>
    [Range(0, 24)]
    public int PasswordHistory { get; set; } = 5;

    /// <summary>Days after which a password must be changed (0: no maximum age).</summary>
    [Range(0, 365)]
    public int MaximumPasswordAgeDays { get; set; } = 90;

    /// <summary>Minutes without a request after which a session ends.</summary>
    [Range(1, 240)]
    public int IdleTimeoutMinutes { get; set; } = 30;

    /// <summary>Hours after the sign-in after which a session ends however active it is.</summary>
    [Range(1, 24)]
    public int AbsoluteLifetimeHours { get; set; } = 8;

    /// <summary>Officers and administrators must sign in with an authenticator code (TOTP) besides their password.</summary>
    public bool RequireTwoFactor { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }

    public SecurityPolicy Copy() => (SecurityPolicy)MemberwiseClone();
}
