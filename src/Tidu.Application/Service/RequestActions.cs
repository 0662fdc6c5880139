using Microsoft.EntityFrameworkCore;
using Tidu.Application.Workflow;
using Tidu.Data;
using Tidu.Data.Entities.Service;
using Tidu.Data.Identity;
using Tidu.Data.Registry;
using static Tidu.Application.Workflow.WorkflowProblems;

namespace Tidu.Application.Service;

/// <summary>
/// Accepting, answering and closing a request, shared by the API (/api/v1/requests/{id}/…) and the request page: the
/// role check, the escalation of overdue requests first, the revision check (an answer on a stale view is refused) and
/// the change, saved together or not at all. Everything in the context's region scope.
/// </summary>
public sealed class RequestActions(TiduDbContext db, TimeProvider clock, RequestEscalator escalator, IActorSource actors)
{
    /// <summary>Whether the actor may accept and answer requests (officers, commissioners).</summary>
    public bool Answers => Access.May(actors.Current, AccessRight.AnswerRequest);

    /// <summary>Whether the actor may close requests (the enterprise that raised them; the scope limits it to its own).</summary>
    public bool Closes => Access.May(actors.Current, AccessRight.CloseRequest);

    /// <summary>One request in scope with its history in order, after escalating what is overdue; null when not in scope.</summary>
    public async Task<EnterpriseRequest?> FindAsync(long id, CancellationToken ct)
    {
        await escalator.EscalateOverdueAsync(ct).ConfigureAwait(false);
        return await LoadAsync(id, tracking: false, ct).ConfigureAwait(false);
    }

    public Task<Outcome<EnterpriseRequest>> AcceptAsync(long id, int revision, CancellationToken ct) =>
        ActAsync(id, revision, AccessRight.AnswerRequest, (r, now) =>
        {
            if (RequestLifecycle.Find(r.Status, RequestTrigger.Accept) is not { } step)
            {
                return Conflict("该诉求已受理或已答复", $"request {id} is {r.Status}, only a submitted request is accepted");
            }
            r.Status = step.To;
            r.Entries.Add(new RequestEntry { Request = r, Kind = step.EntryKind, Actor = db.Scope.Actor, At = now });
            return null;
        }, ct);

    public Task<Outcome<EnterpriseRequest>> ReplyAsync(long id, string? text, int revision, CancellationToken ct) =>
        ActAsync(id, revision, AccessRight.AnswerRequest, (r, now) =>
        {
            if (string.IsNullOrWhiteSpace(text) || text.Length > 4000)
            {
                return Unprocessable("请填写答复内容（不超过4000字）", "a reply needs a text of 1 to 4000 characters");
            }
            if (RequestLifecycle.Find(r.Status, RequestTrigger.Reply) is not { } step)
            {
                return Conflict("该诉求已办结", $"request {id} is closed");
            }
            r.Status = step.To;
            if (r.FirstRepliedAt is null)
            {
                r.FirstRepliedAt = now;
                r.FirstRepliedOn = ChinaCalendar.Today(clock);
            }
            r.Entries.Add(new RequestEntry { Request = r, Kind = step.EntryKind, Actor = db.Scope.Actor, At = now, Text = text.Trim() });
            return null;
        }, ct);

    public Task<Outcome<EnterpriseRequest>> CloseAsync(long id, int? satisfaction, int revision, CancellationToken ct) =>
        ActAsync(id, revision, AccessRight.CloseRequest, (r, now) =>
        {
            if (satisfaction is not (>= 1 and <= 5))
            {
                return Unprocessable("满意度应为1至5分", $"satisfaction must be 1 to 5, got {satisfaction}");
            }
            if (RequestLifecycle.Find(r.Status, RequestTrigger.Close) is not { } step)
            {
                return Conflict("诉求答复后才能评价办结", $"request {id} is {r.Status}; only a replied request is closed");
            }
            r.Status = step.To;
            r.Satisfaction = satisfaction;
            r.ClosedAt = now;
            r.Entries.Add(new RequestEntry { Request = r, Kind = step.EntryKind, Actor = db.Scope.Actor, At = now, Text = $"满意度 {satisfaction}" });
            return null;
        }, ct);

    /// <summary>Loads the request in scope, checks the role and the revision, applies <paramref name="change"/> and saves.</summary>
    private async Task<Outcome<EnterpriseRequest>> ActAsync(long id, int revision, AccessRight right,
        Func<EnterpriseRequest, DateTimeOffset, Refusal?> change, CancellationToken ct)
    {
        if (Access.Require(actors.Current, right) is { } forbidden)
        {
            return forbidden;
        }
        await escalator.EscalateOverdueAsync(ct).ConfigureAwait(false);
        if (await LoadAsync(id, tracking: true, ct).ConfigureAwait(false) is not { } r)
        {
            return NotFound(id);
        }
        if (r.Revision != revision)
        {
            return Conflict("该诉求已有新的处理（如已升级），请刷新后重试", $"the request was changed meanwhile: you acted on revision {revision}, it is now at revision {r.Revision}; reload and act again");
        }
        if (change(r, clock.GetUtcNow()) is { } refused)
        {
            return refused;
        }
        r.Revision++;
        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Conflict("该诉求已有新的处理，请刷新后重试", $"request {id} was changed by someone else while you acted; reload and act again");
        }
        return r;
    }

    private Task<EnterpriseRequest?> LoadAsync(long id, bool tracking, CancellationToken ct)
    {
        var q = db.EnterpriseRequests.Include(r => r.Enterprise).Include(r => r.Entries.OrderBy(e => e.Id)).AsQueryable();
        return (tracking ? q : q.AsNoTracking()).SingleOrDefaultAsync(r => r.Id == id, ct);
    }

    public static Refusal NotFound(long id) =>
        WorkflowProblems.NotFound("未找到该诉求（或不在您的管辖区域内）", $"no request {id} in the caller's region scope", "request.not-found");
}
