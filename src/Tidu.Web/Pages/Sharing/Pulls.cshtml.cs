using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tidu.Application;
using Tidu.Data;
using Tidu.Data.Entities.Sharing;
using Tidu.Data.Identity;
using Tidu.Data.Scoping;
using Tidu.Domain.Regions;
using Tidu.Web.Security;

namespace Tidu.Web.Pages.Sharing;

/// <summary>The list pull log: who got which list when, how many rows, the list's hash (officers: pulls covering their region; the audit administrator: all).</summary>
public sealed class PullsModel(TiduDbContext db, RegionTree tree) : PageModel
{
    public IReadOnlyList<ListPull> Pulls { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var region = AccessMatrix.Of(AccessMatrix.KindOf(User), Resource.ListPull, Operation.Read) == Reach.All ? null : User.FindFirst(TiduClaims.RegionCode)?.Value;
        var recent = await db.ListPulls.AsNoTracking().OrderByDescending(p => p.Id).Take(500).ToListAsync(ct).ConfigureAwait(false);
        Pulls = recent.Where(p => region is null || tree.IsWithin(p.RegionCode, region) || tree.IsWithin(region, p.RegionCode)).ToList();
    }
}
