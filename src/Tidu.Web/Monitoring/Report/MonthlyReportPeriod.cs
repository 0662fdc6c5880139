using System.Globalization;

namespace Tidu.Web.Monitoring.Report;

/// <summary>
/// The month a monthly report covers: from its first day to its last, or to today while the month is still running.
/// Recognitions valid on <see cref="To"/> and new ones between <see cref="From"/> and <see cref="To"/> are counted.
/// </summary>
public sealed record MonthlyReportPeriod(DateOnly From, DateOnly To)
{
    public string Month => From.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The dashboard's period for the same day (its year is the month's year).</summary>
    public MonitoringPeriod AsOf => new(To, To.Year);

    public static MonthlyReportPeriod Of(int year, int month, DateOnly today)
    {
        var from = new DateOnly(year, month, 1);
        var last = from.AddMonths(1).AddDays(-1);
        return new MonthlyReportPeriod(from, last < today ? last : today);
    }

    /// <summary>
    /// Reads ?month=yyyy-MM; blank is this month. A bad or future month gives a Chinese message (the page shows this
    /// month instead) and an English reason for the log.
    /// </summary>
    public static (MonthlyReportPeriod Period, string? Error, string? Reason) Read(string? month, DateOnly today)
    {
        var current = Of(today.Year, today.Month, today);
        if (string.IsNullOrWhiteSpace(month))
        {
            return (current, null, null);
        }
        if (!DateOnly.TryParseExact(month.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
        {
            return (current, $"月份“{month}”无效，应为“年-月”格式（如 2026-10），已显示本月。", $"month '{month}' is not yyyy-MM");
        }
        if (first > today)
        {
            return (current, $"月份“{month}”尚未到来，已显示本月。", $"month '{month}' is after today ({today:yyyy-MM-dd})");
        }
        return (Of(first.Year, first.Month, today), null, null);
    }
}
