using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tidu.Application.Screening;
using Tidu.Data.Registry;
using Tidu.Web.Monitoring;
using Tidu.Web.Monitoring.Report;

namespace Tidu.Web.Pages.Monitoring;

/// <summary>
/// The printable monthly report of the user's region (/Monitoring/Report?month=yyyy-MM, default this month in China
/// time): every registered <see cref="IMonthlyReportSection"/> in order, as tables, with print styles.
/// </summary>
public sealed class ReportModel(ScopeRegions scopeRegions, IEnumerable<IMonthlyReportSection> sections, TimeProvider clock, ILogger<ReportModel> log) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "month")] public string? MonthText { get; set; }

    public MonthlyReportPeriod Period { get; private set; } = MonthlyReportPeriod.Of(2000, 1, DateOnly.MinValue);
    public string? PeriodError { get; private set; }
    public string ScopeLabel { get; private set; } = "";
    public IReadOnlyList<ReportSection> Sections { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = ChinaCalendar.Today(clock);
        var (period, error, reason) = MonthlyReportPeriod.Read(MonthText, Today);
        Period = period;
        PeriodError = error;
        if (reason is not null)
        {
            log.LogInformation("monthly report month refused: {Reason}", reason);
        }
        ScopeLabel = await scopeRegions.LabelAsync(ct).ConfigureAwait(false);
        // One after another: the sections share the request's DbContext, which runs one query at a time.
        var built = new List<ReportSection>();
        foreach (var section in sections.OrderBy(s => s.Order))
        {
            built.Add(await section.BuildAsync(Period, ct).ConfigureAwait(false));
        }
        Sections = built;
    }
}
