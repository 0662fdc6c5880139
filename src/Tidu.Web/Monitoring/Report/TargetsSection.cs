namespace Tidu.Web.Monitoring.Report;

/// <summary>The dashboard's targets table (targets of the region and below, recognitions at the month's end, references) in the report.</summary>
public sealed class TargetsSection(MonitoringCharts charts) : IMonthlyReportSection
{
    public int Order => 20;

    public async Task<ReportSection> BuildAsync(MonthlyReportPeriod period, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(period);
        return ReportSection.Tables(MonitoringCharts.TargetsId, "二、目标完成情况", [await charts.TargetsAsync(period.AsOf, ct).ConfigureAwait(false)]);
    }
}
