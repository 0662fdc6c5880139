using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tidu.Data;
using Tidu.Data.Entities.Service;
using Tidu.Data.Registry;

namespace Tidu.Application.Service;

/// <summary>
/// Escalates overdue requests (诉求) one level up (county → city → province): not yet replied and past their
/// deadline (the deadline day itself is still in time). The request gets a new deadline of the same number of working
/// days from the day of escalation and an entry in its history. Runs as the system in its own scope — from the
/// background check and before every read of requests, so a reader never sees a stale level.
/// At the province there is no level above: the request stays overdue there.
/// </summary>
public sealed class RequestEscalator(ISystemRunner system, TimeProvider clock, IOptions<ServiceOptions> options, Tidu.Rules.Calendar.WorkingDayCalendar calendar,
    ILogger<RequestEscalator> log)
{
    public const string Actor = "system:escalation";

    private static readonly Action<ILogger, int, string, Exception?> NotEscalated =
        LoggerMessage.Define<int, string>(LogLevel.Error, new EventId(1, "RequestsNotEscalated"), "{Count} overdue requests not escalated: {Detail}");

    public Task<int> EscalateOverdueAsync(CancellationToken ct) =>
        system.RunAsync(Actor, services => EscalateAsync(services.GetRequiredService<TiduDbContext>(), ct), ct);

    private async Task<int> EscalateAsync(TiduDbContext db, CancellationToken ct)
    {
        var today = ChinaCalendar.Today(clock);
        var overdue = await db.EnterpriseRequests.Include(r => r.Enterprise)
            .Where(r => RequestLifecycle.Escalating.Contains(r.Status) && r.DueOn < today && r.Level != "province")
            .ToListAsync(ct).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        if (overdue.Count == 0)
        {
            return 0;
        }
        DateOnly due;
        try
        {
            due = Deadlines.After(calendar, today, options.Value.RequestResponseWorkingDays);
        }
        catch (Tidu.Rules.Calendar.CalendarNotCoveredException ex)
        {
            // No new deadline can be set: the requests stay where they are, overdue, until the year's arrangement is added.
            NotEscalated(log, overdue.Count, ex.Detail, null);
            return 0;
        }
        foreach (var r in overdue)
        {
            var from = r.Level;
            var to = ServiceLevels.Above(from)!;
            // A county directly under its province has no city: it goes to the province.
            if (to == "city" && r.Enterprise.CityCode is null)
            {
                to = "province";
            }
            var missed = r.DueOn;
            r.Level = to;
            r.HandlingRegionCode = ServiceLevels.RegionAt(r.Enterprise, to);
            r.DueOn = due;
            var step = RequestLifecycle.Find(r.Status, RequestTrigger.Escalate)!;
            r.Status = step.To;
            r.Escalations++;
            r.Revision++;
            db.RequestEntries.Add(new RequestEntry
            {
                Request = r,
                RequestId = r.Id,
                Kind = step.EntryKind,
                Actor = Actor,
                At = now,
                FromLevel = from,
                ToLevel = to,
                Text = $"逾期未答复（答复期限 {missed:yyyy-MM-dd}），转交{CommissionerService.LevelZh(to)}办理",
            });
        }
        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            return 0; // someone answered or escalated meanwhile; the next check sees the new state
        }
        return overdue.Count;
    }
}
