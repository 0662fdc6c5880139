using Microsoft.EntityFrameworkCore;
using Tidu.Data;
using Tidu.Data.Entities.Service;
using Tidu.Data.Identity;
using Tidu.Data.Registry;
using static Tidu.Application.Workflow.WorkflowProblems;

namespace Tidu.Application.Service;

/// <summary>Visits (走访) in the context's scope: listing them and a commissioner logging one, shared by the API and the visits page.</summary>
public sealed class VisitLog(TiduDbContext db, TimeProvider clock, IActorSource actors)
{
    /// <summary>Visits in scope, newest first (at most 500); <paramref name="creditCode"/> narrows to one enterprise.</summary>
    public Task<List<Visit>> ListAsync(string? creditCode, CancellationToken ct)
    {
        var q = db.Visits.AsNoTracking().Include(v => v.Enterprise).AsQueryable();
        if (creditCode is not null)
        {
            q = q.Where(v => v.Enterprise.CreditCode == creditCode);
        }
        return q.OrderByDescending(v => v.VisitedOn).ThenByDescending(v => v.Id).Take(500).ToListAsync(ct);
    }

    /// <summary>Logs a visit by the signed-in commissioner to an enterprise in scope; every invalid field is named (English for the API, Chinese in the title).</summary>
    public async Task<Outcome<Visit>> LogAsync(LogVisitBody body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (Access.Require(actors.Current, AccessRight.LogVisit) is { } forbidden)
        {
            return forbidden;
        }
        var today = ChinaCalendar.Today(clock);
        var errors = new Dictionary<string, string[]>();
        var zh = new List<string>();
        if (body.VisitedOn is not { } on || on > today)
        {
            errors["visitedOn"] = [$"the day of the visit is required and cannot be after today ({today:yyyy-MM-dd})"];
            zh.Add($"走访日期必填且不能晚于今天（{today:yyyy-MM-dd}）");
        }
        if (string.IsNullOrWhiteSpace(body.Notes) || body.Notes.Length > 4000)
        {
            errors["notes"] = ["notes of 1 to 4000 characters are required"];
            zh.Add("走访情况必填（不超过4000字）");
        }
        if (body.IssuesFound is { Length: > 4000 })
        {
            errors["issuesFound"] = ["at most 4000 characters"];
            zh.Add("发现问题不超过4000字");
        }
        if (body.IssuesSolved is < 0)
        {
            errors["issuesSolved"] = ["cannot be negative"];
            zh.Add("解决问题数不能为负数");
        }
        if (errors.Count > 0)
        {
            return Refusal.Validation("visit.invalid", "走访记录校验未通过：" + string.Join("；", zh), "visit validation failed", errors);
        }
        if (await db.Enterprises.SingleOrDefaultAsync(e => e.CreditCode == body.CreditCode, ct).ConfigureAwait(false) is not { } e)
        {
            return EnterpriseNotFound(body.CreditCode);
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
        return visit;
    }
}

/// <summary>A visit to log: the enterprise, the day, the notes, the problems found and how many were solved.</summary>
public sealed record LogVisitBody(string? CreditCode, DateOnly? VisitedOn, string? Notes, string? IssuesFound, int? IssuesSolved);
