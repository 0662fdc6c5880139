using Tidu.Rules.Calendar;

namespace Tidu.Application.Service;

/// <summary>
/// Request deadlines: the N-th working day after the given day, that day not counted, by the State Council's holiday
/// arrangements (<see cref="WorkingDayCalendar"/>). A day no arrangement covers throws <see cref="CalendarNotCoveredException"/>.
/// </summary>
public static class Deadlines
{
    public static DateOnly After(WorkingDayCalendar calendar, DateOnly day, int workingDays)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.WorkingDaysAfter(day, workingDays);
    }
}
