using Microsoft.EntityFrameworkCore;
using Tidu.Data;

namespace Tidu.Web.Monitoring;

/// <summary>The name of the region the user's monitoring pages cover.</summary>
public static class MonitoringScope
{
    public static async Task<string> LabelAsync(TiduDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var scope = db.Scope;
        return scope.All ? "全部区域" : scope.RegionCode is { } code
            ? (await db.Regions.Where(r => r.Code == code).Select(r => r.Name).FirstOrDefaultAsync(ct).ConfigureAwait(false) ?? code)
            : "";
    }
}
