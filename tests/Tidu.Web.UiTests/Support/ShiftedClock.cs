namespace Tidu.Web.UiTests.Support;

/// <summary>
/// The server's clock: a fixed day (<see cref="Start"/>) moving on with the time elapsed since the server started
/// (the monotonic timestamp, not the machine's date), plus a shift a test may set, so a journey can move past a
/// publicity period and come back. What the journeys see never depends on the day they run. Only tests in
/// <see cref="ServerClock"/> shift it; they run alone.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    /// <summary>Monday 7 September 2026, 10:00 China time: inside the years the shipped rule versions cover.</summary>
    public static DateTimeOffset Start { get; } = new(2026, 9, 7, 2, 0, 0, TimeSpan.Zero);

    /// <summary>The calendar day in China at <see cref="Start"/>.</summary>
    public static DateOnly StartDay { get; } = new(2026, 9, 7);

    private readonly long _started;

    public ShiftedClock() => _started = GetTimestamp();

    public TimeSpan Shift { get; set; }

    public override DateTimeOffset GetUtcNow() => Start + GetElapsedTime(_started) + Shift;
}
