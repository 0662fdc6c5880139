namespace Tidu.Application.Dynamic;

/// <summary>
/// Where a recognition stands on a date, computed when read (no job has to run for a status to change): revoked once a
/// revocation is recorded; expired from the day after its last valid day; due for re-review from the notice day
/// (last valid day − lead days) to its last valid day; valid otherwise. Dates are China dates.
/// </summary>
public static class RecognitionStatus
{
    public const string Valid = "valid";
    public const string ReReviewDue = "re-review-due";
    public const string Expired = "expired";
    public const string Revoked = "revoked";
    public const string NotYetValid = "not-yet-valid";

    public static string Of(DateOnly recognizedOn, DateOnly? validUntil, bool revoked, DateOnly today, int leadDays) =>
        revoked ? Revoked
        : today < recognizedOn ? NotYetValid
        : validUntil is not { } last ? Valid
        : today > last ? Expired
        : today >= NoticeDay(last, leadDays) ? ReReviewDue
        : Valid;

    /// <summary>The first day the re-review notice goes out: <paramref name="leadDays"/> days before the last valid day.</summary>
    public static DateOnly NoticeDay(DateOnly validUntil, int leadDays) => validUntil.AddDays(-leadDays);

    public static string Label(string status) => status switch
    {
        Valid => "有效",
        ReReviewDue => "待复核",
        Expired => "已到期",
        Revoked => "已撤销",
        NotYetValid => "尚未生效",
        _ => status,
    };
}
