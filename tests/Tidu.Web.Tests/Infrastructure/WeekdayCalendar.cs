using Tidu.Rules.Calendar;

namespace Tidu.Web.Tests.Infrastructure;

/// <summary>
/// The working-day calendar of the test hosts: Monday to Friday of every year from 2000 to 2100, no holidays. The web
/// tests choose their days relative to the real date they run on (so that nothing they write is overdue or valid on
/// the real today of the other tests sharing the database); with the shipped State Council arrangements their
/// expectations would depend on the holidays near that date and fail once it passes the last shipped year. Holiday
/// counting is tested against the shipped arrangements in Tidu.Rules.Tests (WorkingDayCalendarTests) and through the
/// app, on fixed dates, by the tests that pass the shipped calendar to their host (PublicityTests, RequestTests).
/// </summary>
internal static class WeekdayCalendar
{
    public static WorkingDayCalendar Instance { get; } = WorkingDayCalendar.Of(
        Enumerable.Range(2000, 101).Select(y => new HolidayYear(y, "test:weekdays", new DateOnly(y, 1, 1), new DateOnly(y, 12, 31), [])),
        []);
}
