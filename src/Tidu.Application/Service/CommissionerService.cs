using Microsoft.EntityFrameworkCore;
using Tidu.Data;
using Tidu.Data.Entities;
using Tidu.Data.Entities.Service;
using Tidu.Data.Identity;
using Tidu.Data.Registry;
using Tidu.Domain.Regions;
using Tidu.Rules.Service;

namespace Tidu.Application.Service;

/// <summary>
/// Commissioners (服务专员): which level must equip an enterprise (the service rules on the enterprise's valid
/// recognitions and region), which enterprises lack one, assignment and reassignment with history, workload.
/// Every query runs in the caller's region scope.
/// </summary>
public sealed class CommissionerService(TiduDbContext db, ServiceRules rules, RegionTree regions, TimeProvider clock, IActorSource actors)
{
    public DateOnly Today => ChinaCalendar.Today(clock);

    /// <summary>Tiers of valid recognitions on <paramref name="day"/> per enterprise id, for the enterprises in scope.</summary>
    public async Task<Dictionary<long, List<string>>> ValidTiersAsync(DateOnly day, IReadOnlyCollection<long>? only, CancellationToken ct)
    {
        var query = db.Recognitions.AsNoTracking().Where(r => r.RecognizedOn <= day && (r.ValidUntil == null || r.ValidUntil >= day));
        if (only is not null)
        {
            query = query.Where(r => only.Contains(r.EnterpriseId));
        }
        var rows = await query.Select(r => new { r.EnterpriseId, r.Tier }).ToListAsync(ct).ConfigureAwait(false);
        return rows.GroupBy(r => r.EnterpriseId).ToDictionary(g => g.Key, g => g.Select(r => r.Tier).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList());
    }

    public CommissionerRequirement? Requirement(Enterprise e, IEnumerable<string> tiers, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(e);
        return rules.Requirement(e.RegionCode, tiers, day, regions);
    }

    /// <summary>The enterprise's current assignment (not ended), if any.</summary>
    public Task<CommissionerAssignment?> CurrentAsync(long enterpriseId, CancellationToken ct) =>
        db.CommissionerAssignments.Where(a => a.EnterpriseId == enterpriseId && a.EndedAt == null).OrderByDescending(a => a.Id).FirstOrDefaultAsync(ct);

    public Task<List<CommissionerAssignment>> HistoryAsync(long enterpriseId, CancellationToken ct) =>
        db.CommissionerAssignments.AsNoTracking().Where(a => a.EnterpriseId == enterpriseId).OrderBy(a => a.Id).ToListAsync(ct);

    /// <summary>
    /// Enterprises in scope that a rule asks a commissioner for on <paramref name="day"/> and that have none, with the
    /// level and region that must assign one; <paramref name="level"/> narrows to one level.
    /// </summary>
    public async Task<List<Lacking>> LackingAsync(DateOnly day, string? level, CancellationToken ct)
    {
        var tiers = await ValidTiersAsync(day, null, ct).ConfigureAwait(false);
        var served = (await db.CommissionerAssignments.AsNoTracking().Where(a => a.EndedAt == null).Select(a => a.EnterpriseId).ToListAsync(ct).ConfigureAwait(false)).ToHashSet();
        var ids = tiers.Keys.Where(id => !served.Contains(id)).ToList();
        var enterprises = new List<Enterprise>();
        foreach (var chunk in ids.Chunk(500))
        {
            enterprises.AddRange(await db.Enterprises.AsNoTracking().Where(e => chunk.Contains(e.Id)).ToListAsync(ct).ConfigureAwait(false));
        }
        var result = new List<Lacking>();
        foreach (var e in enterprises.OrderBy(e => e.RegionCode, StringComparer.Ordinal).ThenBy(e => e.CreditCode, StringComparer.Ordinal))
        {
            if (Requirement(e, tiers[e.Id], day) is { } r && (level is null || r.Level == level))
            {
                result.Add(new Lacking(e.CreditCode, e.Name, e.RegionCode, tiers[e.Id], r.Level, ServiceLevels.RegionAt(e, r.Level), r));
            }
        }
        return result;
    }

    /// <summary>An enterprise's commissioner on today's date: its valid tiers, which level must equip it (null when no rule asks), its assignments.</summary>
    public async Task<Outcome<EnterpriseCommissioner>> OfEnterpriseAsync(string creditCode, CancellationToken ct)
    {
        if (await db.Enterprises.AsNoTracking().SingleOrDefaultAsync(x => x.CreditCode == creditCode, ct).ConfigureAwait(false) is not { } e)
        {
            return Workflow.WorkflowProblems.EnterpriseNotFound(creditCode);
        }
        var day = Today;
        var tiers = (await ValidTiersAsync(day, [e.Id], ct).ConfigureAwait(false)).GetValueOrDefault(e.Id) ?? [];
        var requirement = Requirement(e, tiers, day);
        var history = await HistoryAsync(e.Id, ct).ConfigureAwait(false);
        return new EnterpriseCommissioner(e, day, tiers, requirement, requirement is null ? null : ServiceLevels.RegionAt(e, requirement.Level),
            history.LastOrDefault(a => a.EndedAt is null), history);
    }

    /// <summary>
    /// An officer assigns the commissioner named <paramref name="commissionerName"/> (a user name) to the enterprise
    /// <paramref name="creditCode"/> of their scope, for the commissioners page and POST
    /// /api/v1/enterprises/{creditCode}/commissioner alike; the assignment as saved, or why not.
    /// </summary>
    public async Task<Outcome<CommissionerAssignment>> AssignAsync(string? creditCode, string? commissionerName, string? reason, CancellationToken ct)
    {
        var actor = actors.Current;
        if (Access.Require(actor, AccessRight.AssignCommissioner) is { } forbidden)
        {
            return forbidden;
        }
        var code = creditCode?.Trim();
        if (string.IsNullOrEmpty(code) || await db.Enterprises.SingleOrDefaultAsync(x => x.CreditCode == code, ct).ConfigureAwait(false) is not { } e)
        {
            return Workflow.WorkflowProblems.EnterpriseNotFound(code);
        }
        var name = commissionerName?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(name) || await db.Users.SingleOrDefaultAsync(u => u.NormalizedUserName == name, ct).ConfigureAwait(false) is not { } user)
        {
            return Refusal.Invalid("commissioner.unknown-user", "未找到该服务专员", $"no user '{commissionerName}'");
        }
        var isCommissioner = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == user.Id && r.Name == Roles.Commissioner select r)
            .AnyAsync(ct).ConfigureAwait(false);
        var (assignment, refusal) = await AssignAsync(e, user, isCommissioner, actor.RegionCode, assignerIsSystem: false, reason, ct).ConfigureAwait(false);
        return refusal is null ? assignment! : Refusal.Invalid("commissioner.refused", refusal.Zh, refusal.En);
    }

    /// <summary>
    /// Assigns <paramref name="commissioner"/> to <paramref name="e"/> (tracked), ending the current assignment when
    /// there is one (a reassignment needs a reason). Refusals come back as <see cref="AssignmentRefusal"/>. Only the
    /// demo seeding (<paramref name="assignerIsSystem"/>) assigns outside the assigner's own region.
    /// </summary>
    public async Task<(CommissionerAssignment? Assignment, AssignmentRefusal? Refusal)> AssignAsync(
        Enterprise e, TiduUser commissioner, bool isCommissioner, string? assignerRegion, bool assignerIsSystem, string? reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(commissioner);
        if (!isCommissioner || commissioner.RegionCode is not { } commissionerRegion)
        {
            return (null, new AssignmentRefusal("该用户不是服务专员", $"{commissioner.UserName} is not a commissioner with a region"));
        }
        if (ServiceLevels.LevelOf(e, commissionerRegion) is not { } level)
        {
            return (null, new AssignmentRefusal("该服务专员不属于企业所在的县（市、区）、设区市或省", $"commissioner {commissioner.UserName} serves {commissionerRegion}, which is not the county, city or province of enterprise {e.CreditCode}"));
        }
        var day = Today;
        var tiers = (await ValidTiersAsync(day, [e.Id], ct).ConfigureAwait(false)).GetValueOrDefault(e.Id) ?? [];
        var requirement = Requirement(e, tiers, day);
        if (requirement is not null && requirement.Level != level)
        {
            return (null, new AssignmentRefusal(
                $"按{requirement.Deciding.Cite}，该企业应由{LevelZh(requirement.Level)}配备服务专员",
                $"{requirement.Deciding.Id} ({requirement.Deciding.Cite}) asks the {requirement.Level} level to equip {e.CreditCode}; {commissioner.UserName} serves at the {level} level"));
        }
        // The level that must equip the enterprise (or a level above it) assigns.
        var responsible = ServiceLevels.RegionAt(e, level);
        if (!assignerIsSystem && (assignerRegion is null || !regions.IsWithin(responsible, assignerRegion)))
        {
            return (null, new AssignmentRefusal($"服务专员应由{LevelZh(level)}（{responsible}）或其上级指派", $"the commissioner of {e.CreditCode} is assigned by {responsible} ({level}) or above, not by {assignerRegion}"));
        }
        var current = await CurrentAsync(e.Id, ct).ConfigureAwait(false);
        if (current is not null && current.Commissioner == commissioner.UserName)
        {
            return (null, new AssignmentRefusal("该服务专员已负责此企业", $"{commissioner.UserName} already serves {e.CreditCode}"));
        }
        if (current is not null && string.IsNullOrWhiteSpace(reason))
        {
            return (null, new AssignmentRefusal("更换服务专员须说明原因", "a reassignment needs a reason"));
        }
        var now = clock.GetUtcNow();
        if (current is not null)
        {
            current.EndedAt = now;
            current.EndedBy = db.Scope.Actor;
        }
        var assignment = new CommissionerAssignment
        {
            EnterpriseId = e.Id,
            Enterprise = e,
            Commissioner = commissioner.UserName!,
            RegionCode = commissionerRegion,
            Level = level,
            PreviousCommissioner = current?.Commissioner,
            AssignedBy = db.Scope.Actor,
            AssignedAt = now,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
            RuleClause = requirement?.Deciding.Id,
        };
        db.CommissionerAssignments.Add(assignment);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return (assignment, null);
    }

    /// <summary>
    /// Enterprises per commissioner of the caller's scope (active assignments), in total and per tier held on the day
    /// (an enterprise holding two tiers counts under both; the total counts it once).
    /// </summary>
    public async Task<List<Workload>> WorkloadAsync(IReadOnlyList<TiduUser> commissioners, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(commissioners);
        var day = Today;
        var active = await db.CommissionerAssignments.AsNoTracking().Where(a => a.EndedAt == null)
            .Select(a => new { a.Commissioner, a.EnterpriseId }).ToListAsync(ct).ConfigureAwait(false);
        var tiers = await ValidTiersAsync(day, active.Select(a => a.EnterpriseId).Distinct().ToList(), ct).ConfigureAwait(false);
        return commissioners.Select(c =>
        {
            var mine = active.Where(a => a.Commissioner == c.UserName).Select(a => a.EnterpriseId).Distinct().ToList();
            var byTier = mine.SelectMany(id => tiers.GetValueOrDefault(id) ?? [])
                .GroupBy(t => t, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            return new Workload(c.UserName!, c.DisplayName, c.RegionCode, mine.Count, byTier);
        }).ToList();
    }

    /// <summary>Commissioners whose region lies within the caller's region (all for administrators).</summary>
    public async Task<List<TiduUser>> CommissionersInScopeAsync(CancellationToken ct)
    {
        var roleId = await db.Roles.Where(r => r.Name == Roles.Commissioner).Select(r => r.Id).SingleOrDefaultAsync(ct).ConfigureAwait(false);
        var ids = await db.UserRoles.Where(ur => ur.RoleId == roleId).Select(ur => ur.UserId).ToListAsync(ct).ConfigureAwait(false);
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).OrderBy(u => u.UserName).ToListAsync(ct).ConfigureAwait(false);
        var scope = db.Scope;
        return users.Where(u => scope.All || (scope.RegionCode is { } r && u.RegionCode is { } ur && regions.IsWithin(ur, r))).ToList();
    }

    public static string LevelZh(string level) => level switch
    {
        "county" => "县（市、区）",
        "city" => "设区市",
        "province" => "省",
        _ => level,
    };
}

public sealed record Lacking(string CreditCode, string Name, string RegionCode, IReadOnlyList<string> Tiers, string Level, string AssigningRegionCode, CommissionerRequirement Requirement);

/// <summary>An enterprise's commissioner on a day: valid tiers, the requirement and the region that must assign (null when no rule asks), the current assignment and all of them.</summary>
public sealed record EnterpriseCommissioner(Enterprise Enterprise, DateOnly AsOf, IReadOnlyList<string> Tiers, CommissionerRequirement? Requirement, string? AssigningRegionCode,
    CommissionerAssignment? Current, IReadOnlyList<CommissionerAssignment> History);

public sealed record Workload(string Commissioner, string DisplayName, string? RegionCode, int Enterprises, IReadOnlyDictionary<string, int> ByTier);

/// <summary>Why an assignment was refused: Chinese for the screen, English for logs and API clients.</summary>
public sealed record AssignmentRefusal(string Zh, string En);
