namespace Tidu.Web.UiTests.Support;

/// <summary>
/// The server's clock: the real time plus a shift a test may set, so a journey can move past a publicity period and
/// come back. Only tests in <see cref="ServerClock"/> shift it; they run alone.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    public TimeSpan Shift { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Shift;

    public override TimeZoneInfo LocalTimeZone => System.LocalTimeZone;
}
