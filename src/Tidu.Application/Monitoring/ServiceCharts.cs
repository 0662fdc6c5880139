using Microsoft.EntityFrameworkCore;
using Tidu.Application.Dynamic;
using Tidu.Application.Screening;
using Tidu.Data;
using Tidu.Data.Entities.Dynamic;
using Tidu.Domain.Display;
using Tidu.Domain.Regions;

namespace Tidu.Application.Monitoring;

/// <summary>
/// The service charts of the dashboard and the monthly report: requests answered on time per child region and month
/// raised, and pool movement (entries and exits) per month, tier and pool. Grouped by the database under the
/// context's region scope, for a span of days (the dashboard's year up to its as-of date, the report's month).
/// </summary>
public sealed class ServiceCharts(TiduDbContext db, RegionRollup rollup, RegionTree regions, CountCache cache)
{
    public const string RequestsOnTimeId = "requests-on-time";
    public const string PoolMovementId = "pool-movement";

    public const string RaisedSeries = "提出诉求";
    public const string AnsweredSeries = "已答复";
    public const string OnTimeSeries = "按时答复";
    public const string OnTimeShare = "按时答复率";
    public const string EntriesSeries = "入库";
    public const string ExitsSeries = "出库";

    /// <summary>
    /// Requests raised from <paramref name="from"/> to <paramref name="to"/> per child region and month raised: how
    /// many were raised, answered by <paramref name="to"/>, and answered on time (first reply on or before the first
    /// deadline, as GET /api/v1/requests/stats counts), and the on-time share of those raised.
    /// </summary>
    public async Task<ChartData> RequestsOnTimeAsync(string id, string title, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var level = (int)rollup.Children();
        var rows = await cache.GetAsync(db.Scope, $"monitoring:requests:{from:yyyy-MM-dd}:{to:yyyy-MM-dd}", () => db.EnterpriseRequests.AsNoTracking()
            .Where(r => r.SubmittedOn >= from && r.SubmittedOn <= to)
            .Select(r => new
            {
                Region = level == 0 ? r.Enterprise.ProvinceCode : level == 1 ? (r.Enterprise.CityCode ?? r.Enterprise.RegionCode) : r.Enterprise.RegionCode,
                r.SubmittedMonth,
                r.FirstRepliedOn,
                r.FirstDueOn,
            })
            .GroupBy(x => new { x.Region, x.SubmittedMonth })
            .Select(g => new
            {
                g.Key.Region,
                g.Key.SubmittedMonth,
                Raised = g.Count(),
                Answered = g.Count(x => x.FirstRepliedOn != null && x.FirstRepliedOn <= to),
                OnTime = g.Count(x => x.FirstRepliedOn != null && x.FirstRepliedOn <= to && x.FirstRepliedOn <= x.FirstDueOn),
            })
            .ToListAsync(ct)).ConfigureAwait(false);
        rows = rows.OrderBy(r => r.SubmittedMonth).ThenBy(r => r.Region, StringComparer.Ordinal).ToList();
        return new ChartData(id, title, "bar", "地区 · 提出月份",
            rows.Select(r => $"{RegionName(r.Region)} · {r.SubmittedMonth / 100:D4}-{r.SubmittedMonth % 100:D2}").ToList(),
            [
                new ChartSeries(RaisedSeries, rows.Select(r => (int?)r.Raised).ToList()),
                new ChartSeries(AnsweredSeries, rows.Select(r => (int?)r.Answered).ToList()),
                new ChartSeries(OnTimeSeries, rows.Select(r => (int?)r.OnTime).ToList()),
            ],
            Totals: true,
            Note: (rows.Count == 0 ? "该期间没有企业诉求。" : "")
                + $"按时答复指首次答复不晚于首个办理期限（升级不延长该期限）；已答复、按时答复计至{to:yyyy-MM-dd}；按时答复率 = 按时答复 ÷ 提出诉求。",
            RowTotals: false,
            Ratios: [new ChartRatio(OnTimeShare, 2, 0)]);
    }

    /// <summary>Pool entries and exits from <paramref name="from"/> to <paramref name="to"/> per month, tier and pool (rows with movement only).</summary>
    public async Task<ChartData> PoolMovementAsync(string id, string title, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var (entries, exits) = await cache.GetAsync(db.Scope, $"monitoring:pools:{from:yyyy-MM-dd}:{to:yyyy-MM-dd}", async () =>
        {
            var stays = db.PoolMemberships.AsNoTracking();
            var entered = await stays.Where(m => m.EnteredOn >= from && m.EnteredOn <= to)
                .GroupBy(m => new { m.EnteredOn.Year, m.EnteredOn.Month, m.Tier, m.Pool })
                .Select(g => new Movement(g.Key.Year, g.Key.Month, g.Key.Tier, g.Key.Pool, g.Count()))
                .ToListAsync(ct).ConfigureAwait(false);
            var exited = await stays.Where(m => m.ExitedOn != null && m.ExitedOn >= from && m.ExitedOn <= to)
                .GroupBy(m => new { m.ExitedOn!.Value.Year, m.ExitedOn.Value.Month, m.Tier, m.Pool })
                .Select(g => new Movement(g.Key.Year, g.Key.Month, g.Key.Tier, g.Key.Pool, g.Count()))
                .ToListAsync(ct).ConfigureAwait(false);
            return (entered, exited);
        }).ConfigureAwait(false);
        var keys = entries.Concat(exits).Select(m => (m.Year, m.Month, m.Tier, m.Pool)).Distinct()
            .OrderBy(k => k.Year).ThenBy(k => k.Month).ThenBy(k => k.Tier, StringComparer.Ordinal).ThenBy(k => k.Pool).ToList();
        int? Count(List<Movement> list, (int Year, int Month, string Tier, CultivationPool Pool) k) =>
            list.Where(m => m.Year == k.Year && m.Month == k.Month && m.Tier == k.Tier && m.Pool == k.Pool).Sum(m => m.Count);
        return new ChartData(id, title, "bar", "月份 · 梯度 · 培育库",
            keys.Select(k => $"{k.Year:D4}-{k.Month:D2} · {DisplayNames.Tier(k.Tier)} · {Tidu.Application.Dynamic.Pools.Label(k.Pool)}").ToList(),
            [
                new ChartSeries(EntriesSeries, keys.Select(k => Count(entries, k)).ToList()),
                new ChartSeries(ExitsSeries, keys.Select(k => Count(exits, k)).ToList()),
            ],
            Totals: true,
            Note: (keys.Count == 0 ? "该期间培育库没有进出。" : "") + "在同一梯度内转库记为原库出库、新库入库。",
            RowTotals: false);
    }

    private sealed record Movement(int Year, int Month, string Tier, CultivationPool Pool, int Count);

    private string RegionName(string code) => regions.Find(code)?.Name ?? code;
}
