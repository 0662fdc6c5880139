using Microsoft.Extensions.Time.Testing;
using Tidu.Data.Registry;

namespace Tidu.Web.Tests.Infrastructure;

/// <summary>
/// The one "now" of the web tests: the shared hosts run on a fake clock started at <see cref="Start"/>, and every test
/// takes its "today" from here, never from the machine. The day is a Monday well inside the years the shipped rule
/// versions and holiday arrangements cover (a deadline computed from the real date can fall into a year with no
/// arrangement yet, which the platform refuses), so the results are the same whatever day and hour the tests run.
/// </summary>
public static class TestClock
{
    /// <summary>Monday 7 September 2026, 10:00 China time (02:00 UTC).</summary>
    public static DateTimeOffset Start { get; } = new(2026, 9, 7, 2, 0, 0, TimeSpan.Zero);

    /// <summary>The calendar day in China at <see cref="Start"/>.</summary>
    public static DateOnly Today { get; } = ChinaCalendar.Today(new FakeTimeProvider(Start));

    /// <summary>10:00 China time on <paramref name="day"/>: the instant a test acts on a day it chose.</summary>
    public static DateTimeOffset At(DateOnly day) => new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)).ToUniversalTime();

    /// <summary>
    /// A clock for a shared host: it starts at <see cref="Start"/> and moves one millisecond at each reading, so
    /// timestamps keep their order as on a real clock (newest first, sessions, audit), without depending on the machine.
    /// No test run reads it often enough to leave the day (that would take tens of millions of readings).
    /// </summary>
    public static FakeTimeProvider NewSharedClock() => new(Start) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };
}
