using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tidu.Application.Screening;
using Tidu.Data;
using Tidu.Data.Entities.Monitoring;
using Tidu.Domain.Display;
using Tidu.Domain.Regions;
using Tidu.Domain.Targets;
using Tidu.Rules;

namespace Tidu.Application.Monitoring;

/// <summary>
/// The charts of the monitoring page for the current user's region, for one period (as-of date and year). Every count is made by the
/// database (GROUP BY under the context's region scope); targets come from the shipped targets file, the published
/// counts from what the province imported (<see cref="OfficialCounts"/>).
/// </summary>
public sealed class MonitoringCharts(TiduDbContext db, RegionRollup rollup, RegionTree regions, RuleLibrary rules, ServiceCharts service, CountCache cache, OfficialCounts official)
{
    public const string TargetsId = "targets";
    public const string OfficialByCityId = "official-cities";
    public const string OfficialByBatchId = "official-batches";
    public const string OfficialReviewByCityId = "official-review-cities";

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
            ByRegion("qualified-by-region", $"各地区按评价达标企业数（{on:yyyy-MM-dd}）", children, used, counts, c => c.Qualified),
            await TargetsAsync(period, ct).ConfigureAwait(false),
            Funnel(tiers, counts),
            await IndustryAsync(ct).ConfigureAwait(false),
            await SizeClassAsync(ct).ConfigureAwait(false),
            await service.RequestsOnTimeAsync(ServiceCharts.RequestsOnTimeId, $"企业诉求按时答复情况（{period.YearFrom:yyyy-MM-dd}至{period.YearTo:yyyy-MM-dd}提出）", period.YearFrom, period.YearTo, ct).ConfigureAwait(false),
            await service.PoolMovementAsync(ServiceCharts.PoolMovementId, $"培育库进出情况（{period.YearFrom:yyyy-MM-dd}至{period.YearTo:yyyy-MM-dd}）", period.YearFrom, period.YearTo, ct).ConfigureAwait(false),
        };
        charts.AddRange(await OfficialAsync(period.Year, ct).ConfigureAwait(false));
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
    /// <summary>Enterprises newly recognised from <paramref name="from"/> to <paramref name="to"/> per child region and tier.</summary>
    public async Task<ChartData> NewByRegionAsync(string id, string title, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var rows = await rollup.NewRecognitionsAsync(from, to, ct).ConfigureAwait(false);
        var children = rows.Select(c => c.RegionCode).Distinct().Order(StringComparer.Ordinal).ToList();
        var tiers = rules.Tiers.Select(t => t.Id).Distinct().Where(t => rows.Any(c => c.Tier == t)).ToList();
        return new ChartData(id, title, "bar", "地区",
            children.Select(RegionName).ToList(),
            tiers.Select(t => new ChartSeries(DisplayNames.Tier(t),
                children.Select(r => (int?)rows.Where(c => c.RegionCode == r && c.Tier == t).Sum(c => c.Count)).ToList())).ToList(),
            Totals: true,
            Note: rows.Count == 0 ? "该期间没有新认定企业。" : null);
    }

    private ChartData ByRegion(string id, string title, List<string> children, List<string> tiers, IReadOnlyList<RegionTierCount> counts, Func<RegionTierCount, int> value) =>
        new(id, title, "bar", "地区",
            children.Select(RegionName).ToList(),
            tiers.Select(t => new ChartSeries(DisplayNames.Tier(t),
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
            new("按统计日期评价达标", qualified),
        };
        var reported = actuals.OfType<Target>().ToList();
        if (reported.Count > 0)
        {
            series.Add(new ChartSeries(ReferenceReportedSeries(reported), actuals.Select(a => a?.Count).ToList()));
        }
        // The provinces' published new recognitions (imported), summed over the batches up to the period's year.
        var published = (await official.ListAsync(null, ct).ConfigureAwait(false))
            .Where(c => c.Kind == OfficialCountKinds.Recognized && c.Year <= period.Year).ToList();
        var publishedSums = keys.Select(k => published.Where(c => c.ProvinceCode == k.Region && c.Tier == k.Tier).ToList()).ToList();
        if (publishedSums.Any(p => p.Count > 0))
        {
            series.Add(new ChartSeries($"参考：省级名单公布认定数（截至{period.Year}年已导入批次累计）",
                publishedSums.Select(p => p.Count == 0 ? null : (int?)p.Sum(c => c.Count)).ToList()));
        }
        var note = "目标出处：" + string.Join("；", targets.OfType<Target>().Select(t => t.Document).Distinct()) + "。“新增”类目标与有效认定数不可比，记为不适用。";
        if (reported.Count > 0)
        {
            note += "“参考”列不是本平台统计数：公开报道数出处：" + string.Join("；", reported.Select(a => a.Cite).Distinct()) + "。";
        }
        if (publishedSums.Any(p => p.Count > 0))
        {
            note += "名单公布数为省级主管部门导入的各批次认定数之和（不含复核通过），见下方各批次公布数。";
        }
        return new ChartData(TargetsId, "认定数与培育目标对比", "bar", "地区 · 梯度",
            keys.Select(k => $"{RegionName(k.Region)} · {DisplayNames.Tier(k.Tier)}").ToList(),
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
        new("funnel", "梯度培育漏斗（按统计日期评价达标）", "funnel", "梯度",
            tiers.Select(DisplayNames.Tier).ToList(),
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
            rows.Select(r => DisplayNames.SizeClass(r.SizeClass)).ToList(),
            [new ChartSeries("企业数", rows.Select(r => (int?)r.Count).ToList())],
            Totals: true);
    }

    /// <summary>
    /// Enterprises per industry section and size class, for both charts: the sums of the per-region counts the database
    /// keeps with every write of a file (<see cref="FileMixCount"/>) — a few rows per region, not a count over every
    /// file of the scope — cached like the roll-up.
    /// </summary>
    private Task<IReadOnlyList<Mix>> MixAsync(CancellationToken ct) =>
        cache.GetAsync(db.Scope, "monitoring:mix", async () =>
            (IReadOnlyList<Mix>)(await db.FileMixCounts.AsNoTracking()
                .GroupBy(c => new { c.Section, c.SizeClass })
                .Select(g => new { g.Key.Section, g.Key.SizeClass, Count = g.Sum(c => c.Files) })
                .ToListAsync(ct).ConfigureAwait(false))
                .Where(g => g.Count != 0)
                .Select(g => new Mix(g.Section, g.SizeClass == FileMixCount.NoSizeClass ? null : g.SizeClass, g.Count))
                .ToList());

    private sealed record Mix(string Section, string? SizeClass, int Count);

    /// <summary>
    /// The published counts the provinces in the user's scope imported (<see cref="OfficialCounts"/>), up to the period's
    /// year: per batch (认定 and 复核通过 side by side, never added), and per city and year for each kind, whose totals are
    /// the published totals.
    /// </summary>
    private async Task<IReadOnlyList<ChartData>> OfficialAsync(int year, CancellationToken ct)
    {
        var scope = db.Scope;
        var province = scope.All ? null : scope.RegionCode is { Length: 6 } r ? r[..2] + "0000" : null;
        if (!scope.All && province is null)
        {
            return [];
        }
        var all = (await official.ListAsync(province, ct).ConfigureAwait(false)).Where(c => c.Year <= year).ToList();
        var provinces = all.Select(c => c.ProvinceCode).Distinct().Order(StringComparer.Ordinal).ToList();
        var charts = new List<ChartData>();
        foreach (var code in provinces)
        {
            // The ids of the first tier imported are the plain ones; a province's other tiers (and other provinces) are suffixed.
            var tiers = all.Where(c => c.ProvinceCode == code).GroupBy(c => c.Tier).OrderBy(g => g.Min(c => c.Id)).Select(g => g.Key).ToList();
            foreach (var tier in tiers)
            {
                var suffix = (provinces.Count > 1 ? "-" + code : "") + (tier == tiers[0] ? "" : "-" + tier);
                var counts = all.Where(c => c.ProvinceCode == code && c.Tier == tier).ToList();
                var name = $"{RegionName(code)}{DisplayNames.Tier(tier)}";
                charts.Add(OfficialByBatch(OfficialByBatchId + suffix, name, code, tier, counts));
                charts.Add(OfficialByCity(OfficialByCityId + suffix, name, counts, OfficialCountKinds.Recognized));
                if (counts.Any(c => c.Kind == OfficialCountKinds.ReviewPassed))
                {
                    charts.Add(OfficialByCity(OfficialReviewByCityId + suffix, name, counts, OfficialCountKinds.ReviewPassed));
                }
            }
        }
        return charts;
    }

    /// <summary>Each published batch: its newly recognised and its review-passed counts (two series), the running sum of new recognitions, and the province's target.</summary>
    private static ChartData OfficialByBatch(string id, string name, string province, string tier, List<OfficialRecognitionCount> counts)
    {
        var batches = Batches(counts);
        int? Sum(PublishedBatch b, string kind) =>
            counts.Any(c => c.Year == b.Year && c.Batch == b.Batch && c.Kind == kind) ? counts.Where(c => c.Year == b.Year && c.Batch == b.Batch && c.Kind == kind).Sum(c => c.Count) : null;
        var recognized = batches.Select(b => Sum(b, OfficialCountKinds.Recognized)).ToList();
        var running = 0;
        var series = new List<ChartSeries>
        {
            new("公布认定数", recognized),
            new("公布复核通过数", batches.Select(b => Sum(b, OfficialCountKinds.ReviewPassed)).ToList()),
            new("累计认定数", recognized.Select(v => v is { } n ? running += n : (int?)null).ToList()),
        };
        var target = TargetTable.Shipped.FirstOrDefault(t => t.Kind == "target" && t.Jurisdiction.PadRight(6, '0') == province && t.Tier == tier);
        if (target is not null)
        {
            series.Add(new ChartSeries($"{target.Date.Year}年目标（{target.Document}）", batches.Select(_ => (int?)target.Count).ToList()));
        }
        return new ChartData(id, $"{name}：各批次公布数", "bar", "批次", batches.Select(b => $"{b.Year}年{b.Batch}").ToList(), series,
            Totals: false, Note: Source(counts) + "认定数与复核通过数分列，不相加；累计仅含已导入的批次。" + (target is null ? "" : $"目标为全省累计数（{target.Document}）。"),
            Missing: "—");
    }

    /// <summary>One kind of count per city (rows) and year (columns): the row totals are each city's published total, the column totals each year's.</summary>
    private ChartData OfficialByCity(string id, string name, List<OfficialRecognitionCount> counts, string kind)
    {
        var ofKind = counts.Where(c => c.Kind == kind).ToList();
        var years = ofKind.Select(c => c.Year).Distinct().Order().ToList();
        var cities = ofKind.Select(c => c.CityCode).Distinct().Order(StringComparer.Ordinal).ToList();
        var kindName = OfficialCounts.KindName(kind);
        return new ChartData(id, $"{name}：各市历年公布{kindName}数", "bar", "城市",
            cities.Select(RegionName).ToList(),
            years.Select(y => new ChartSeries($"{y}年", cities
                .Select(city => ofKind.Any(c => c.Year == y && c.CityCode == city) ? ofKind.Where(c => c.Year == y && c.CityCode == city).Sum(c => c.Count) : (int?)null)
                .ToList())).ToList(),
            Totals: true,
            Note: Source(ofKind) + $"只计“{kindName}”；“—”表示该市在该年度的名单中没有数据。",
            Missing: "—",
            TotalColumnAlways: true);
    }

    /// <summary>Where the counts come from: the documents, and who imported them when.</summary>
    private static string Source(List<OfficialRecognitionCount> counts)
    {
        var documents = counts.Select(c => c.Document).OfType<string>().Distinct().ToList();
        var latest = counts.MaxBy(c => c.ImportedAt);
        return "数据来源：省级主管部门公布的名单" + (documents.Count > 0 ? "（" + string.Join("、", documents) + "）" : "")
            + (counts.Any(c => c.Document is null) ? "，部分批次未注明文号" : "")
            + (latest is null ? "" : $"，由省级主管部门导入（最近一次 {latest.ImportedAt.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd}）") + "。";
    }

    private sealed record PublishedBatch(int Year, string Batch);

    /// <summary>The batches in the order they were published: by year, then as imported.</summary>
    private static List<PublishedBatch> Batches(List<OfficialRecognitionCount> counts) =>
        counts.GroupBy(c => new PublishedBatch(c.Year, c.Batch))
            .OrderBy(g => g.Key.Year).ThenBy(g => g.Min(c => c.Id))
            .Select(g => g.Key)
            .ToList();

    private string RegionName(string code) => regions.Find(code)?.Name ?? code;
}
