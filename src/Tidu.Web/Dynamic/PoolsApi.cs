using Microsoft.EntityFrameworkCore;
using Tidu.Data;
using Tidu.Domain.Display;
using Tidu.Data.Entities;
using Tidu.Data.Entities.Dynamic;
using Tidu.Data.Identity;
using Tidu.Data.Registry;
using Tidu.Rules;
using Tidu.Web.Notifications;
using Tidu.Web.Screening;
using static Tidu.Web.Workflow.WorkflowProblems;

namespace Tidu.Web.Dynamic;

/// <summary>
/// Cultivation pools per tier (储备一批、培育一批、提升一批, seed 004; workflow.md "Dynamic management"): officers enter
/// enterprises and take them out with a reason (有进有出); screening proposes the near misses of a tier (missing it by
/// exactly one decisive check in their latest evaluation — the screening list's near-miss filter) for the reserve pool,
/// and an officer accepts proposals. Movement (entries and exits per month) feeds the dashboard.
/// </summary>
public static class PoolsApi
{
    public sealed record EntryRequest(string CreditCode, string Tier, string Pool, string? Reason);

    public sealed record ExitRequest(string? Reason);

    public sealed record AcceptRequest(string Tier, IReadOnlyList<string> CreditCodes, string? Reason);

    public static void Map(RouteGroupBuilder read, RouteGroupBuilder write)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(write);
        read.MapGet("/pools", ListAsync).WithSummary("Pool stays in the caller's scope (filter by tier, pool, open=true for current members)");
        read.MapGet("/pools/proposals", ProposalsAsync).WithSummary("Near-miss enterprises of a tier not in any of its pools: proposals for the reserve pool");
        read.MapGet("/pools/movement", MovementAsync).WithSummary("Entries and exits per month and pool (for the dashboard)");
        write.MapPost("/pools/entries", EnterAsync).WithSummary("Enter an enterprise into a pool of a tier (a move closes its current stay in another pool of the tier)");
        write.MapPost("/pools/proposals/accept", AcceptAsync).WithSummary("Accept screening proposals into the reserve pool");
        write.MapPost("/pools/{id:long}/exit", ExitAsync).WithSummary("Take an enterprise out of its pool with a reason");
    }

    private static async Task<IResult> ListAsync(string? tier, string? pool, bool? open, TiduDbContext db, CancellationToken ct)
    {
        var q = db.PoolMemberships.AsNoTracking().AsQueryable();
        if (!string.IsNullOrWhiteSpace(tier))
        {
            q = q.Where(m => m.Tier == tier);
        }
        if (!string.IsNullOrWhiteSpace(pool))
        {
            if (ParsePool(pool) is not { } p)
            {
                return BadPool(pool);
            }
            q = q.Where(m => m.Pool == p);
        }
        if (open == true)
        {
            q = q.Where(m => m.ExitedOn == null);
        }
        var rows = await q.OrderBy(m => m.Id).Select(m => new { m, m.Enterprise.CreditCode, m.Enterprise.Name }).ToListAsync(ct).ConfigureAwait(false);
        return Results.Ok(rows.Select(x => Row(x.m, x.CreditCode, x.Name)));
    }

    /// <summary>The near misses of the tier (the screening list's filter) in the caller's scope that are in none of the tier's pools now.</summary>
    public static IQueryable<Enterprise> Proposals(TiduDbContext db, EnterpriseQuery query, string tier)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        return query.Apply(new EnterpriseFilter { NearMiss = tier, Sort = "name" })
            .Where(e => !db.PoolMemberships.Any(m => m.EnterpriseId == e.Id && m.Tier == tier && m.ExitedOn == null));
    }

    private static async Task<IResult> ProposalsAsync(string? tier, TiduDbContext db, EnterpriseQuery query, RuleLibrary rules, CancellationToken ct)
    {
        if (UnknownTier(tier, rules) is { } bad)
        {
            return bad;
        }
        var rows = await EnterpriseQuery.Rows(Proposals(db, query, tier!)).ToListAsync(ct).ConfigureAwait(false);
        return Results.Ok(new { tier, pool = "reserve", items = rows });
    }

    private static async Task<IResult> AcceptAsync(AcceptRequest body, HttpContext http, TiduDbContext db, EnterpriseQuery query, RuleLibrary rules, TimeProvider clock, CancellationToken ct)
    {
        if (NotOfficer(http) is { } forbidden)
        {
            return forbidden;
        }
        if (UnknownTier(body.Tier, rules) is { } bad)
        {
            return bad;
        }
        var wanted = (body.CreditCodes ?? []).Select(c => c.Trim().ToUpperInvariant()).Distinct().ToList();
        // Only what screening proposes now is accepted: a code that is not a current proposal is named, nothing is saved.
        var proposed = await Proposals(db, query, body.Tier).AsTracking().Where(e => wanted.Contains(e.CreditCode)).ToListAsync(ct).ConfigureAwait(false);
        var missing = wanted.Except(proposed.Select(e => e.CreditCode)).ToList();
        if (wanted.Count == 0 || missing.Count > 0)
        {
            return Unprocessable($"以下企业不是当前的储备库建议（或不在您的管辖区域内）：{string.Join("、", missing)}",
                $"not current reserve-pool proposals of {body.Tier} in the caller's scope: {string.Join(", ", missing)}");
        }
        var reason = string.IsNullOrWhiteSpace(body.Reason) ? "筛选建议：距离认定标准仅差一项" : body.Reason.Trim();
        var today = ChinaCalendar.Today(clock);
        var now = clock.GetUtcNow();
        foreach (var e in proposed)
        {
            Enter(db, e, body.Tier, CultivationPool.Reserve, "screening", reason, today, now);
        }
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return Results.Ok(new { accepted = proposed.Count });
    }

    private static async Task<IResult> EnterAsync(EntryRequest body, HttpContext http, TiduDbContext db, EnterpriseRegistry registry, RuleLibrary rules, TimeProvider clock, CancellationToken ct)
    {
        if (NotOfficer(http) is { } forbidden)
        {
            return forbidden;
        }
        if (UnknownTier(body.Tier, rules) is { } bad)
        {
            return bad;
        }
        if (ParsePool(body.Pool) is not { } pool)
        {
            return BadPool(body.Pool);
        }
        var reason = string.IsNullOrWhiteSpace(body.Reason) ? null : body.Reason.Trim();
        if (reason is null)
        {
            return Unprocessable("入库必须说明理由", "entering a pool needs a reason");
        }
        var enterprise = await registry.FindAsync(body.CreditCode ?? "", ct).ConfigureAwait(false);
        if (enterprise is null)
        {
            return Problem(StatusCodes.Status404NotFound, "未找到该企业（或不在您的管辖区域内）", $"no enterprise {body.CreditCode} in the caller's region scope");
        }
        var current = await db.PoolMemberships.SingleOrDefaultAsync(m => m.EnterpriseId == enterprise.Id && m.Tier == body.Tier && m.ExitedOn == null, ct).ConfigureAwait(false);
        if (current?.Pool == pool)
        {
            return Conflict("该企业已在此培育库中", $"{enterprise.CreditCode} is already in the {pool} pool of {body.Tier}");
        }
        var today = ChinaCalendar.Today(clock);
        var now = clock.GetUtcNow();
        if (current is not null)
        {
            Close(current, db.Scope.Actor, $"转入{Label(pool)}：{reason}", today, now);
        }
        var stay = Enter(db, enterprise, body.Tier, pool, "officer", reason, today, now);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return Results.Created($"/api/v1/pools?tier={body.Tier}", Row(stay, enterprise.CreditCode, enterprise.Name));
    }

    private static async Task<IResult> ExitAsync(long id, ExitRequest body, HttpContext http, TiduDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (NotOfficer(http) is { } forbidden)
        {
            return forbidden;
        }
        var reason = string.IsNullOrWhiteSpace(body.Reason) ? null : body.Reason.Trim();
        if (reason is null)
        {
            return Unprocessable("出库必须说明理由", "leaving a pool needs a reason");
        }
        var stay = await db.PoolMemberships.Include(m => m.Enterprise).SingleOrDefaultAsync(m => m.Id == id, ct).ConfigureAwait(false);
        if (stay is null)
        {
            return Problem(StatusCodes.Status404NotFound, "未找到该入库记录（或不在您的管辖区域内）", $"no pool stay {id} in the caller's region scope");
        }
        if (stay.ExitedOn is not null)
        {
            return Conflict("该企业已出库", $"pool stay {id} ended on {stay.ExitedOn:yyyy-MM-dd}");
        }
        Close(stay, db.Scope.Actor, reason, ChinaCalendar.Today(clock), clock.GetUtcNow());
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return Results.Ok(Row(stay, stay.Enterprise.CreditCode, stay.Enterprise.Name));
    }

    private static async Task<IResult> MovementAsync(string? tier, DateOnly? from, DateOnly? to, TiduDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var last = to ?? ChinaCalendar.Today(clock);
        var first = from ?? new DateOnly(last.Year, 1, 1);
        var q = db.PoolMemberships.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(tier))
        {
            q = q.Where(m => m.Tier == tier);
        }
        // Grouped by the database by year and month of the day of entry (and of exit).
        var entries = await q.Where(m => m.EnteredOn >= first && m.EnteredOn <= last)
            .GroupBy(m => new { m.EnteredOn.Year, m.EnteredOn.Month, m.Pool }).Select(g => new { g.Key.Year, g.Key.Month, g.Key.Pool, Count = g.Count() })
            .ToListAsync(ct).ConfigureAwait(false);
        var exits = await q.Where(m => m.ExitedOn != null && m.ExitedOn >= first && m.ExitedOn <= last)
            .GroupBy(m => new { m.ExitedOn!.Value.Year, m.ExitedOn.Value.Month, m.Pool }).Select(g => new { g.Key.Year, g.Key.Month, g.Key.Pool, Count = g.Count() })
            .ToListAsync(ct).ConfigureAwait(false);
        var months = new List<string>();
        for (var m = new DateOnly(first.Year, first.Month, 1); m <= last; m = m.AddMonths(1))
        {
            months.Add($"{m:yyyy-MM}");
        }
        var pools = Enum.GetValues<CultivationPool>();
        return Results.Ok(new
        {
            from = first,
            to = last,
            tier,
            months,
            series = pools.Select(p => new
            {
                pool = Name(p),
                label = Label(p),
                entries = months.Select(month => entries.Where(x => x.Pool == p && $"{x.Year:D4}-{x.Month:D2}" == month).Sum(x => x.Count)),
                exits = months.Select(month => exits.Where(x => x.Pool == p && $"{x.Year:D4}-{x.Month:D2}" == month).Sum(x => x.Count)),
            }),
        });
    }

    internal static PoolMembership Enter(TiduDbContext db, Enterprise e, string tier, CultivationPool pool, string source, string reason, DateOnly today, DateTimeOffset now)
    {
        var stay = new PoolMembership
        {
            EnterpriseId = e.Id,
            Enterprise = e,
            Tier = tier,
            Pool = pool,
            Source = source,
            EnteredOn = today,
            EnteredAt = now,
            EnteredBy = db.Scope.Actor,
            EntryReason = reason,
        };
        db.PoolMemberships.Add(stay);
        Notices.Add(db, now, "pool-entry", Recipient.EnterpriseOf(e), e, $"已纳入{Label(pool)}",
            $"贵企业已纳入{DisplayNames.Tier(tier)}{Label(pool)}（{today:yyyy-MM-dd}）。理由：{reason}", "/");
        return stay;
    }

    internal static void Close(PoolMembership stay, string actor, string reason, DateOnly today, DateTimeOffset now)
    {
        stay.ExitedOn = today;
        stay.ExitedAt = now;
        stay.ExitedBy = actor;
        stay.ExitReason = reason;
    }

    private static Workflow.WorkflowRefusal? NotOfficer(HttpContext http) =>
        Roles.Officers.Any(http.User.IsInRole) ? null : Forbidden("只有主管部门可以管理培育库", "only officers manage cultivation pools");

    private static Workflow.WorkflowRefusal? UnknownTier(string? tier, RuleLibrary rules) =>
        !string.IsNullOrWhiteSpace(tier) && rules.Tiers.Any(t => t.Id == tier) ? null
            : Unprocessable("层级无效", $"unknown tier '{tier}': use a tier id of the rule files");

    private static CultivationPool? ParsePool(string? pool) => pool?.Trim().ToLowerInvariant() switch
    {
        "reserve" => CultivationPool.Reserve,
        "nurture" => CultivationPool.Nurture,
        "elevate" => CultivationPool.Elevate,
        _ => null,
    };

    private static Workflow.WorkflowRefusal BadPool(string? pool) => Unprocessable("培育库无效（应为 reserve 储备库、nurture 培育库或 elevate 提升库）", $"unknown pool '{pool}': use reserve, nurture or elevate");

    public static string Name(CultivationPool pool) => pool.ToString().ToLowerInvariant();

    public static string Label(CultivationPool pool) => pool switch
    {
        CultivationPool.Reserve => "储备库",
        CultivationPool.Nurture => "培育库",
        _ => "提升库",
    };

    private static object Row(PoolMembership m, string creditCode, string name) => new
    {
        m.Id,
        creditCode,
        enterpriseName = name,
        m.Tier,
        pool = Name(m.Pool),
        poolLabel = Label(m.Pool),
        m.Source,
        m.EnteredOn,
        m.EnteredBy,
        m.EntryReason,
        m.ExitedOn,
        m.ExitedBy,
        m.ExitReason,
    };
}
