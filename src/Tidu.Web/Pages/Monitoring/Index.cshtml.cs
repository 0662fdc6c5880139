using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidu.Application.Screening;
using Tidu.Data.Registry;
using Tidu.Web.Exporting;
using Tidu.Web.Monitoring;

namespace Tidu.Web.Pages.Monitoring;

/// <summary>
/// Monitoring of the user's region (officers, administrators): charts, each with its table and an XLSX export, for
/// the as-of date and year of the page's GET form (default today in China time), which the export links carry on.
/// </summary>
public sealed class IndexModel(ScopeRegions scopeRegions, MonitoringCharts charts, TimeProvider clock, ILogger<IndexModel> log) : PageModel
{
    /// <summary>The form's as-of date (yyyy-MM-dd), read as text so a bad one gets a Chinese message rather than a silent default.</summary>
    [BindProperty(SupportsGet = true, Name = "on")] public string? OnText { get; set; }

    [BindProperty(SupportsGet = true, Name = "year")] public string? YearText { get; set; }

    public IReadOnlyList<ChartData> Charts { get; private set; } = [];
    public string ScopeLabel { get; private set; } = "";
    public MonitoringPeriod Period { get; private set; } = MonitoringPeriod.Today(DateOnly.MinValue);
    public string? PeriodError { get; private set; }

    public DateOnly On => Period.On;

    public async Task OnGetAsync(CancellationToken ct)
    {
        ReadPeriod();
        Charts = await charts.BuildAsync(Period, ct).ConfigureAwait(false);
        ScopeLabel = await scopeRegions.LabelAsync(ct).ConfigureAwait(false);
    }

    public async Task<IActionResult> OnGetExportAsync(string chart, CancellationToken ct)
    {
        ReadPeriod();
        var all = await charts.BuildAsync(Period, ct).ConfigureAwait(false);
        return all.FirstOrDefault(c => c.Id == chart) is { } found
            ? File(await ChartExport.XlsxAsync(found, ct).ConfigureAwait(false), EnterpriseExport.ContentType, $"monitoring-{found.Id}-{Period.On:yyyyMMdd}.xlsx")
            : NotFound();
    }

    /// <summary>The query string of this period, for the export links.</summary>
    public string PeriodQuery => $"on={Period.On:yyyy-MM-dd}&year={Period.Year}";

    private void ReadPeriod()
    {
        var reading = MonitoringPeriod.Read(OnText, YearText, ChinaCalendar.Today(clock));
        Period = reading.Period;
        PeriodError = reading.Error;
        if (reading.Reason is { } reason)
        {
            log.LogInformation("monitoring period refused: {Reason}", reason);
        }
    }
}
