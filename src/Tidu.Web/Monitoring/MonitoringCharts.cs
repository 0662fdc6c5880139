using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tidu.Application.Screening;
using Tidu.Data;
using Tidu.Domain.Regions;
using Tidu.Domain.Targets;
using Tidu.Rules;

namespace Tidu.Web.Monitoring;

/// <summary>
/// The charts of the monitoring page for the current user's region, for one period (as-of date and year). Every count is made by the
/// database (GROUP BY under the context's region scope); targets and official counts come from the shipped CSVs.
/// </summary>
public sealed class MonitoringCharts(TiduDbContext db, RegionRollup rollup, RegionTree regions, RuleLibrary rules, ServiceCharts service, CountCache cache)
{
    public const string TargetsId = "targets";
    public const string OfficialByCityId = "official-cities";
    public const string OfficialByBatchId = "official-batches";

    /// <summary>The tier whose official counts data/zhejiang-specialized-recognitions.csv holds.</summary>
    private const string OfficialTier = "specialized-sme";

    /// <summary>The region whose official counts data/zhejiang-specialized-recognitions.csv holds.</summary>
    private const string ZhejiangRegion = "330000";

    public const string NewInYearId = "new-by-region";

    /// <summary>Every chart of the page for <paramref name="period"/>: valid recognitions on its date, new ones in its year, and the official batches up to its year.</summary>
    public async Task<IReadOnlyList<ChartData>> BuildAsync(MonitoringPeriod period, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(period);
        var on = period.On;
        var tiers = rules.Tiers.Select(t => t.Id).Distinct().ToList();
        var counts = await rollup.CountAsync(on, ct).ConfigureAwait(false);
        var children = counts.Select(c => c.RegionCode).Distinct().Order(StringComparer.Ordinal).ToList();
        var used = tiers.Where(t => counts.Any(c => c.Tier == t)).ToList();
        var charts = new List<ChartData>
        {
            ByRegion("recognized-by-region", $"各地区有效认定企业数（{on:yyyy-MM-dd}）", children, used, counts, c => c.Recognized),
            await NewByRegionAsync(NewInYearId, $"各地区{period.Year}年新认定企业数（{period.YearFrom:yyyy-MM-dd}至{period.YearTo:yyyy-MM-dd}）", period.YearFrom, period.YearTo, ct).ConfigureAwait(false),
            ByRegion("qualified-by-region", "各地区按最新评价达标企业数", children, used, counts, c => c.Qualified),
            await TargetsAsync(period, ct).ConfigureAwait(false),
            Funnel(tiers, counts),
            await IndustryAsync(ct).ConfigureAwait(false),
            await SizeClassAsync(ct).ConfigureAwait(false),
            await service.RequestsOnTimeAsync(ServiceCharts.RequestsOnTimeId, $"企业诉求按时答复情况（{period.YearFrom:yyyy-MM-dd}至{period.YearTo:yyyy-MM-dd}提出）", period.YearFrom, period.YearTo, ct).ConfigureAwait(false),
            await service.PoolMovementAsync(ServiceCharts.PoolMovementId, $"培育库进出情况（{period.YearFrom:yyyy-MM-dd}至{period.YearTo:yyyy-MM-dd}）", period.YearFrom, period.YearTo, ct).ConfigureAwait(false),
        };
        if (SeesZhejiang())
        {
            charts.Add(OfficialByBatch(period.Year));
            charts.Add(OfficialByCity(period.Year));
        }
        return charts;
    }

    /// <summary>Valid recognitions on <paramref name="on"/> per child region and tier (the report's distribution).</summary>
    public async Task<ChartData> RecognizedByRegionAsync(DateOnly on, CancellationToken ct)
    {
        var counts = await rollup.CountAsync(on, ct).ConfigureAwait(false);
        var children = counts.Select(c => c.RegionCode).Distinct().Order(StringComparer.Ordinal).ToList();
        var used = rules.Tiers.Select(t => t.Id).Distinct().Where(t => counts.Any(c => c.Tier == t && c.Recognized > 0)).ToList();
        return ByRegion("recognized-by-region", $"各地区有效认定企业数（{on:yyyy-MM-dd}）", children, used, counts, c => c.Recognized);
    }

    /// <summary>Whether the user's region holds Zhejiang's official counts (the whole country or a Zhejiang region).</summary>
    private bool SeesZhejiang()
    {
        var scope = db.Scope;
        return scope.All || scope.RegionCode?.StartsWith("33", StringComparison.Ordinal) == true;
    }

    /// <summary>Enterprises newly recognised from <paramref name="from"/> to <paramref name="to"/> per child region and tier.</summary>
    public async Task<ChartData> NewByRegionAsync(string id, string title, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var rows = await rollup.NewRecognitionsAsync(from, to, ct).ConfigureAwait(false);
        var children = rows.Select(c => c.RegionCode).Distinct().Order(StringComparer.Ordinal).ToList();
        var tiers = rules.Tiers.Select(t => t.Id).Distinct().Where(t => rows.Any(c => c.Tier == t)).ToList();
        return new ChartData(id, title, "bar", "地区",
            children.Select(RegionName).ToList(),
            tiers.Select(t => new ChartSeries(Labels.Tier(t),
                children.Select(r => (int?)rows.Where(c => c.RegionCode == r && c.Tier == t).Sum(c => c.Count)).ToList())).ToList(),
            Totals: true,
            Note: rows.Count == 0 ? "该期间没有新认定企业。" : null);
    }

    private ChartData ByRegion(string id, string title, List<string> children, List<string> tiers, IReadOnlyList<RegionTierCount> counts, Func<RegionTierCount, int> value) =>
        new(id, title, "bar", "地区",
            children.Select(RegionName).ToList(),
            tiers.Select(t => new ChartSeries(Labels.Tier(t),
                children.Select(r => (int?)counts.Where(c => c.RegionCode == r && c.Tier == t).Sum(value)).ToList())).ToList(),
            Totals: true);

    /// <summary>
    /// The shipped targets of the user's region and the regions below it, beside what the database counts there on
    /// the period's date, and two references that are not Tidu's counts: the reported actuals of data/targets.csv
    /// (浙江省2024年《若干意见》, shown once their date has come) and, for Zhejiang's specialized SMEs, the official batches'
    /// new recognitions up to the period's year.
    /// </summary>
    public async Task<ChartData> TargetsAsync(MonitoringPeriod period, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(period);
        var on = period.On;
        var scope = db.Scope;
        bool InScope(string region) => scope.All || (scope.RegionCode is { } code && regions.IsWithin(region, code));
        var rows = TargetTable.Shipped
            .Where(t => t.Kind == "target" || (t.Kind == "actual" && t.Date <= on))
            .Where(t => InScope(Region(t)))
            .ToList();
        // One line per region and tier, in file order: the targets first, then actuals without a target.
        var keys = rows.Select(t => (Region: Region(t), t.Tier)).Distinct().ToList();
        var targets = keys.Select(k => rows.FirstOrDefault(t => t.Kind == "target" && Region(t) == k.Region && t.Tier == k.Tier)).ToList();
        var actuals = keys.Select(k => rows.Where(t => t.Kind == "actual" && Region(t) == k.Region && t.Tier == k.Tier).MaxBy(t => t.Date)).ToList();
        // A target's region may be the user's own, a child or a grandchild: each is a sum of the leaves within it.
        var leaves = await rollup.LeavesAsync(on, ct).ConfigureAwait(false);
        List<LeafTierCount> Within(string region, string tier) => leaves.Where(l => l.Tier == tier && l.Within(region)).ToList();
        // A target of new recognitions ("新增…") is not comparable with the recognitions valid on a date.
        var recognized = keys.Select((k, i) => targets[i]?.Scope == "new" ? null : (int?)Within(k.Region, k.Tier).Sum(l => l.Recognized)).ToList();
        var qualified = keys.Select(k => (int?)Within(k.Region, k.Tier).Sum(l => l.Qualified)).ToList();
        var series = new List<ChartSeries>
        {
            new("目标（至2025年底）", targets.Select(t => t?.Count).ToList()),
            new($"有效认定（{on:yyyy-MM-dd}）", recognized),
            new("按最新评价达标", qualified),
        };
        var reported = actuals.OfType<Target>().ToList();
        if (reported.Count > 0)
        {
            series.Add(new ChartSeries(ReferenceReportedSeries(reported), actuals.Select(a => a?.Count).ToList()));
        }
        var official = OfficialRecognitionCounts.Shipped.Where(c => c.Kind == "recognized" && c.Year <= period.Year).ToList();
        var officialRow = keys.FindIndex(k => k.Region == ZhejiangRegion && k.Tier == OfficialTier);
        if (officialRow >= 0 && official.Count > 0)
        {
            series.Add(new ChartSeries($"参考：省级名单公布新认定（{official.Min(c => c.Year)}—{official.Max(c => c.Year)}年所列批次累计）",
                keys.Select((_, i) => i == officialRow ? (int?)official.Sum(c => c.Count) : null).ToList()));
        }
        var note = "目标出处：" + string.Join("；", targets.OfType<Target>().Select(t => t.Document).Distinct()) + "。“新增”类目标与有效认定数不可比，记为不适用。";
        if (reported.Count > 0)
        {
            note += "“参考”列不是本平台统计数：公开报道数出处：" + string.Join("；", reported.Select(a => a.Cite).Distinct()) + "。";
        }
        if (officialRow >= 0 && official.Count > 0)
        {
            note += "名单公布数为浙江省经信厅所列各批次新认定数之和（data/zhejiang-specialized-recognitions.csv），宁波市不在名单中。";
        }
        return new ChartData(TargetsId, "认定数与培育目标对比", "bar", "地区 · 梯度",
            keys.Select(k => $"{RegionName(k.Region)} · {Labels.Tier(k.Tier)}").ToList(),
            series,
            Totals: false,
            Note: note);
    }

    /// <summary>The header of the reported actuals: labelled as a reference, with the day they were counted.</summary>
    private static string ReferenceReportedSeries(List<Target> reported)
    {
        var dates = reported.Select(a => a.Date).Distinct().Order().ToList();
        return $"参考：公开报道已培育数（截至{string.Join("、", dates.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))}）";
    }

    /// <summary>A target's region code: the CSV writes provinces and cities short (33, 42).</summary>
    private static string Region(Target t) => t.Jurisdiction.PadRight(6, '0');

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
    public async Task<ChartData> IndustryAsync(CancellationToken ct)
    {
        var rows = (await MixAsync(ct).ConfigureAwait(false))
            .GroupBy(m => m.Section)
            .Select(g => (Section: g.Key, Count: g.Sum(m => m.Count)))
            .OrderBy(r => r.Section, StringComparer.Ordinal)
            .ToList();
        return new ChartData("industry", "行业门类分布", "bar", "行业门类",
            rows.Select(r => r.Section).ToList(),
            [new ChartSeries("企业数", rows.Select(r => (int?)r.Count).ToList())],
            Totals: true);
    }

    /// <summary>Enterprises per size class of their latest evaluation (无法判定 when the data did not allow it).</summary>
    public async Task<ChartData> SizeClassAsync(CancellationToken ct)
    {
        string[] order = ["large", "medium", "small", "micro"];
        var rows = (await MixAsync(ct).ConfigureAwait(false))
            .GroupBy(m => m.SizeClass)
            .Select(g => (SizeClass: g.Key, Count: g.Sum(m => m.Count)))
            .OrderBy(r => r.SizeClass is null ? order.Length : Array.IndexOf(order, r.SizeClass))
            .ToList();
        return new ChartData("size-class", "企业规模分布", "pie", "企业规模",
            rows.Select(r => Labels.SizeClass(r.SizeClass)).ToList(),
            [new ChartSeries("企业数", rows.Select(r => (int?)r.Count).ToList())],
            Totals: true);
    }

    /// <summary>Enterprises per industry section and size class: one GROUP BY for both charts, cached like the roll-up.</summary>
    private Task<IReadOnlyList<Mix>> MixAsync(CancellationToken ct) =>
        cache.GetAsync(db.Scope, "monitoring:mix", async () =>
            (IReadOnlyList<Mix>)(await db.Enterprises.AsNoTracking()
                .GroupBy(e => new { Section = e.IndustryCode.Substring(0, 1), e.Evaluation!.SizeClass })
                .Select(g => new { g.Key.Section, g.Key.SizeClass, Count = g.Count() })
                .ToListAsync(ct).ConfigureAwait(false))
                .Select(g => new Mix(g.Section, g.SizeClass, g.Count))
                .ToList());

    private sealed record Mix(string Section, string? SizeClass, int Count);

    /// <summary>The official count of each published batch, the running sum of new recognitions, and the seed-000 target.</summary>
    private static ChartData OfficialByBatch(int year)
    {
        var batches = Batches(year);
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
    private static ChartData OfficialByCity(int year)
    {
        var batches = Batches(year);
        var cities = OfficialRecognitionCounts.Shipped.Where(c => c.Year <= year).Select(c => (c.RegionCode, c.City)).Distinct().OrderBy(c => c.RegionCode, StringComparer.Ordinal).ToList();
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

    /// <summary>The published batches of <paramref name="year"/> and before.</summary>
    private static List<PublishedBatch> Batches(int year) =>
        OfficialRecognitionCounts.Shipped
            .Where(c => c.Year <= year)
            .GroupBy(c => (c.Year, c.Batch, c.Kind))
            .Select(g => new PublishedBatch(g.Key.Year, g.Key.Batch, g.Key.Kind, g.Sum(c => c.Count)))
            .ToList(); // in file order: the CSV lists batches chronologically

    private string RegionName(string code) => regions.Find(code)?.Name ?? code;
}
