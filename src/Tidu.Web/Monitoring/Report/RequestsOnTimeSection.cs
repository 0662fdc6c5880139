namespace Tidu.Web.Monitoring.Report;

/// <summary>The month's enterprise requests per child region: raised, answered by the month's end, answered on time, and the on-time share.</summary>
public sealed class RequestsOnTimeSection(ServiceCharts charts) : IMonthlyReportSection
{
    public const string Id = "requests-in-month";

    public int Order => 50;

    public async Task<ReportSection> BuildAsync(MonthlyReportPeriod period, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(period);
        var table = await charts.RequestsOnTimeAsync(Id, $"本月企业诉求按时答复情况（{period.From:yyyy-MM-dd}至{period.To:yyyy-MM-dd}提出）", period.From, period.To, ct).ConfigureAwait(false);
        return ReportSection.Tables(Id, "五、企业诉求办理", [table]);
    }
}
