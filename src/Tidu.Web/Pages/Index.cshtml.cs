using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tidu.Data;
using Tidu.Data.Identity;
using Tidu.Rules;

namespace Tidu.Web.Pages;

/// <summary>The overview of the user's region: how many enterprises meet, or nearly meet, each tier. Counted by the database.</summary>
public sealed class IndexModel(TiduDbContext db, RuleLibrary rules, Tidu.Application.Screening.CountCache cache) : PageModel
{
    public sealed record TierLine(string Id, string Title, int Qualified, int NearMiss);

    public sealed record TierCount(string Tier, int Qualified, int NearMiss);

    public int Total { get; private set; }
    public IReadOnlyList<TierLine> Tiers { get; private set; } = [];
    public string ScopeLabel { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Roles.Administrators.Any(User.IsInRole))
        {
            return Redirect("/Admin"); // 三员分立: the administrators see no enterprise figures
        }
        if (User.IsInRole(Roles.Enterprise))
        {
            // An enterprise user has one file: theirs.
            return db.Scope.CreditCode is { } own ? Redirect("/Enterprises/" + own) : Forbid();
        }
        if (User.IsInRole(Roles.Expert))
        {
            // An expert's work is the applications assigned to them; they read no enterprise files.
            return Redirect("/Applications");
        }
        Total = await cache.GetAsync(db.Scope, "total", () => db.Enterprises.CountAsync(ct)).ConfigureAwait(false);
        var counts = await cache.GetAsync(db.Scope, "tiers", () => db.TierOutcomes
            .GroupBy(t => t.Tier)
            .Select(g => new TierCount(g.Key, g.Count(t => t.Qualified), g.Count(t => t.NearMiss)))
            .ToListAsync(ct)).ConfigureAwait(false);
        Tiers = rules.Tiers
            .DistinctBy(t => t.Id)
            .Select(t => (t, c: counts.FirstOrDefault(c => c.Tier == t.Id)))
            .Select(x => new TierLine(x.t.Id, x.t.Title, x.c?.Qualified ?? 0, x.c?.NearMiss ?? 0))
            .ToList();
        var scope = db.Scope;
        ScopeLabel = scope.All ? "全部区域" : scope.RegionCode is { } code
            ? (await db.Regions.Where(r => r.Code == code).Select(r => r.Name).FirstOrDefaultAsync(ct).ConfigureAwait(false) ?? code)
            : "";
        return Page();
    }

    /// <summary>An expert without an officer's or administrator's role as well.</summary>
    public static bool IsOnlyExpert(System.Security.Claims.ClaimsPrincipal user) =>
        user.IsInRole(Roles.Expert) && !Roles.Administrators.Any(user.IsInRole) && !Roles.Officers.Any(user.IsInRole);
}
