using Microsoft.EntityFrameworkCore;
using Tidu.Data;
using Tidu.Data.Entities.Workflow;

namespace Tidu.Application.Workflow;

using Application = Tidu.Data.Entities.Workflow.Application;

/// <summary>Which applications a reader asks for: of one round, in one state, or only those waiting at the reader's level (their queue).</summary>
public sealed record ApplicationFilter(long? Round = null, string? State = null, bool Queue = false);

/// <summary>
/// Applications as read: the reader's review level (null for an enterprise or expert, who have no queue), whether the
/// list is that level's queue, and the applications, each with its enterprise and round, oldest first.
/// </summary>
public sealed record ApplicationList(string? Level, bool Queue, IReadOnlyList<Application> Items);

/// <summary>An application with the materials attached to it, oldest first.</summary>
public sealed record ApplicationMaterials(Application Application, IReadOnlyList<ApplicationMaterial> Materials);

/// <summary>
/// Reading applications, for the review queue page, the materials page and the API alike. Which applications a reader
/// reaches is the database's scope filter (an officer's region, an enterprise's own, an expert's assignments); which of
/// them wait at the reader's level is the lifecycle table's (<see cref="Lifecycle.WaitingFor"/>).
/// </summary>
public sealed class ApplicationQueries(TiduDbContext db, IActorSource actors)
{
    /// <summary>
    /// The applications in scope matching <paramref name="filter"/>. A queue is asked of an officer only: for anyone else
    /// (an enterprise, an expert) there is no level to wait at, and the list holds everything in scope.
    /// </summary>
    public async Task<Outcome<ApplicationList>> ListAsync(ApplicationFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var role = actors.Current.Role;
        var level = Lifecycle.LevelOf(role);
        var queue = filter.Queue && level is not null;
        var query = db.Applications.AsNoTracking().Include(a => a.Enterprise).Include(a => a.Round).AsQueryable();
        if (filter.Round is { } round)
        {
            query = query.Where(a => a.RoundId == round);
        }
        if (filter.State is { } text)
        {
            if (!Enum.TryParse<ApplicationState>(text, ignoreCase: true, out var state))
            {
                return Refusal.Invalid("application.unknown-state", "申报状态无效", $"unknown state {text}: use one of {string.Join(", ", Enum.GetNames<ApplicationState>())}");
            }
            query = query.Where(a => a.State == state);
        }
        if (queue)
        {
            var waiting = Lifecycle.WaitingFor(role).ToList();
            query = query.Where(a => waiting.Contains(a.State));
        }
        var items = await query.OrderBy(a => a.Id).ToListAsync(ct).ConfigureAwait(false);
        return new ApplicationList(level, queue, items);
    }

    /// <summary>One application with its enterprise, round, decisions and objections.</summary>
    public async Task<Outcome<Application>> GetAsync(long id, CancellationToken ct) =>
        await db.Applications.AsNoTracking().Include(a => a.Enterprise).Include(a => a.Round).Include(a => a.Decisions).Include(a => a.Objections)
            .SingleOrDefaultAsync(a => a.Id == id, ct).ConfigureAwait(false) is { } application
            ? application
            : WorkflowProblems.ApplicationNotFound(id);

    /// <summary>An application and its materials; not found when the application is outside the reader's scope.</summary>
    public async Task<Outcome<ApplicationMaterials>> MaterialsAsync(long id, CancellationToken ct)
    {
        if (await db.Applications.AsNoTracking().Include(a => a.Enterprise).Include(a => a.Round).SingleOrDefaultAsync(a => a.Id == id, ct).ConfigureAwait(false) is not { } application)
        {
            return WorkflowProblems.ApplicationNotFound(id);
        }
        var materials = await db.ApplicationMaterials.AsNoTracking().Where(m => m.ApplicationId == id).OrderBy(m => m.Id).ToListAsync(ct).ConfigureAwait(false);
        return new ApplicationMaterials(application, materials);
    }
}
