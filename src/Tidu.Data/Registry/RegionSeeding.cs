using Microsoft.EntityFrameworkCore;
using Tidu.Domain.Regions;

namespace Tidu.Data.Registry;

/// <summary>The region table the enterprise files refer to: every region of the tree that is not stored yet is added (audited).</summary>
public static class RegionSeeding
{
    public static async Task EnsureAsync(TiduDbContext db, RegionTree tree, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(tree);
        var known = (await db.Regions.Select(r => r.Code).ToListAsync(ct).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        foreach (var r in tree.All.Where(r => !known.Contains(r.Code)))
        {
            db.Regions.Add(new Entities.Region { Code = r.Code, Name = r.Name, ParentCode = r.Parent, Level = r.Level });
        }
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }
}
