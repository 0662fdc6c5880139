namespace Tidu.Web.Monitoring.Report;

/// <summary>The month's pool entries and exits per tier and pool (有进有出).</summary>
public sealed class PoolMovementSection(ServiceCharts charts) : IMonthlyReportSection
{
    public const string Id = "pool-movement-in-month";

    public int Order => 60;

    public async Task<ReportSection> BuildAsync(MonthlyReportPeriod period, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(period);
        var table = await charts.PoolMovementAsync(Id, $"本月培育库进出情况（{period.From:yyyy-MM-dd}至{period.To:yyyy-MM-dd}）", period.From, period.To, ct).ConfigureAwait(false);
        return ReportSection.Tables(Id, "六、培育库动态管理", [table]);
    }
}
