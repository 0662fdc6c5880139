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

    private static async Task<Results<Ok<EnterpriseCommissionerView>, ProblemHttpResult>> GetAsync(string creditCode, CommissionerService service, CancellationToken ct) =>
        (await service.OfEnterpriseAsync(creditCode, ct).ConfigureAwait(false)).Answer(c => TypedResults.Ok(new EnterpriseCommissionerView(
            c.Enterprise.CreditCode, c.Enterprise.Name, c.Enterprise.RegionCode, c.AsOf, c.Tiers,
            c.Requirement is null ? null : CommissionerRequirementView.Of(c.Requirement), c.AssigningRegionCode,
            c.Current is null ? null : CommissionerAssignmentView.Of(c.Current), [.. c.History.Select(CommissionerAssignmentView.Of)])));

    // The same use case as the commissioners page.
    private static async Task<Results<Ok<CommissionerAssignmentView>, ProblemHttpResult>> AssignAsync(string creditCode, AssignCommissionerRequest body, CommissionerService service,
        ILoggerFactory logs, CancellationToken ct)
    {
        var outcome = await service.AssignAsync(creditCode, body.Commissioner, body.Reason, ct).ConfigureAwait(false);
        if (outcome.Refusal is { } refusal)
        {
            logs.CreateLogger("Tidu.Service").LogInformation("Assignment refused: {Reason}", refusal.En);
        }
        return outcome.Answer(a => TypedResults.Ok(CommissionerAssignmentView.Of(a)));
    }
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
