namespace Tidu.Web.Monitoring.Report;

/// <summary>The month's new recognitions per child region and tier.</summary>
public sealed class NewRecognitionsSection(MonitoringCharts charts) : IMonthlyReportSection
{
    public const string Id = "new-in-month";

    public int Order => 30;

    public async Task<ReportSection> BuildAsync(MonthlyReportPeriod period, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(period);
        var table = await charts.NewByRegionAsync(Id, $"各地区本月新认定企业数（{period.From:yyyy-MM-dd}至{period.To:yyyy-MM-dd}）", period.From, period.To, ct).ConfigureAwait(false);
        return ReportSection.Tables(Id, "三、本月新认定", [table]);
    }
}
