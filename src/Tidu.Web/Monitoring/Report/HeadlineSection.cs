using Tidu.Application;
using Tidu.Application.Monitoring;
using Tidu.Domain.Targets;
using Tidu.Rules;

namespace Tidu.Web.Monitoring.Report;

/// <summary>
/// The report's headline per tier for the user's region: recognitions valid at the month's end, new in the month,
/// the region's own target, and by the latest evaluation the qualified enterprises and the near misses (one
/// decisive check short). Counted by the database under the region scope.
/// </summary>
public sealed class HeadlineSection(IActorSource actors, RegionRollup rollup, RuleLibrary rules) : IMonthlyReportSection
{
    public const string Id = "headline";

    public int Order => 10;

    public async Task<ReportSection> BuildAsync(MonthlyReportPeriod period, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(period);
        var tiers = rules.Tiers.Select(t => t.Id).Distinct().ToList();
        var valid = await rollup.CountAsync(period.To, ct).ConfigureAwait(false);
        var fresh = await rollup.NewRecognitionsAsync(period.From, period.To, ct).ConfigureAwait(false);
        var leaves = await rollup.LeavesAsync(period.To, ct).ConfigureAwait(false);
        // The targets of the user's own region (a province's, a district's); the report's targets section lists those below it.
        var own = actors.Current.RegionCode is { } code
            ? TargetTable.Shipped.Where(t => t.Kind == "target" && t.Jurisdiction.PadRight(6, '0') == code).ToList()
            : [];
        var table = new ChartData(Id, "各梯度主要指标", "bar", "梯度",
            tiers.Select(Labels.Tier).ToList(),
            [
                new ChartSeries($"有效认定（{period.To:yyyy-MM-dd}）", tiers.Select(t => (int?)valid.Where(c => c.Tier == t).Sum(c => c.Recognized)).ToList()),
                new ChartSeries($"本月新认定（{period.From:MM-dd}至{period.To:MM-dd}）", tiers.Select(t => (int?)fresh.Where(c => c.Tier == t).Sum(c => c.Count)).ToList()),
                new ChartSeries("本地区目标（至2025年底）", tiers.Select(t => own.FirstOrDefault(o => o.Tier == t)?.Count).ToList()),
                new ChartSeries("按统计日期评价达标", tiers.Select(t => (int?)valid.Where(c => c.Tier == t).Sum(c => c.Qualified)).ToList()),
                new ChartSeries("差一项达标", tiers.Select(t => (int?)leaves.Where(l => l.Tier == t).Sum(l => l.NearMisses)).ToList()),
            ],
            Totals: false,
            Note: "一家企业可同时达到多个梯度，各梯度数不相加。“达标”与“差一项达标”（仅一项决定性指标未达到）按统计日期（月末）当日有效的评价统计。"
                + (own.Count > 0 ? "目标出处：" + string.Join("；", own.Select(o => o.Cite).Distinct()) + "。" : "本地区没有收录的培育目标，见下节各下级地区目标。"));
        return ReportSection.Tables(Id, "一、总体情况", [table]);
    }
}
