using Tidu.Application.Workflow;

namespace Tidu.Application.Service;

/// <summary>Request deadlines: the N-th working day (Mon–Fri, as for publicity) after the given day, that day not counted.</summary>
public static class Deadlines
{
    public static DateOnly After(DateOnly day, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingDays, 1);
        return WorkingDays.LastOf(day.AddDays(1), workingDays);
    }
}
