namespace Tidu.Data.Registry;

/// <summary>Dates as the offices see them: China Standard Time (UTC+8, no daylight saving), whatever the server's zone.</summary>
public static class ChinaCalendar
{
    private static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(Offset).DateTime);
    }
}
