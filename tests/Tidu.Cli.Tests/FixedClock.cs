namespace Tidu.Cli.Tests;

/// <summary>A clock stopped at one instant, so "today" is known to the test.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
