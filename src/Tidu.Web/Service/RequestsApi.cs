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
        read.MapGet("/requests/stats", StatsAsync).WithSummary("Requests raised, answered and answered on time per region and month (for the dashboard)");
        read.MapGet("/requests/{id:long}", GetAsync).Produces<RequestView>().WithSummary("One request with its history");
        write.MapPost("/requests", SubmitAsync).Produces<RequestView>(StatusCodes.Status201Created).WithSummary("Raise a request (enterprise user)");
        write.MapPost("/requests/{id:long}/accept", AcceptAsync).WithSummary("Accept a request (officer or commissioner)");
        write.MapPost("/requests/{id:long}/replies", ReplyAsync).WithSummary("Answer a request (officer or commissioner)");
        write.MapPost("/requests/{id:long}/close", CloseAsync).WithSummary("Close an answered request with a satisfaction rating 1–5 (the enterprise)");
    }

    private static async Task<Results<Ok<IReadOnlyList<RequestStatsRow>>, ProblemHttpResult>> StatsAsync(string? by, string? from, string? to, RequestStatistics stats,
        CancellationToken ct) =>
        (await stats.ByRegionAsync(by, from, to, ct).ConfigureAwait(false)).Answer(rows => TypedResults.Ok(rows));

    // The same list as the requests page (RequestRegister): escalation first, newest first, at most RequestRegister.MaxListed.
    private static async Task<Results<Ok<RequestView[]>, ProblemHttpResult>> ListAsync(string? status, RequestRegister register, CancellationToken ct) =>
        (await register.ListAsync(status, ct).ConfigureAwait(false))
            .Answer(list => TypedResults.Ok(list.Items.Select(r => View(r, list.Today, withEntries: false)).ToArray()));

    private static async Task<IResult> GetAsync(long id, RequestActions actions, TimeProvider clock, CancellationToken ct) =>
        await actions.FindAsync(id, ct).ConfigureAwait(false) is { } r
            ? TypedResults.Ok(View(r, ChinaCalendar.Today(clock), withEntries: true))
            : RequestActions.NotFound(id).ToProblem();

    private static async Task<Results<Created<RequestView>, ProblemHttpResult>> SubmitAsync(SubmitRequestBody body, RequestRegister register, TimeProvider clock,
        CancellationToken ct) =>
        (await register.RaiseAsync(body.Category, body.Title, body.Description, ct).ConfigureAwait(false))
            .Answer(r => TypedResults.Created($"/api/v1/requests/{r.Id}", View(r, ChinaCalendar.Today(clock), withEntries: true)));

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
