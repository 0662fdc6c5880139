using Microsoft.EntityFrameworkCore;
using Tidu.Data;
using Tidu.Domain.Regions;

namespace Tidu.Application.Screening;

/// <summary>A region (行政区划) a reader may see, and whether it lies within the reader's region (a filter can narrow to it) or above it.</summary>
public sealed record ScopeRegion(string Code, string Name, string? ParentCode, string Level, bool Within);

/// <summary>
/// The regions of the reader's scope, for the screening page's region filter, the overview and monitoring titles and GET
/// /api/v1/regions alike: everything for an unrestricted scope; otherwise the reader's region, the regions below it
/// (which a filter can narrow to) and those above it (named, never listed beyond the path).
/// </summary>
public sealed class ScopeRegions(TiduDbContext db, RegionTree tree)
{
    /// <summary>The name of the reader's scope: "全部区域" for everything, its region's name, or empty for a scope of no region.</summary>
    public const string Everywhere = "全部区域";

    public async Task<IReadOnlyList<ScopeRegion>> ListAsync(CancellationToken ct)
    {
        var scope = db.Scope;
        var all = await db.Regions.AsNoTracking().OrderBy(r => r.Code).ToListAsync(ct).ConfigureAwait(false);
        return [.. all
            .Select(r => (r, within: scope.All || (scope.RegionCode is { } code && tree.IsWithin(r.Code, code))))
            .Where(x => x.within || (scope.RegionCode is { } code && tree.IsWithin(code, x.r.Code)))
            .Select(x => new ScopeRegion(x.r.Code, x.r.Name, x.r.ParentCode, x.r.Level, x.within))];
    }

    /// <summary>The name of the region the reader's pages cover.</summary>
    public async Task<string> LabelAsync(CancellationToken ct)
    {
        var scope = db.Scope;
        return scope.All ? Everywhere : scope.RegionCode is { } code
            ? (await db.Regions.Where(r => r.Code == code).Select(r => r.Name).FirstOrDefaultAsync(ct).ConfigureAwait(false) ?? code)
            : "";
    }
}
