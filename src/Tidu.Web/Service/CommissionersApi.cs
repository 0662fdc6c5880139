using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tidu.Application;
using Tidu.Application.Service;
using Tidu.Data;
using Tidu.Data.Entities.Service;
using Tidu.Data.Identity;
using Tidu.Data.Scoping;
using Tidu.Rules.Service;
using Tidu.Web.Adapters;
using Tidu.Web.Security;
using static Tidu.Application.Workflow.WorkflowProblems;

namespace Tidu.Web.Service;

/// <summary>Commissioners (服务专员): requirement per enterprise, enterprises lacking one, assignment and reassignment with history, workload.</summary>
public static class CommissionersApi
{
    public static void MapCommissioners(RouteGroupBuilder read, RouteGroupBuilder write)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(write);
        read.MapGet("/commissioners", WorkloadAsync).WithSummary("Commissioners of the caller's region with their workload (enterprises in total and per tier)");
        read.MapGet("/commissioners/lacking", LackingAsync).WithSummary("Enterprises a rule asks a commissioner for that have none, with the level that must assign one and the citation");
        read.MapGet("/enterprises/{creditCode}/commissioner", GetAsync).WithSummary("Which level must equip the enterprise (cited), its commissioner and the assignment history");
        write.MapPost("/enterprises/{creditCode}/commissioner", AssignAsync).WithSummary("Assign or reassign (with a reason) the enterprise's commissioner (officers)");
    }

    private static async Task<IResult> WorkloadAsync(CommissionerService service, CancellationToken ct)
    {
        var commissioners = await service.CommissionersInScopeAsync(ct).ConfigureAwait(false);
        return Results.Ok(await service.WorkloadAsync(commissioners, ct).ConfigureAwait(false));
    }

    private static async Task<IResult> LackingAsync(string? level, CommissionerService service, CancellationToken ct)
    {
        if (level is not null && !ServiceRules.Levels.Contains(level))
        {
            return Unprocessable("层级应为 county、city 或 province", $"level must be county, city or province, got '{level}'").ToProblem();
        }
        var lacking = await service.LackingAsync(service.Today, level, ct).ConfigureAwait(false);
        return Results.Ok(lacking.Select(l => new
        {
            l.CreditCode,
            l.Name,
            l.RegionCode,
            l.Tiers,
            l.Level,
            l.AssigningRegionCode,
            requirement = RequirementView(l.Requirement),
        }));
    }

    private static async Task<IResult> GetAsync(string creditCode, TiduDbContext db, CommissionerService service, CancellationToken ct)
    {
        if (await db.Enterprises.AsNoTracking().SingleOrDefaultAsync(e => e.CreditCode == creditCode, ct).ConfigureAwait(false) is not { } e)
        {
            return EnterpriseNotFound(creditCode);
        }
        var day = service.Today;
        var tiers = (await service.ValidTiersAsync(day, [e.Id], ct).ConfigureAwait(false)).GetValueOrDefault(e.Id) ?? [];
        var requirement = service.Requirement(e, tiers, day);
        var history = await service.HistoryAsync(e.Id, ct).ConfigureAwait(false);
        return Results.Ok(new
        {
            e.CreditCode,
            e.Name,
            e.RegionCode,
            asOf = day,
            tiers,
            requirement = requirement is null ? null : RequirementView(requirement),
            assigningRegionCode = requirement is null ? null : ServiceLevels.RegionAt(e, requirement.Level),
            current = history.LastOrDefault(a => a.EndedAt is null) is { } c ? AssignmentView(c) : null,
            history = history.Select(AssignmentView),
        });
    }

    private static async Task<IResult> AssignAsync(string creditCode, AssignCommissionerRequest body, IActorSource actors, TiduDbContext db,
        CommissionerService service, UserManager<TiduUser> users, ILoggerFactory logs, CancellationToken ct)
    {
        var actor = actors.Current;
        if (Access.Require(actor, AccessRight.AssignCommissioner) is { } forbidden)
        {
            return forbidden.ToProblem();
        }
        if (await db.Enterprises.SingleOrDefaultAsync(e => e.CreditCode == creditCode, ct).ConfigureAwait(false) is not { } e)
        {
            return EnterpriseNotFound(creditCode);
        }
        if (string.IsNullOrWhiteSpace(body.Commissioner) || await users.FindByNameAsync(body.Commissioner).ConfigureAwait(false) is not { } commissioner)
        {
            return Unprocessable("未找到该服务专员", $"no user '{body.Commissioner}'").ToProblem();
        }
        var isCommissioner = await users.IsInRoleAsync(commissioner, Roles.Commissioner).ConfigureAwait(false);
        var (assignment, refusal) = await service.AssignAsync(e, commissioner, isCommissioner, actor.RegionCode, actor.IsAdministrator, body.Reason, ct).ConfigureAwait(false);
        if (refusal is not null)
        {
            logs.CreateLogger("Tidu.Service").LogInformation("Assignment refused: {Reason}", refusal.En);
            return Unprocessable(refusal.Zh, refusal.En, "commissioner.refused").ToProblem();
        }
        return Results.Ok(AssignmentView(assignment!));
    }

    internal static IResult EnterpriseNotFound(string creditCode) =>
        Refusal.NotFound("enterprise.not-found", "未找到该企业（或不在您的管辖区域内）", $"no enterprise {creditCode} in the caller's region scope").ToProblem();

    private static object RequirementView(CommissionerRequirement r) => new
    {
        r.Level,
        levelZh = CommissionerService.LevelZh(r.Level),
        r.MatchedTiers,
        clauses = r.Applying.Select(c => new { c.Id, c.Title, c.Level, c.Tiers, c.Cite, c.Note, c.DocumentId, c.VersionId }),
    };

    private static object AssignmentView(CommissionerAssignment a) => new
    {
        a.Id,
        a.Commissioner,
        a.RegionCode,
        a.Level,
        from = a.PreviousCommissioner,
        a.AssignedBy,
        a.AssignedAt,
        a.Reason,
        a.RuleClause,
        a.EndedAt,
        a.EndedBy,
    };
}

/// <summary>Body of POST /enterprises/{creditCode}/commissioner.</summary>
public sealed record AssignCommissionerRequest(string Commissioner, string? Reason);
