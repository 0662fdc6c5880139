using Tidu.Data.Entities;
using Tidu.Data.Entities.Service;

namespace Tidu.Application.Service;

/// <summary>
/// A request as raised: routed to the enterprise's commissioner's level (without one, its county), with its deadline in
/// working days. Throws <see cref="Tidu.Rules.Calendar.CalendarNotCoveredException"/> when the deadline falls in a year
/// without a holiday arrangement: the caller refuses the request with the exception's Chinese message.
/// </summary>
public static class NewRequest
{
    public static EnterpriseRequest Create(Enterprise e, CommissionerAssignment? commissioner, string category, string title, string description,
        string actor, DateTimeOffset now, DateOnly today, int workingDays, Tidu.Rules.Calendar.WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(e);
        var level = commissioner?.Level ?? "county";
        var due = Deadlines.After(calendar, today, workingDays);
        var raised = RequestLifecycle.Find(null, RequestTrigger.Raise)!;
        var request = new EnterpriseRequest
        {
            EnterpriseId = e.Id,
            Enterprise = e,
            Category = category,
            Title = title,
            Description = description,
            Status = raised.To,
            SubmittedBy = actor,
            SubmittedAt = now,
            SubmittedOn = today,
            SubmittedMonth = (today.Year * 100) + today.Month,
            FirstDueOn = due,
            DueOn = due,
            Level = level,
            HandlingRegionCode = ServiceLevels.RegionAt(e, level),
            Commissioner = commissioner?.Commissioner,
        };
        request.Entries.Add(new RequestEntry { Request = request, Kind = raised.EntryKind, Actor = actor, At = now, ToLevel = level });
        return request;
    }
}
