using Microsoft.EntityFrameworkCore;
using Tidu.Application.Notifications;
using Tidu.Application.Screening;
using Tidu.Data;
using Tidu.Data.Entities;
using Tidu.Data.Entities.Dynamic;
using Tidu.Data.Registry;
using Tidu.Domain.Display;
using Tidu.Rules;

namespace Tidu.Application.Dynamic;

/// <summary>An enterprise's stay in a pool, as people read it.</summary>
public sealed record PoolStay(long Id, string CreditCode, string Name, string Tier, CultivationPool Pool, string Source, DateOnly EnteredOn, string EnteredBy,
    string EntryReason, DateOnly? ExitedOn, string? ExitedBy, string? ExitReason);

/// <summary>Entries and exits per month and pool between two days.</summary>
public sealed record PoolMovement(DateOnly From, DateOnly To, string? Tier, IReadOnlyList<string> Months, IReadOnlyList<PoolSeries> Series);

/// <summary>One pool's entries and exits per month (in the order of <see cref="PoolMovement.Months"/>).</summary>
public sealed record PoolSeries(string Pool, string Label, IReadOnlyList<int> Entries, IReadOnlyList<int> Exits);

/// <summary>How many proposals were accepted into the reserve pool.</summary>
public sealed record PoolAcceptance(int Accepted);

/// <summary>
/// Cultivation pools per tier (储备一批、培育一批、提升一批; docs/procedure.md "Dynamic management"), for the pools page
/// and the API alike: officers enter enterprises and take them out with a reason (有进有出); screening proposes the near
/// misses of a tier (missing it by exactly one decisive check in their latest evaluation) for the reserve pool, and an
/// officer accepts proposals. Every read and write runs in the actor's region scope.
/// </summary>
public sealed class Pools(TiduDbContext db, EnterpriseQuery query, EnterpriseRegistry registry, RuleLibrary rules, TimeProvider clock, IActorSource actors)
{
    public const string DefaultProposalReason = "筛选建议：距离认定标准仅差一项";

    /// <summary>Stays in scope, in the order they began: of a tier, of a pool (reserve, nurture or elevate), only the current ones.</summary>
    public async Task<Outcome<IReadOnlyList<PoolStay>>> ListAsync(string? tier, string? pool, bool openOnly, CancellationToken ct)
    {
        var q = db.PoolMemberships.AsNoTracking().AsQueryable();
        if (!string.IsNullOrWhiteSpace(tier))
        {
            q = q.Where(m => m.Tier == tier);
        }
        if (!string.IsNullOrWhiteSpace(pool))
        {
            if (Parse(pool) is not { } p)
            {
                return BadPool(pool);
            }
            q = q.Where(m => m.Pool == p);
        }
        if (openOnly)
        {
            q = q.Where(m => m.ExitedOn == null);
        }
        var rows = await Stays(q.OrderBy(m => m.Id)).ToListAsync(ct).ConfigureAwait(false);
        return new Outcome<IReadOnlyList<PoolStay>>(rows, null);
    }

    /// <summary>The near misses of the tier in scope that are in none of its pools now, by name (at most <paramref name="take"/> when given).</summary>
    public async Task<Outcome<IReadOnlyList<EnterpriseRow>>> ProposalsAsync(string? tier, int? take, CancellationToken ct)
    {
        if (UnknownTier(tier) is { } bad)
        {
            return bad;
        }
        var proposals = Proposals(tier!);
        var rows = await EnterpriseQuery.Rows(take is { } n ? proposals.Take(n) : proposals).ToListAsync(ct).ConfigureAwait(false);
        return new Outcome<IReadOnlyList<EnterpriseRow>>(rows, null);
    }

    /// <summary>Accepts current proposals into the reserve pool; a code that is not a current proposal is named and nothing is saved.</summary>
    public async Task<Outcome<PoolAcceptance>> AcceptAsync(string? tier, IReadOnlyList<string>? creditCodes, string? reason, CancellationToken ct)
    {
        if (Access.Require(actors.Current, AccessRight.ManagePools) is { } forbidden)
        {
            return forbidden;
        }
        if (UnknownTier(tier) is { } bad)
        {
            return bad;
        }
        var wanted = (creditCodes ?? []).Select(c => c.Trim().ToUpperInvariant()).Distinct().ToList();
        var proposed = await Proposals(tier!).AsTracking().Where(e => wanted.Contains(e.CreditCode)).ToListAsync(ct).ConfigureAwait(false);
        var missing = wanted.Except(proposed.Select(e => e.CreditCode)).ToList();
        if (wanted.Count == 0 || missing.Count > 0)
        {
            return Refusal.Invalid("pool.not-a-proposal", $"以下企业不是当前的储备库建议（或不在您的管辖区域内）：{string.Join("、", missing)}",
                $"not current reserve-pool proposals of {tier} in the caller's scope: {string.Join(", ", missing)}");
        }
        var why = string.IsNullOrWhiteSpace(reason) ? DefaultProposalReason : reason.Trim();
        var (today, now) = (ChinaCalendar.Today(clock), clock.GetUtcNow());
        foreach (var e in proposed)
        {
            Enter(e, tier!, CultivationPool.Reserve, "screening", why, today, now);
        }
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return new PoolAcceptance(proposed.Count);
    }

    /// <summary>Enters an enterprise into a pool of a tier; a move from another pool of the tier closes that stay.</summary>
    public async Task<Outcome<PoolStay>> EnterAsync(string? creditCode, string? tier, string? pool, string? reason, CancellationToken ct)
    {
        if (Access.Require(actors.Current, AccessRight.ManagePools) is { } forbidden)
        {
            return forbidden;
        }
        if (UnknownTier(tier) is { } bad)
        {
            return bad;
        }
        if (Parse(pool) is not { } target)
        {
            return BadPool(pool);
        }
        var why = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (why is null)
        {
            return Refusal.Invalid("pool.reason-required", "入库必须说明理由", "entering a pool needs a reason");
        }
        var enterprise = await registry.FindAsync(creditCode ?? "", ct).ConfigureAwait(false);
        if (enterprise is null)
        {
            return Workflow.WorkflowProblems.EnterpriseNotFound(creditCode);
        }
        var current = await db.PoolMemberships.SingleOrDefaultAsync(m => m.EnterpriseId == enterprise.Id && m.Tier == tier && m.ExitedOn == null, ct).ConfigureAwait(false);
        if (current?.Pool == target)
        {
            return Refusal.Conflict("pool.already-in", "该企业已在此培育库中", $"{enterprise.CreditCode} is already in the {target} pool of {tier}");
        }
        var (today, now) = (ChinaCalendar.Today(clock), clock.GetUtcNow());
        if (current is not null)
        {
            Close(current, $"转入{Label(target)}：{why}", today, now);
        }
        var stay = Enter(enterprise, tier!, target, "officer", why, today, now);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return Of(stay, enterprise);
    }

    /// <summary>Takes an enterprise out of its pool with a reason.</summary>
    public async Task<Outcome<PoolStay>> ExitAsync(long id, string? reason, CancellationToken ct)
    {
        if (Access.Require(actors.Current, AccessRight.ManagePools) is { } forbidden)
        {
            return forbidden;
        }
        var why = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (why is null)
        {
            return Refusal.Invalid("pool.reason-required", "出库必须说明理由", "leaving a pool needs a reason");
        }
        var stay = await db.PoolMemberships.Include(m => m.Enterprise).SingleOrDefaultAsync(m => m.Id == id, ct).ConfigureAwait(false);
        if (stay is null)
        {
            return Refusal.NotFound("pool.stay-not-found", "未找到该入库记录（或不在您的管辖区域内）", $"no pool stay {id} in the caller's region scope");
        }
        if (stay.ExitedOn is not null)
        {
            return Refusal.Conflict("pool.already-left", "该企业已出库", $"pool stay {id} ended on {stay.ExitedOn:yyyy-MM-dd}");
        }
        Close(stay, why, ChinaCalendar.Today(clock), clock.GetUtcNow());
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return Of(stay, stay.Enterprise);
    }

    /// <summary>Entries and exits per month and pool, counted by the database (default: this year to today).</summary>
    public async Task<Outcome<PoolMovement>> MovementAsync(string? tier, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var last = to ?? ChinaCalendar.Today(clock);
        var first = from ?? new DateOnly(last.Year, 1, 1);
        if (first > last || first < MovementFrom || last > MovementTo || ((last.Year - first.Year) * 12) + last.Month - first.Month >= MaxMovementMonths)
        {
            return Refusal.Validation("pools.movement-period",
                $"统计期间无效：起止日期应在 {MovementFrom:yyyy-MM-dd} 至 {MovementTo:yyyy-MM-dd} 之间、起不晚于止，且不超过 {MaxMovementMonths} 个月",
                "invalid period",
                new Dictionary<string, string[]> { ["from"] = [$"from and to must lie between {MovementFrom:yyyy-MM-dd} and {MovementTo:yyyy-MM-dd}, from on or before to, at most {MaxMovementMonths} months apart"] });
        }
        var q = db.PoolMemberships.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(tier))
        {
            q = q.Where(m => m.Tier == tier);
        }
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
        var series = Enum.GetValues<CultivationPool>().Select(p => new PoolSeries(Name(p), Label(p),
            [.. months.Select(month => entries.Where(x => x.Pool == p && $"{x.Year:D4}-{x.Month:D2}" == month).Sum(x => x.Count))],
            [.. months.Select(month => exits.Where(x => x.Pool == p && $"{x.Year:D4}-{x.Month:D2}" == month).Sum(x => x.Count))])).ToList();
        return new PoolMovement(first, last, tier, months, series);
    }

    private static readonly DateOnly MovementFrom = new(2000, 1, 1);
    private static readonly DateOnly MovementTo = new(2100, 12, 31);
    private const int MaxMovementMonths = 120;

    public static string Name(CultivationPool pool) => pool.ToString().ToLowerInvariant();

    public static string Label(CultivationPool pool) => pool switch
    {
        CultivationPool.Reserve => "储备库",
        CultivationPool.Nurture => "培育库",
        _ => "提升库",
    };

    /// <summary>The near misses of the tier (the screening list's filter) in scope that are in none of the tier's pools now.</summary>
    private IQueryable<Enterprise> Proposals(string tier) =>
        query.Apply(new EnterpriseFilter { NearMiss = tier, Sort = "name" })
            .Where(e => !db.PoolMemberships.Any(m => m.EnterpriseId == e.Id && m.Tier == tier && m.ExitedOn == null));

    private PoolMembership Enter(Enterprise e, string tier, CultivationPool pool, string source, string reason, DateOnly today, DateTimeOffset now)
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
            EnteredBy = actors.Current.Name,
            EntryReason = reason,
        };
        db.PoolMemberships.Add(stay);
        Notices.Add(db, now, "pool-entry", Recipient.EnterpriseOf(e), e, $"已纳入{Label(pool)}",
            $"贵企业已纳入{DisplayNames.Tier(tier)}{Label(pool)}（{today:yyyy-MM-dd}）。理由：{reason}", "/");
        return stay;
    }

    private void Close(PoolMembership stay, string reason, DateOnly today, DateTimeOffset now)
    {
        stay.ExitedOn = today;
        stay.ExitedAt = now;
        stay.ExitedBy = actors.Current.Name;
        stay.ExitReason = reason;
    }

    private static IQueryable<PoolStay> Stays(IQueryable<PoolMembership> q) =>
        q.Select(m => new PoolStay(m.Id, m.Enterprise.CreditCode, m.Enterprise.Name, m.Tier, m.Pool, m.Source, m.EnteredOn, m.EnteredBy, m.EntryReason,
            m.ExitedOn, m.ExitedBy, m.ExitReason));

    private static PoolStay Of(PoolMembership m, Enterprise e) =>
        new(m.Id, e.CreditCode, e.Name, m.Tier, m.Pool, m.Source, m.EnteredOn, m.EnteredBy, m.EntryReason, m.ExitedOn, m.ExitedBy, m.ExitReason);

    private Refusal? UnknownTier(string? tier) =>
        !string.IsNullOrWhiteSpace(tier) && rules.Tiers.Any(t => t.Id == tier) ? null
            : Refusal.Invalid("tier.unknown", "层级无效", $"unknown tier '{tier}': use a tier id of the rule files");

    private static CultivationPool? Parse(string? pool) => pool?.Trim().ToLowerInvariant() switch
    {
        "reserve" => CultivationPool.Reserve,
        "nurture" => CultivationPool.Nurture,
        "elevate" => CultivationPool.Elevate,
        _ => null,
    };

    private static Refusal BadPool(string? pool) =>
        Refusal.Invalid("pool.unknown", "培育库无效（应为 reserve 储备库、nurture 培育库或 elevate 提升库）", $"unknown pool '{pool}': use reserve, nurture or elevate");
}
