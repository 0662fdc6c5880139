using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tidu.Application;
using Tidu.Application.Service;
using Tidu.Data;
using Tidu.Data.Entities.Service;
using Tidu.Data.Identity;
using Tidu.Data.Registry;
using Tidu.Web.Adapters;
using static Tidu.Application.Workflow.WorkflowProblems;

namespace Tidu.Web.Service;

/// <summary>Visits (走访) logged by commissioners: the day, the notes, the problems found and solved; readable in scope.</summary>
public static class VisitsApi
{
    public static void MapVisits(RouteGroupBuilder read, RouteGroupBuilder write)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(write);
        read.MapGet("/visits", ListAsync).WithSummary("Visits in the caller's scope, newest first (creditCode narrows to one enterprise)");
        write.MapPost("/visits", LogAsync).WithSummary("Log a visit (commissioner)");
    }

    // Listing and logging: VisitLog (shared with the visits page).
    private static async Task<Ok<VisitView[]>> ListAsync(string? creditCode, VisitLog visits, CancellationToken ct) =>
        TypedResults.Ok((await visits.ListAsync(creditCode, ct).ConfigureAwait(false)).Select(View).ToArray());

    private static async Task<Results<Created<VisitView>, ProblemHttpResult>> LogAsync(LogVisitBody body, VisitLog visits, CancellationToken ct) =>
        (await visits.LogAsync(body, ct).ConfigureAwait(false))
            .Answer(v => TypedResults.Created($"/api/v1/visits?creditCode={v.Enterprise.CreditCode}", View(v)));

    private static VisitView View(Visit v) =>
        new(v.Id, v.Enterprise.CreditCode, v.Enterprise.Name, v.Commissioner, v.VisitedOn, v.Notes, v.IssuesFound, v.IssuesSolved, v.RecordedAt);
}

/// <summary>A commissioner's visit to an enterprise: when, what was found and how many issues were solved.</summary>
public sealed record VisitView(long Id, string CreditCode, string EnterpriseName, string Commissioner, DateOnly VisitedOn, string Notes, string? IssuesFound,
    int IssuesSolved, DateTimeOffset RecordedAt);
