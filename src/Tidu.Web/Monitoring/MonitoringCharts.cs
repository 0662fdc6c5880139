using Microsoft.EntityFrameworkCore;
using Tidu.Data;
using Tidu.Domain.Regions;
using Tidu.Domain.Targets;
using Tidu.Rules;

namespace Tidu.Web.Monitoring;

/// <summary>
/// The charts of the monitoring page for the current user's region, on one date. Every count is made by the
/// database (GROUP BY under the context's region scope); targets and official counts come from the shipped CSVs.
/// </summary>
public sealed class MonitoringCharts(TiduDbContext db, RegionRollup rollup, RegionTree regions, RuleLibrary rules)
{
    public const string TargetsId = "targets";
    public const string OfficialByCityId = "official-cities";
    public const string OfficialByBatchId = "official-batches";

    /// <summary>The tier whose official counts data/zhejiang-specialized-recognitions.csv holds.</summary>
    private const string OfficialTier = "specialized-sme";

    public async Task<IReadOnlyList<ChartData>> BuildAsync(DateOnly on, CancellationToken ct)
    {
        var tiers = rules.Tiers.Select(t => t.Id).Distinct().ToList();
        var counts = await rollup.CountAsync(on, ct).ConfigureAwait(false);
        var children = counts.Select(c => c.RegionCode).Distinct().Order(StringComparer.Ordinal).ToList();
        var used = tiers.Where(t => counts.Any(c => c.Tier == t)).ToList();
        var charts = new List<ChartData>
        {
            ByRegion("recognized-by-region", $"各地区有效认定企业数（{on:yyyy-MM-dd}）", children, used, counts, c => c.Recognized),
            ByRegion("qualified-by-region", "各地区按最新评价达标企业数", children, used, counts, c => c.Qualified),
            await TargetsAsync(on, ct).ConfigureAwait(false),
            Funnel(tiers, counts),
            await IndustryAsync(ct).ConfigureAwait(false),
            await SizeClassAsync(ct).ConfigureAwait(false),
        };
        var scope = db.Scope;
        if (scope.All || scope.RegionCode?.StartsWith("33", StringComparison.Ordinal) == true)
        {
            charts.Add(OfficialByBatch());
            charts.Add(OfficialByCity());
        }
        return charts;
    }

    private ChartData ByRegion(string id, string title, List<string> children, List<string> tiers, IReadOnlyList<RegionTierCount> counts, Func<RegionTierCount, int> value) =>
        new(id, title, "bar", "地区",
            children.Select(RegionName).ToList(),
            tiers.Select(t => new ChartSeries(Labels.Tier(t),
                children.Select(r => (int?)counts.Where(c => c.RegionCode == r && c.Tier == t).Sum(value)).ToList())).ToList(),
            Totals: true);

    /// <summary>The shipped targets of the user's region and the regions below it, beside what the database counts there.</summary>
    private async Task<ChartData> TargetsAsync(DateOnly on, CancellationToken ct)
    {
        var scope = db.Scope;
        var targets = TargetTable.Shipped
            .Where(t => t.Kind == "target")
            .Select(t => (Target: t, Region: t.Jurisdiction.PadRight(6, '0')))
            .Where(x => scope.All || (scope.RegionCode is { } code && regions.IsWithin(x.Region, code)))
            .ToList();
        var recognized = new List<int?>();
        var qualified = new List<int?>();
        foreach (var (t, region) in targets)
        {
            // A target of new recognitions ("新增…") is not comparable with the recognitions valid on a date.
            recognized.Add(t.Scope == "cumulative" ? await rollup.RecognizedWithinAsync(region, t.Tier, on, ct).ConfigureAwait(false) : null);
            qualified.Add(await rollup.QualifiedWithinAsync(region, t.Tier, ct).ConfigureAwait(false));
        }
        return new ChartData(TargetsId, "认定数与培育目标对比", "bar", "地区 · 梯度",
            targets.Select(x => $"{RegionName(x.Region)} · {Labels.Tier(x.Target.Tier)}").ToList(),
            [
                new ChartSeries("目标（至2025年底）", targets.Select(x => (int?)x.Target.Count).ToList()),
                new ChartSeries($"有效认定（{on:yyyy-MM-dd}）", recognized),
                new ChartSeries("按最新评价达标", qualified),
            ],
            Totals: false,
            Note: "目标出处：" + string.Join("；", targets.Select(x => x.Target.Document).Distinct()) + "。“新增”类目标与有效认定数不可比，记为不适用。");
    }

    /// <summary>Enterprises qualified for each tier, in ladder order (each tier narrower than the one before).</summary>
    private static ChartData Funnel(List<string> tiers, IReadOnlyList<RegionTierCount> counts) =>
        new("funnel", "梯度培育漏斗（按最新评价达标）", "funnel", "梯度",
            tiers.Select(Labels.Tier).ToList(),
            [
                new ChartSeries("达标企业数", tiers.Select(t => (int?)counts.Where(c => c.Tier == t).Sum(c => c.Qualified)).ToList()),
                new ChartSeries("有效认定企业数", tiers.Select(t => (int?)counts.Where(c => c.Tier == t).Sum(c => c.Recognized)).ToList()),
            ],
            Totals: false);

    /// <summary>Enterprises per industry section (the letter of GB/T 4754 that begins the industry code).</summary>
    private async Task<ChartData> IndustryAsync(CancellationToken ct)
    {
        var rows = await db.Enterprises.AsNoTracking()
            .GroupBy(e => e.IndustryCode.Substring(0, 1))
            .Select(g => new { Section = g.Key, Count = g.Count() })
            .ToListAsync(ct).ConfigureAwait(false);
        rows = rows.OrderBy(r => r.Section, StringComparer.Ordinal).ToList();
        return new ChartData("industry", "行业门类分布", "bar", "行业门类",
            rows.Select(r => r.Section).ToList(),
            [new ChartSeries("企业数", rows.Select(r => (int?)r.Count).ToList())],
            Totals: true);
    }

    /// <summary>Enterprises per size class of their latest evaluation (无法判定 when the data did not allow it).</summary>
    private async Task<ChartData> SizeClassAsync(CancellationToken ct)
    {
        var rows = await db.Enterprises.AsNoTracking()
            .GroupBy(e => e.Evaluation!.SizeClass)
            .Select(g => new { SizeClass = g.Key, Count = g.Count() })
            .ToListAsync(ct).ConfigureAwait(false);
        string[] order = ["large", "medium", "small", "micro"];
        rows = rows.OrderBy(r => r.SizeClass is null ? order.Length : Array.IndexOf(order, r.SizeClass)).ToList();
        return new ChartData("size-class", "企业规模分布", "pie", "企业规模",
            rows.Select(r => Labels.SizeClass(r.SizeClass)).ToList(),
            [new ChartSeries("企业数", rows.Select(r => (int?)r.Count).ToList())],
            Totals: true);
    }

    /// <summary>The official count of each published batch, the running sum of new recognitions, and the seed-000 target.</summary>
    private static ChartData OfficialByBatch()
    {
        var batches = Batches();
        var target = TargetTable.Shipped.Single(t => t.Kind == "target" && t.Jurisdiction == "33" && t.Tier == OfficialTier);
        var running = 0;
        var cumulative = new List<int?>();
        foreach (var b in batches)
        {
            running += b.Kind == "recognized" ? b.Total : 0;
            cumulative.Add(b.Kind == "recognized" ? running : null);
        }
        return new ChartData(OfficialByBatchId, "浙江省级专精特新中小企业：各批次公布数与2025年目标", "bar", "批次",
            batches.Select(b => b.Label).ToList(),
            [
                new ChartSeries("本批数量", batches.Select(b => (int?)b.Total).ToList()),
                new ChartSeries("所列批次累计新认定", cumulative),
                new ChartSeries($"2025年目标（{target.Document}）", batches.Select(_ => (int?)target.Count).ToList()),
            ],
            Totals: false,
            Note: "数据来源：浙江省经信厅公布的各批次名单（" + string.Join("、", OfficialRecognitionCounts.Shipped.Select(c => c.Document).OfType<string>().Distinct()) + "）。累计仅含所列批次，目标为全省累计数（" + target.Cite + "）。宁波市为计划单列市，不在名单中。");
    }

    /// <summary>The official counts per city (rows) and batch (columns).</summary>
    private static ChartData OfficialByCity()
    {
        var batches = Batches();
        var cities = OfficialRecognitionCounts.Shipped.Select(c => (c.RegionCode, c.City)).Distinct().OrderBy(c => c.RegionCode, StringComparer.Ordinal).ToList();
        return new ChartData(OfficialByCityId, "浙江省级专精特新中小企业：各市各批次公布数", "bar", "城市",
            cities.Select(c => c.City).ToList(),
            batches.Select(b => new ChartSeries(b.Label, cities
                .Select(c => OfficialRecognitionCounts.Shipped.Where(x => x.Year == b.Year && x.Batch == b.Batch && x.Kind == b.Kind && x.RegionCode == c.RegionCode).Select(x => (int?)x.Count).SingleOrDefault())
                .ToList())).ToList(),
            Totals: true,
            Note: "空白表示该市在该批次名单中没有数据。");
    }

    private sealed record PublishedBatch(int Year, string Batch, string Kind, int Total)
    {
        public string Label => $"{Year}年{Batch}（{(Kind == "recognized" ? "认定" : "复核通过")}）";
    }

    private static List<PublishedBatch> Batches() =>
        OfficialRecognitionCounts.Shipped
            .GroupBy(c => (c.Year, c.Batch, c.Kind))
            .Select(g => new PublishedBatch(g.Key.Year, g.Key.Batch, g.Key.Kind, g.Sum(c => c.Count)))
            .ToList(); // in file order: the CSV lists batches chronologically

    private string RegionName(string code) => regions.Find(code)?.Name ?? code;
}
