namespace Tidu.Application.Workflow;

/// <summary>
/// Counting publicity days: Monday to Friday are working days. Public holidays and the adjusted working weekends
/// (调休) of the State Council calendar are not known here, so a publicity over a holiday ends too early — see
/// docs/web-platform.md.
/// </summary>
public static class WorkingDays
{
    public static bool IsWorkingDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>The first working day on or after <paramref name="day"/>.</summary>
    public static DateOnly FirstOnOrAfter(DateOnly day)
    {
        while (!IsWorkingDay(day))
        {
            day = day.AddDays(1);
        }
        return day;
    }

    /// <summary>The last day of a period of <paramref name="count"/> working days beginning on <paramref name="start"/> (itself a working day).</summary>
    public static DateOnly LastOf(DateOnly start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var day = FirstOnOrAfter(start);
        for (var i = 1; i < count; i++)
        {
            day = FirstOnOrAfter(day.AddDays(1));
        }
        return day;
    }
}
