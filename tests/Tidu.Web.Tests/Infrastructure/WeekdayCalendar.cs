using Tidu.Rules.Calendar;

namespace Tidu.Web.Tests.Infrastructure;

/// <summary>
/// The working-day calendar of the test hosts: Monday to Friday of every year from 2000 to 2100, no holidays. The web
/// tests choose their days relative to the test clock's day (<see cref="TestClock"/>), often weeks or years ahead of it,
/// so that nothing they write is overdue or valid on the day of the other tests sharing the database; with the shipped
/// State Council arrangements each of those expectations would have to count the holidays near its own day. Holiday
/// counting is tested against the shipped arrangements in Tidu.Rules.Tests (WorkingDayCalendarTests) and through the
/// app, on fixed dates, by the tests that pass the shipped calendar to their host (PublicityTests, RequestTests).
/// </summary>
internal static class WeekdayCalendar
{
    public static WorkingDayCalendar Instance { get; } = WorkingDayCalendar.Of(
        Enumerable.Range(2000, 101).Select(y => new HolidayYear(y, "test:weekdays", new DateOnly(y, 1, 1), new DateOnly(y, 12, 31), [])),
        []);
}
