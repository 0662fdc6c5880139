using Microsoft.AspNetCore.Identity;

namespace Tidu.Data.Identity;

/// <summary>A platform user: acts for one region (and everything under it) in one role; an enterprise user for one enterprise.</summary>
public sealed class TiduUser : IdentityUser
{
    public required string DisplayName { get; set; }

    /// <summary>The region the user acts for (6-digit code); null for administrators and experts.</summary>
    public string? RegionCode { get; set; }

    /// <summary>Set for enterprise users: the one enterprise whose file they may see.</summary>
    public string? CreditCode { get; set; }

    /// <summary>
    /// For experts: the credit code of the organisation they work for. An expert is never assigned to score that
    /// enterprise (a conflict of interest the system detects without a declaration).
    /// </summary>
    public string? OrganisationCreditCode { get; set; }

    /// <summary>When the system administrator disabled the account (null: enabled). A disabled account cannot sign in and its sessions end.</summary>
    public DateTimeOffset? DisabledAt { get; set; }

    /// <summary>When the password was last set; the security policy's maximum age counts from here.</summary>
    public DateTimeOffset? PasswordChangedAt { get; set; }

    /// <summary>Set when an administrator set the password (a new account, a reset): the user must choose their own at the next sign-in.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>The latest successful sign-in: when, and from which address. Shown to the user at their next sign-in.</summary>
    public DateTimeOffset? LastSignInAt { get; set; }

    public string? LastSignInAddress { get; set; }
}
