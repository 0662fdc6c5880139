using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tidu.Data;
using Tidu.Data.Entities.Dynamic;
using Tidu.Data.Registry;
using Tidu.Rules;
using Tidu.Web.Dynamic;
using Tidu.Web.Screening;

namespace Tidu.Web.Pages.Pools;

/// <summary>
/// An officer's cultivation pools of one tier: current members (taken out with a reason) and screening's reserve
/// proposals (near misses, accepted into the reserve pool) — the same operations as /api/v1/pools.
/// </summary>
public sealed class IndexModel(TiduDbContext db, EnterpriseQuery query, RuleLibrary rules, TimeProvider clock) : PageModel
{
    public sealed record Member(long Id, string CreditCode, string Name, CultivationPool Pool, DateOnly EnteredOn, string EnteredBy, string EntryReason);

    [BindProperty(SupportsGet = true)] public string Tier { get; set; } = "specialized-sme";

    public IReadOnlyList<(string Id, string Title)> Tiers { get; private set; } = [];
    public IReadOnlyList<Member> Members { get; private set; } = [];
    public IReadOnlyList<EnterpriseRow> Proposals { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (rules.Tiers.All(t => t.Id != Tier))
        {
            return NotFound();
        }
        await LoadAsync(ct).ConfigureAwait(false);
        return Page();
    }

    public async Task<IActionResult> OnPostAcceptAsync(string creditCode, CancellationToken ct)
    {
        var e = await PoolsApi.Proposals(db, query, Tier).AsTracking().SingleOrDefaultAsync(x => x.CreditCode == creditCode, ct).ConfigureAwait(false);
        if (e is not null)
        {
            PoolsApi.Enter(db, e, Tier, CultivationPool.Reserve, "screening", "筛选建议：距离认定标准仅差一项", ChinaCalendar.Today(clock), clock.GetUtcNow());
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        return RedirectToPage(new { Tier });
    }

    public async Task<IActionResult> OnPostExitAsync(long id, string? reason, CancellationToken ct)
    {
        var stay = await db.PoolMemberships.SingleOrDefaultAsync(m => m.Id == id && m.ExitedOn == null, ct).ConfigureAwait(false);
        if (stay is not null && !string.IsNullOrWhiteSpace(reason))
        {
            PoolsApi.Close(stay, db.Scope.Actor, reason.Trim(), ChinaCalendar.Today(clock), clock.GetUtcNow());
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        return RedirectToPage(new { Tier });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Tiers = rules.Tiers.Select(t => (t.Id, t.Title)).DistinctBy(t => t.Id).ToList();
        Members = await db.PoolMemberships.AsNoTracking().Where(m => m.Tier == Tier && m.ExitedOn == null).OrderBy(m => m.Pool).ThenBy(m => m.Id)
            .Select(m => new Member(m.Id, m.Enterprise.CreditCode, m.Enterprise.Name, m.Pool, m.EnteredOn, m.EnteredBy, m.EntryReason))
            .ToListAsync(ct).ConfigureAwait(false);
        Proposals = await EnterpriseQuery.Rows(PoolsApi.Proposals(db, query, Tier).Take(200)).ToListAsync(ct).ConfigureAwait(false);
    }
}
