using System.Globalization;

namespace Tidu.Application.Monitoring;

/// <summary>
/// What the monitoring page counts: recognitions valid on the as-of date <paramref name="On"/>, and new
/// recognitions in the reporting year <paramref name="Year"/> up to that date. Both come from the page's GET form
/// (or the API's query); the default is today in China time and its year.
/// </summary>
public sealed record MonitoringPeriod(DateOnly On, int Year)
{
    /// <summary>The first day of the reporting year.</summary>
    public DateOnly YearFrom => new(Year, 1, 1);

    /// <summary>The last day counted in the reporting year: the as-of date when it falls in that year (later days have not happened yet), else 31 December.</summary>
    public DateOnly YearTo => On.Year == Year ? On : new DateOnly(Year, 12, 31);

    public static MonitoringPeriod Today(DateOnly today) => new(today, today.Year);

    /// <summary>
    /// Reads the form's text: <paramref name="on"/> as yyyy-MM-dd and <paramref name="year"/> as a year not later
    /// than the as-of date's. A blank field takes its default; a bad one gives a Chinese message (shown on the page,
    /// the default used instead) and an English one for the log and API.
    /// </summary>
    public static PeriodReading Read(string? on, string? year, DateOnly today)
    {
        var date = today;
        if (!string.IsNullOrWhiteSpace(on) && !DateOnly.TryParseExact(on.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return new PeriodReading(Today(today), $"统计日期“{on}”无效，应为“年-月-日”格式，已按今天统计。", $"as-of date '{on}' is not yyyy-MM-dd");
        }
        if (string.IsNullOrWhiteSpace(year))
        {
            return new PeriodReading(new MonitoringPeriod(date, date.Year), null, null);
        }
        if (!int.TryParse(year.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y < 1 || y > date.Year)
        {
            return new PeriodReading(new MonitoringPeriod(date, date.Year),
                $"统计年度“{year}”无效，应为不晚于统计日期所在年度（{date.Year}）的年份，已按{date.Year}年统计。",
                $"year '{year}' is not a year on or before the as-of date's ({date.Year})");
        }
        return new PeriodReading(new MonitoringPeriod(date, y), null, null);
    }
}

/// <summary>A period read from a form, with the Chinese message (UI) and English reason (log, API) when the input was bad.</summary>
public sealed record PeriodReading(MonitoringPeriod Period, string? Error, string? Reason);
