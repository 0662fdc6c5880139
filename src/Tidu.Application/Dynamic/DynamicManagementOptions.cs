using System.ComponentModel.DataAnnotations;

namespace Tidu.Application.Dynamic;

/// <summary>
/// Periods of dynamic management (appsettings "DynamicManagement" section). They are policy, so they live in
/// configuration with the source each one comes from; the citation is shown with every answer that uses the number.
/// The application refuses to start without them rather than guess.
/// </summary>
public sealed class DynamicManagementOptions
{
    /// <summary>How many days before a recognition's last valid day the re-review notice (复核提醒) goes out.</summary>
    [Range(1, 3660)]
    public int ReReviewNoticeLeadDays { get; set; }

    [Required]
    public string ReReviewNoticeLeadCite { get; set; } = "";

    /// <summary>Years after a revocation in which the enterprise may not apply for the same tier again.</summary>
    [Range(1, 20)]
    public int RevocationBarYears { get; set; }

    [Required]
    public string RevocationBarCite { get; set; } = "";

    /// <summary>Years a kept recognition is extended by (复核合格的，重新予以确认).</summary>
    [Range(1, 20)]
    public int KeepExtendsYears { get; set; }

    [Required]
    public string KeepExtendsCite { get; set; } = "";
}
