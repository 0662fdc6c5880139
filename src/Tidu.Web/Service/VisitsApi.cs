using Microsoft.EntityFrameworkCore;
using Tidu.Data;
using Tidu.Data.Entities.Service;
using Tidu.Data.Identity;
using Tidu.Data.Registry;
using static Tidu.Web.Workflow.WorkflowProblems;

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

    private static async Task<IResult> ListAsync(string? creditCode, TiduDbContext db, CancellationToken ct)
    {
        var q = db.Visits.AsNoTracking().Include(v => v.Enterprise).AsQueryable();
        if (creditCode is not null)
        {
            q = q.Where(v => v.Enterprise.CreditCode == creditCode);
        }
        var rows = await q.OrderByDescending(v => v.VisitedOn).ThenByDescending(v => v.Id).Take(500).ToListAsync(ct).ConfigureAwait(false);
        return Results.Ok(rows.Select(View));
    }

    private static async Task<IResult> LogAsync(LogVisitBody body, HttpContext http, TiduDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (!http.User.IsInRole(Roles.Commissioner))
        {
            return Forbidden("只有服务专员可以登记走访", "only a commissioner logs a visit");
        }
        var today = ChinaCalendar.Today(clock);
        var errors = new Dictionary<string, string[]>();
        if (body.VisitedOn is not { } on || on > today)
        {
            errors["visitedOn"] = [$"the day of the visit is required and cannot be after today ({today:yyyy-MM-dd})"];
        }
        if (string.IsNullOrWhiteSpace(body.Notes) || body.Notes.Length > 4000)
        {
            errors["notes"] = ["notes of 1 to 4000 characters are required"];
        }
        if (body.IssuesFound is { Length: > 4000 })
        {
            errors["issuesFound"] = ["at most 4000 characters"];
        }
        if (body.IssuesSolved is < 0)
        {
            errors["issuesSolved"] = ["cannot be negative"];
        }
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "走访记录校验未通过 (visit validation failed)");
        }
        if (await db.Enterprises.SingleOrDefaultAsync(e => e.CreditCode == body.CreditCode, ct).ConfigureAwait(false) is not { } e)
        {
            return CommissionersApi.EnterpriseNotFound(body.CreditCode ?? "");
        }
        var visit = new Visit
        {
            EnterpriseId = e.Id,
            Enterprise = e,
            Commissioner = db.Scope.Actor,
            VisitedOn = body.VisitedOn!.Value,
            Notes = body.Notes!.Trim(),
            IssuesFound = string.IsNullOrWhiteSpace(body.IssuesFound) ? null : body.IssuesFound.Trim(),
            IssuesSolved = body.IssuesSolved ?? 0,
            RecordedAt = clock.GetUtcNow(),
        };
        db.Visits.Add(visit);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return Results.Created($"/api/v1/visits?creditCode={e.CreditCode}", View(visit));
    }

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

public sealed record LogVisitBody(string? CreditCode, DateOnly? VisitedOn, string? Notes, string? IssuesFound, int? IssuesSolved);
