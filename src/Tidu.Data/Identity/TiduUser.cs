using Microsoft.AspNetCore.Identity;

namespace Tidu.Data.Identity;

/// <summary>A platform user: acts for one region (and everything under it) in one role; an enterprise user for one enterprise.</summary>
public sealed class TiduUser : IdentityUser
{
    public required string DisplayName { get; set; }

    /// <summary>The region the user acts for (6-digit code); null only for administrators.</summary>
    public string? RegionCode { get; set; }

    /// <summary>Set for enterprise users: the one enterprise whose file they may see.</summary>
    public string? CreditCode { get; set; }

    /// <summary>
    /// For experts: the credit code of the organisation they work for. An expert is never assigned to score that
    /// enterprise (a conflict of interest the system detects without a declaration).
    /// </summary>
    public string? OrganisationCreditCode { get; set; }
}
