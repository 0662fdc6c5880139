namespace Tidu.Web.Monitoring.Report;

/// <summary>Where the region's enterprises are: valid recognitions per child region at the month's end, industry sections and size classes.</summary>
public sealed class DistributionSection(MonitoringCharts charts) : IMonthlyReportSection
{
    public const string Id = "distribution";

    public int Order => 40;

    public async Task<ReportSection> BuildAsync(MonthlyReportPeriod period, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(period);
        var byRegion = await charts.RecognizedByRegionAsync(period.To, ct).ConfigureAwait(false);
        return ReportSection.Tables(Id, "四、分布情况",
            [
                byRegion,
                await charts.IndustryAsync(ct).ConfigureAwait(false),
                await charts.SizeClassAsync(ct).ConfigureAwait(false),
            ],
            note: "行业与规模按企业最新评价及登记信息统计，不随月份回溯。");
    }
}
