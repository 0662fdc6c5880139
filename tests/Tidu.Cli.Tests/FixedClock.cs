namespace Tidu.Cli.Tests;

/// <summary>A clock stopped at one instant, so "today" is known to the test.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    /// <summary>
    /// The tests' day when the day itself does not matter (the commands read the clock only for a missing as-of date
    /// and for timestamps): Monday 7 September 2026, 10:00 China time, never the machine's day.
    /// </summary>
    public static FixedClock TestDay { get; } = new(new DateTimeOffset(2026, 9, 7, 10, 0, 0, TimeSpan.FromHours(8)));

    public override DateTimeOffset GetUtcNow() => now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
