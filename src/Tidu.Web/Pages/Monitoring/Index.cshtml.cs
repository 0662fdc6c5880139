using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tidu.Data;
using Tidu.Data.Registry;
using Tidu.Web.Exporting;
using Tidu.Web.Monitoring;

namespace Tidu.Web.Pages.Monitoring;

/// <summary>Monitoring of the user's region (officers, administrators): charts, each with its table and an XLSX export.</summary>
public sealed class IndexModel(TiduDbContext db, MonitoringCharts charts, TimeProvider clock) : PageModel
{
    public IReadOnlyList<ChartData> Charts { get; private set; } = [];
    public string ScopeLabel { get; private set; } = "";
    public DateOnly On { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        On = ChinaCalendar.Today(clock);
        Charts = await charts.BuildAsync(On, ct).ConfigureAwait(false);
        var scope = db.Scope;
        ScopeLabel = scope.All ? "全部区域" : scope.RegionCode is { } code
            ? (await db.Regions.Where(r => r.Code == code).Select(r => r.Name).FirstOrDefaultAsync(ct).ConfigureAwait(false) ?? code)
            : "";
    }

    public async Task<IActionResult> OnGetExportAsync(string chart, CancellationToken ct)
    {
        var all = await charts.BuildAsync(ChinaCalendar.Today(clock), ct).ConfigureAwait(false);
        return all.FirstOrDefault(c => c.Id == chart) is { } found
            ? File(await ChartExport.XlsxAsync(found, ct).ConfigureAwait(false), EnterpriseExport.ContentType, $"monitoring-{found.Id}.xlsx")
            : NotFound();
    }
}
