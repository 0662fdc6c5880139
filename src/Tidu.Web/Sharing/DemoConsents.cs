using Microsoft.EntityFrameworkCore;
using Tidu.Application.Sharing;
using Tidu.Data;
using Tidu.Data.Entities.Sharing;

namespace Tidu.Web.Sharing;

/// <summary>Demo data: every other Hangzhou enterprise has consented on paper to banks, so the demo bank key's list is not empty.</summary>
internal static class DemoConsents
{
    public static async Task SeedAsync(TiduDbContext db, IEnumerable<string> creditCodes, TimeProvider clock)
    {
        var codes = creditCodes.Where((_, i) => i % 2 == 0).ToList();
        var ids = await db.Enterprises.IgnoreQueryFilters().Where(e => codes.Contains(e.CreditCode)).Select(e => e.Id).ToListAsync().ConfigureAwait(false);
        foreach (var id in ids)
        {
            db.SharingConsents.Add(new SharingConsent
            {
                EnterpriseId = id,
                RecipientKind = RecipientKinds.Bank,
                Basis = "paper",
                PaperReference = "演示数据",
                GivenAt = clock.GetUtcNow(),
                GivenBy = "system:demo",
            });
        }
        await db.SaveChangesAsync().ConfigureAwait(false);
    }
}
