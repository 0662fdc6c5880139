using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tidu.Application;
using Tidu.Application.Service;
using Tidu.Data;
using Tidu.Data.Entities.Service;
using Tidu.Data.Identity;
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

    private static async Task<Ok<Workload[]>> WorkloadAsync(CommissionerService service, CancellationToken ct)
    {
        var commissioners = await service.CommissionersInScopeAsync(ct).ConfigureAwait(false);
        return TypedResults.Ok((await service.WorkloadAsync(commissioners, ct).ConfigureAwait(false)).ToArray());
    }

    private static async Task<Results<Ok<LackingCommissionerView[]>, ProblemHttpResult>> LackingAsync(string? level, CommissionerService service, CancellationToken ct)
    {
        if (level is not null && !ServiceRules.Levels.Contains(level))
        {
            return Unprocessable("层级应为 county、city 或 province", $"level must be county, city or province, got '{level}'").ToProblem();
        }
        var lacking = await service.LackingAsync(service.Today, level, ct).ConfigureAwait(false);
        return TypedResults.Ok(lacking.Select(l => new LackingCommissionerView(l.CreditCode, l.Name, l.RegionCode, l.Tiers, l.Level, l.AssigningRegionCode,
            CommissionerRequirementView.Of(l.Requirement))).ToArray());
    }

    private static async Task<Results<Ok<EnterpriseCommissionerView>, ProblemHttpResult>> GetAsync(string creditCode, TiduDbContext db, CommissionerService service, CancellationToken ct)
    {
        if (await db.Enterprises.AsNoTracking().SingleOrDefaultAsync(e => e.CreditCode == creditCode, ct).ConfigureAwait(false) is not { } e)
        {
            return EnterpriseNotFound(creditCode);
        }
        var day = service.Today;
        var tiers = (await service.ValidTiersAsync(day, [e.Id], ct).ConfigureAwait(false)).GetValueOrDefault(e.Id) ?? [];
        var requirement = service.Requirement(e, tiers, day);
        var history = await service.HistoryAsync(e.Id, ct).ConfigureAwait(false);
        return TypedResults.Ok(new EnterpriseCommissionerView(e.CreditCode, e.Name, e.RegionCode, day, tiers,
            requirement is null ? null : CommissionerRequirementView.Of(requirement),
            requirement is null ? null : ServiceLevels.RegionAt(e, requirement.Level),
            history.LastOrDefault(a => a.EndedAt is null) is { } c ? CommissionerAssignmentView.Of(c) : null,
            [.. history.Select(CommissionerAssignmentView.Of)]));
    }

    private static async Task<Results<Ok<CommissionerAssignmentView>, ProblemHttpResult>> AssignAsync(string creditCode, AssignCommissionerRequest body, IActorSource actors, TiduDbContext db,
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
        var (assignment, refusal) = await service.AssignAsync(e, commissioner, isCommissioner, actor.RegionCode, assignerIsSystem: false, body.Reason, ct).ConfigureAwait(false);
        if (refusal is not null)
        {
            logs.CreateLogger("Tidu.Service").LogInformation("Assignment refused: {Reason}", refusal.En);
            return Unprocessable(refusal.Zh, refusal.En, "commissioner.refused").ToProblem();
        }
        return TypedResults.Ok(CommissionerAssignmentView.Of(assignment!));
    }

    internal static ProblemHttpResult EnterpriseNotFound(string creditCode) =>
        Refusal.NotFound("enterprise.not-found", "未找到该企业（或不在您的管辖区域内）", $"no enterprise {creditCode} in the caller's region scope").ToProblem();
}

/// <summary>Which level must equip an enterprise with a commissioner (服务专员), in Chinese too, for which of its tiers, and every clause that applies (the deciding one first).</summary>
public sealed record CommissionerRequirementView(string Level, string LevelZh, IReadOnlyList<string> MatchedTiers, IReadOnlyList<CommissionerClause> Clauses)
{
    public static CommissionerRequirementView Of(CommissionerRequirement r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Level, CommissionerService.LevelZh(r.Level), r.MatchedTiers, r.Applying);
    }
}

/// <summary>An enterprise a rule asks a commissioner for that has none: the level and region that must assign one, and why.</summary>
public sealed record LackingCommissionerView(string CreditCode, string Name, string RegionCode, IReadOnlyList<string> Tiers, string Level, string AssigningRegionCode,
    CommissionerRequirementView Requirement);

/// <summary>An enterprise's commissioner on a day: its valid tiers, the requirement (null when no rule asks for one), the current assignment and the history.</summary>
public sealed record EnterpriseCommissionerView(string CreditCode, string Name, string RegionCode, DateOnly AsOf, IReadOnlyList<string> Tiers,
    CommissionerRequirementView? Requirement, string? AssigningRegionCode, CommissionerAssignmentView? Current, IReadOnlyList<CommissionerAssignmentView> History);

/// <summary>One assignment of a commissioner: who, at which region and level, whom it replaced, who assigned when and why, and when it ended.</summary>
public sealed record CommissionerAssignmentView(long Id, string Commissioner, string RegionCode, string Level, string? From, string AssignedBy, DateTimeOffset AssignedAt,
    string? Reason, string? RuleClause, DateTimeOffset? EndedAt, string? EndedBy)
{
    public static CommissionerAssignmentView Of(CommissionerAssignment a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new(a.Id, a.Commissioner, a.RegionCode, a.Level, a.PreviousCommissioner, a.AssignedBy, a.AssignedAt, a.Reason, a.RuleClause, a.EndedAt, a.EndedBy);
    }
}

/// <summary>Body of POST /enterprises/{creditCode}/commissioner.</summary>
public sealed record AssignCommissionerRequest(string Commissioner, string? Reason);
