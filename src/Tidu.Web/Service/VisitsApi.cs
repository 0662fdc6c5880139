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
    private static async Task<IResult> ListAsync(string? creditCode, VisitLog visits, CancellationToken ct) =>
        Results.Ok((await visits.ListAsync(creditCode, ct).ConfigureAwait(false)).Select(View));

    private static async Task<IResult> LogAsync(LogVisitBody body, VisitLog visits, CancellationToken ct) =>
        (await visits.LogAsync(body, ct).ConfigureAwait(false))
            .ToResult(v => Results.Created($"/api/v1/visits?creditCode={v.Enterprise.CreditCode}", View(v)));

    private static object View(Visit v) => new
    {
        v.Id,
        v.Enterprise.CreditCode,
        enterpriseName = v.Enterprise.Name,
        v.Commissioner,
        v.VisitedOn,
        v.Notes,
        v.IssuesFound,
        v.IssuesSolved,
        v.RecordedAt,
    };
}
