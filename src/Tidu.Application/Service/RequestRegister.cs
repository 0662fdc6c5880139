using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tidu.Data;
using Tidu.Data.Entities.Service;
using Tidu.Data.Registry;
using Tidu.Rules.Calendar;
using Tidu.Rules.Service;

namespace Tidu.Application.Service;

/// <summary>Requests in the reader's scope, newest first, with the day they were read (a request is overdue after its due day).</summary>
public sealed record RequestList(DateOnly Today, IReadOnlyList<EnterpriseRequest> Items);

/// <summary>
/// The requests (诉求) list and the raising of a request, for the requests page and GET/POST /api/v1/requests alike:
/// overdue requests are escalated before any list is read; an enterprise user raises a request for its own file, in a
/// category of the service rules, routed and given its deadline by <see cref="NewRequest"/>.
/// </summary>
public sealed class RequestRegister(TiduDbContext db, ServiceRules rules, RequestEscalator escalator, TimeProvider clock, IOptions<ServiceOptions> options,
    WorkingDayCalendar calendar, IActorSource actors)
{
    /// <summary>How many requests one list holds at most (newest first).</summary>
    public const int MaxListed = 500;

    public const int MaxTitle = 200;
    public const int MaxDescription = 4000;

    /// <summary>Whether the actor raises requests (an enterprise user).</summary>
    public bool Raises => Access.May(actors.Current, AccessRight.RaiseRequest);

    public IReadOnlyList<RequestCategory> Categories => rules.Categories;

    /// <summary>Requests in scope (of one status: submitted, accepted, replied or closed), newest first, after escalating overdue ones.</summary>
    public async Task<Outcome<RequestList>> ListAsync(string? status, CancellationToken ct)
    {
        RequestStatus? only = null;
        if (status is not null)
        {
            if (!Enum.TryParse<RequestStatus>(status, ignoreCase: true, out var s))
            {
                return Refusal.Invalid("request.unknown-status", "状态应为 submitted、accepted、replied 或 closed", $"unknown status '{status}'");
            }
            only = s;
        }
        await escalator.EscalateOverdueAsync(ct).ConfigureAwait(false);
        var query = db.EnterpriseRequests.AsNoTracking().Include(r => r.Enterprise).AsQueryable();
        if (only is { } wanted)
        {
            query = query.Where(r => r.Status == wanted);
        }
        var rows = await query.OrderByDescending(r => r.Id).Take(MaxListed).ToListAsync(ct).ConfigureAwait(false);
        return new RequestList(ChinaCalendar.Today(clock), rows);
    }

    /// <summary>The enterprise user raises a request; the request as saved, with its first history entry.</summary>
    public async Task<Outcome<EnterpriseRequest>> RaiseAsync(string? category, string? title, string? description, CancellationToken ct)
    {
        if (Access.Require(actors.Current, AccessRight.RaiseRequest) is { } forbidden)
        {
            return forbidden;
        }
        if (db.Scope.CreditCode is not { } creditCode)
        {
            return Refusal.Forbidden("forbidden.raise-request", "只有企业用户可以提出诉求", "the enterprise user's account names no enterprise");
        }
        var errors = new Dictionary<string, string[]>();
        if (rules.Category(category ?? "") is null)
        {
            errors["category"] = [$"unknown category '{category}' (known: {string.Join(", ", rules.Categories.Select(c => c.Id))})"];
        }
        if (string.IsNullOrWhiteSpace(title) || title.Length > MaxTitle)
        {
            errors["title"] = [$"a title of 1 to {MaxTitle} characters is required"];
        }
        if (string.IsNullOrWhiteSpace(description) || description.Length > MaxDescription)
        {
            errors["description"] = [$"a description of 1 to {MaxDescription} characters is required"];
        }
        if (errors.Count > 0)
        {
            return Refusal.Validation("request.invalid", "诉求内容校验未通过", "request validation failed", errors);
        }
        if (await db.Enterprises.SingleOrDefaultAsync(e => e.CreditCode == creditCode, ct).ConfigureAwait(false) is not { } e)
        {
            return Workflow.WorkflowProblems.EnterpriseNotFound(creditCode);
        }
        var commissioner = await db.CommissionerAssignments.AsNoTracking().Where(a => a.EnterpriseId == e.Id && a.EndedAt == null)
            .OrderByDescending(a => a.Id).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        EnterpriseRequest request;
        try
        {
            request = NewRequest.Create(e, commissioner, category!, title!.Trim(), description!.Trim(), db.Scope.Actor, clock.GetUtcNow(), ChinaCalendar.Today(clock),
                options.Value.RequestResponseWorkingDays, calendar);
        }
        catch (CalendarNotCoveredException ex)
        {
            return Refusal.Invalid("calendar.not-covered", ex.Message, ex.Detail);
        }
        db.EnterpriseRequests.Add(request);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return request;
    }
}
