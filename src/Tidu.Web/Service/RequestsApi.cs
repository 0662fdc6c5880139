using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tidu.Application;
using Tidu.Application.Service;
using Tidu.Data;
using Tidu.Data.Entities.Service;
using Tidu.Data.Identity;
using Tidu.Data.Registry;
using Tidu.Rules.Service;
using Tidu.Web.Adapters;
using static Tidu.Application.Workflow.WorkflowProblems;

namespace Tidu.Web.Service;

/// <summary>
/// Requests (诉求): an enterprise raises one (category, title, description); it goes to its commissioner's level (or its
/// county) with a deadline; officers and commissioners accept and reply; the enterprise closes it with a rating 1–5.
/// Overdue requests escalate (<see cref="RequestEscalator"/>). Everything in the caller's region scope.
/// </summary>
public static class RequestsApi
{
    public static void MapRequests(RouteGroupBuilder read, RouteGroupBuilder write)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(write);
        read.MapGet("/requests/categories", (ServiceRules rules) => TypedResults.Ok(rules.Categories)).WithSummary("Request categories (rules/service/request-categories.yaml)");
        read.MapGet("/requests", ListAsync).Produces<RequestView[]>().WithSummary("Requests in the caller's scope (an enterprise user: its own), newest first");
        read.MapGet("/requests/stats", RequestStats.GetAsync).WithSummary("Requests raised, answered and answered on time per region and month (for the dashboard)");
        read.MapGet("/requests/{id:long}", GetAsync).Produces<RequestView>().WithSummary("One request with its history");
        write.MapPost("/requests", SubmitAsync).Produces<RequestView>(StatusCodes.Status201Created).WithSummary("Raise a request (enterprise user)");
        write.MapPost("/requests/{id:long}/accept", AcceptAsync).WithSummary("Accept a request (officer or commissioner)");
        write.MapPost("/requests/{id:long}/replies", ReplyAsync).WithSummary("Answer a request (officer or commissioner)");
        write.MapPost("/requests/{id:long}/close", CloseAsync).WithSummary("Close an answered request with a satisfaction rating 1–5 (the enterprise)");
    }

    private static async Task<IResult> ListAsync(string? status, TiduDbContext db, RequestEscalator escalator, TimeProvider clock, CancellationToken ct)
    {
        await escalator.EscalateOverdueAsync(ct).ConfigureAwait(false);
        var query = db.EnterpriseRequests.AsNoTracking().Include(r => r.Enterprise).AsQueryable();
        if (status is not null)
        {
            if (!Enum.TryParse<RequestStatus>(status, ignoreCase: true, out var s))
            {
                return Unprocessable("状态应为 submitted、accepted、replied 或 closed", $"unknown status '{status}'").ToProblem();
            }
            query = query.Where(r => r.Status == s);
        }
        var rows = await query.OrderByDescending(r => r.Id).Take(500).ToListAsync(ct).ConfigureAwait(false);
        var today = ChinaCalendar.Today(clock);
        return TypedResults.Ok(rows.Select(r => View(r, today, withEntries: false)).ToArray());
    }

    private static async Task<IResult> GetAsync(long id, RequestActions actions, TimeProvider clock, CancellationToken ct) =>
        await actions.FindAsync(id, ct).ConfigureAwait(false) is { } r
            ? TypedResults.Ok(View(r, ChinaCalendar.Today(clock), withEntries: true))
            : RequestActions.NotFound(id).ToProblem();

    private static async Task<IResult> SubmitAsync(SubmitRequestBody body, IActorSource actors, TiduDbContext db, ServiceRules rules, TimeProvider clock,
        IOptions<ServiceOptions> options, Tidu.Rules.Calendar.WorkingDayCalendar calendar, CancellationToken ct)
    {
        if (Access.Require(actors.Current, AccessRight.RaiseRequest) is { } forbidden || db.Scope.CreditCode is not { } creditCode)
        {
            return (Access.Require(actors.Current, AccessRight.RaiseRequest) ?? Forbidden("只有企业用户可以提出诉求", "only an enterprise user raises a request")).ToProblem();
        }
        var errors = new Dictionary<string, string[]>();
        if (rules.Category(body.Category ?? "") is null)
        {
            errors["category"] = [$"unknown category '{body.Category}' (known: {string.Join(", ", rules.Categories.Select(c => c.Id))})"];
        }
        if (string.IsNullOrWhiteSpace(body.Title) || body.Title.Length > 200)
        {
            errors["title"] = ["a title of 1 to 200 characters is required"];
        }
        if (string.IsNullOrWhiteSpace(body.Description) || body.Description.Length > 4000)
        {
            errors["description"] = ["a description of 1 to 4000 characters is required"];
        }
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "诉求内容校验未通过 (request validation failed)");
        }
        if (await db.Enterprises.SingleOrDefaultAsync(e => e.CreditCode == creditCode, ct).ConfigureAwait(false) is not { } e)
        {
            return CommissionersApi.EnterpriseNotFound(creditCode);
        }
        var commissioner = await db.CommissionerAssignments.AsNoTracking().Where(a => a.EnterpriseId == e.Id && a.EndedAt == null)
            .OrderByDescending(a => a.Id).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        var today = ChinaCalendar.Today(clock);
        EnterpriseRequest request;
        try
        {
            request = NewRequest.Create(e, commissioner, body.Category!, body.Title!.Trim(), body.Description!.Trim(), db.Scope.Actor, clock.GetUtcNow(), today,
                options.Value.RequestResponseWorkingDays, calendar);
        }
        catch (Tidu.Rules.Calendar.CalendarNotCoveredException ex)
        {
            return Unprocessable(ex.Message, ex.Detail, "calendar.not-covered").ToProblem();
        }
        db.EnterpriseRequests.Add(request);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return TypedResults.Created($"/api/v1/requests/{request.Id}", View(request, today, withEntries: true));
    }

    // Accept, reply and close: RequestActions (shared with the request page); the API maps its outcome.
    private static async Task<Results<Ok<RequestView>, ProblemHttpResult>> AcceptAsync(long id, RevisionBody body, RequestActions actions, TimeProvider clock, CancellationToken ct) =>
        (await actions.AcceptAsync(id, body.Revision, ct).ConfigureAwait(false)).Answer(r => TypedResults.Ok(View(r, ChinaCalendar.Today(clock), withEntries: true)));

    private static async Task<Results<Ok<RequestView>, ProblemHttpResult>> ReplyAsync(long id, ReplyBody body, RequestActions actions, TimeProvider clock, CancellationToken ct) =>
        (await actions.ReplyAsync(id, body.Text, body.Revision, ct).ConfigureAwait(false)).Answer(r => TypedResults.Ok(View(r, ChinaCalendar.Today(clock), withEntries: true)));

    private static async Task<Results<Ok<RequestView>, ProblemHttpResult>> CloseAsync(long id, CloseBody body, RequestActions actions, TimeProvider clock, CancellationToken ct) =>
        (await actions.CloseAsync(id, body.Satisfaction, body.Revision, ct).ConfigureAwait(false)).Answer(r => TypedResults.Ok(View(r, ChinaCalendar.Today(clock), withEntries: true)));

    internal static RequestView View(EnterpriseRequest r, DateOnly today, bool withEntries) => new(
        r.Id,
        r.Enterprise.CreditCode,
        r.Enterprise.Name,
        r.Category,
        r.Title,
        r.Description,
        r.Status.ToString(),
        r.SubmittedBy,
        r.SubmittedAt,
        r.FirstDueOn,
        r.DueOn,
        r.Status is RequestStatus.Submitted or RequestStatus.Accepted && r.DueOn < today,
        r.Level,
        r.HandlingRegionCode,
        r.Commissioner,
        r.Escalations,
        r.FirstRepliedAt,
        r.FirstRepliedOn is { } on ? on <= r.FirstDueOn : null,
        r.Satisfaction,
        r.ClosedAt,
        r.Revision,
        withEntries ? [.. r.Entries.OrderBy(e => e.Id).Select(e => new RequestEntryView(e.Kind, e.Actor, e.At, e.Text, e.FromLevel, e.ToLevel))] : null);
}

/// <summary>A request (诉求) as the API shows it: where it is handled, its deadlines, and with its history on request.</summary>
public sealed record RequestView(long Id, string CreditCode, string EnterpriseName, string Category, string Title, string Description, string Status,
    string SubmittedBy, DateTimeOffset SubmittedAt, DateOnly FirstDueOn, DateOnly DueOn, bool Overdue, string Level, string HandlingRegionCode,
    string? Commissioner, int Escalations, DateTimeOffset? FirstRepliedAt, bool? AnsweredOnTime, int? Satisfaction, DateTimeOffset? ClosedAt,
    int Revision, IReadOnlyList<RequestEntryView>? Entries);

/// <summary>One step of a request's history: who did what, when, and between which levels it moved.</summary>
public sealed record RequestEntryView(string Kind, string Actor, DateTimeOffset At, string? Text, string? From, string? To);

public sealed record SubmitRequestBody(string? Category, string? Title, string? Description);

public sealed record RevisionBody(int Revision);

public sealed record ReplyBody(string? Text, int Revision);

public sealed record CloseBody(int? Satisfaction, int Revision);
