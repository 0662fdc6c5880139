using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tidu.Application.Service;
using Tidu.Data;
using Tidu.Data.Entities.Service;
using Tidu.Data.Identity;
using Tidu.Data.Registry;

namespace Tidu.Web.Seeding;

/// <summary>
/// Demo service data: a few enterprises per demo commissioner's region assigned to them (as the rules ask — the
/// others stay in the "lacking" list to try assigning), one visit, and one request of the demo enterprise user.
/// </summary>
public static class ServiceDemo
{
    private const int PerCommissioner = 5;

    public static async Task SeedAsync(IServiceProvider sp, string enterpriseUserCreditCode)
    {
        ArgumentNullException.ThrowIfNull(sp);
        var service = sp.GetRequiredService<CommissionerService>();
        var users = sp.GetRequiredService<UserManager<TiduUser>>();
        var db = sp.GetRequiredService<TiduDbContext>();
        var clock = sp.GetRequiredService<TimeProvider>();
        var lacking = await service.LackingAsync(service.Today, null, CancellationToken.None).ConfigureAwait(false);
        var commissioners = DemoAccounts.All.Where(a => a.Role == Roles.Commissioner && !a.UserName.EndsWith("-b", StringComparison.Ordinal)).ToList();
        string? firstServed = null;
        foreach (var c in commissioners)
        {
            var user = await users.FindByNameAsync(c.UserName).ConfigureAwait(false) ?? throw new InvalidOperationException($"demo commissioner {c.UserName} missing");
            foreach (var l in lacking.Where(l => l.AssigningRegionCode == c.RegionCode).Take(PerCommissioner))
            {
                var e = await db.Enterprises.SingleAsync(x => x.CreditCode == l.CreditCode).ConfigureAwait(false);
                var (_, refusal) = await service.AssignAsync(e, user, isCommissioner: true, assignerRegion: null, assignerIsAdministrator: true, reason: null, CancellationToken.None).ConfigureAwait(false);
                if (refusal is not null)
                {
                    throw new InvalidOperationException("demo assignment refused: " + refusal.En);
                }
                firstServed ??= c.UserName == "sc-commissioner" ? l.CreditCode : null;
            }
        }
        var today = ChinaCalendar.Today(clock);
        var now = clock.GetUtcNow();
        if (firstServed is not null)
        {
            var e = await db.Enterprises.SingleAsync(x => x.CreditCode == firstServed).ConfigureAwait(false);
            db.Visits.Add(new Visit
            {
                EnterpriseId = e.Id,
                Enterprise = e,
                Commissioner = "sc-commissioner",
                VisitedOn = today.AddDays(-7),
                Notes = "走访企业生产车间，了解研发投入和融资需求（演示数据）",
                IssuesFound = "研发中心建设资金缺口；高层次人才落户",
                IssuesSolved = 1,
                RecordedAt = now,
            });
        }
        var own = await db.Enterprises.SingleAsync(x => x.CreditCode == enterpriseUserCreditCode).ConfigureAwait(false);
        var current = await service.CurrentAsync(own.Id, CancellationToken.None).ConfigureAwait(false);
        EnterpriseRequest request;
        try
        {
            request = NewRequest.Create(own, current, "finance", "申请“专精特新贷”对接（演示数据）", "企业计划扩建产线，希望对接银行“专精特新贷”产品。", "enterprise", now, today,
                sp.GetRequiredService<IOptions<ServiceOptions>>().Value.RequestResponseWorkingDays, sp.GetRequiredService<Tidu.Rules.Calendar.WorkingDayCalendar>());
        }
        catch (Tidu.Rules.Calendar.CalendarNotCoveredException ex)
        {
            // The demo request's deadline would fall in a year whose holiday arrangement is not shipped yet: no demo request.
            sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ServiceDemo)).LogWarning("No demo request: {Detail}", ex.Detail);
            return;
        }
        db.EnterpriseRequests.Add(request);
        await db.SaveChangesAsync().ConfigureAwait(false);
    }
}
