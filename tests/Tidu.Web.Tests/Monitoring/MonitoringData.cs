using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tidu.Data.Entities;
using Tidu.Domain.Regions;
using Tidu.Web.Tests.Infrastructure;

namespace Tidu.Web.Tests.Monitoring;

/// <summary>
/// Counts the monitoring tests expect, made here in memory from every stored row (the region by the shipped tree,
/// validity by the recognition's dates), and the shipped CSVs read line by line — never by the app's code.
/// </summary>
internal static class MonitoringData
{
    public static readonly string DataDir = Path.Combine(AppContext.BaseDirectory, "data");

    /// <summary>Tier titles as the UI shows them (glossary).</summary>
    public static readonly Dictionary<string, string> TierTitles = new()
    {
        ["innovative-sme"] = "创新型中小企业",
        ["specialized-sme"] = "专精特新中小企业",
        ["little-giant"] = "专精特新“小巨人”企业",
        ["hidden-champion"] = "浙江省隐形冠军企业",
        ["single-champion-enterprise"] = "制造业单项冠军示范企业",
    };

    public static DateOnly ChinaToday => TestClock.Today;

    public static List<string[]> Csv(string name) =>
        File.ReadAllLines(Path.Combine(DataDir, name)).Skip(1).Select(l => l.Split(',')).ToList();

    public static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);

    public static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);

    public static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static Task<List<Enterprise>> WithinAsync(TiduAppFixture app, string region) =>
        app.WithDbAsync(async db => (await db.Enterprises.AsNoTracking()
                .Include(e => e.TierOutcomes).Include(e => e.OutcomeHistory).Include(e => e.Recognitions).Include(e => e.Evaluation)
                .ToListAsync())
            .Where(e => RegionTree.Shipped.IsWithin(e.RegionCode, region))
            .ToList());

    /// <summary>The enterprise's stored outcome for the tier in force on the day (the latest history row on or before it), null when none.</summary>
    public static DatedTierOutcome? InForce(Enterprise e, string tier, DateOnly on) =>
        e.OutcomeHistory.Where(h => h.Tier == tier && h.AsOf <= on).MaxBy(h => h.AsOf);

    public static bool ValidOn(EnterpriseRecognition r, DateOnly on) => r.RecognizedOn <= on && (r.ValidUntil is null || r.ValidUntil >= on);

    /// <summary>Enterprises holding a valid recognition of the tier on the day.</summary>
    public static int Valid(IEnumerable<Enterprise> all, string tier, DateOnly on) =>
        all.Count(e => e.Recognitions.Any(r => r.Tier == tier && ValidOn(r, on)));

    /// <summary>Enterprises recognised for the tier between the two days (both inclusive).</summary>
    public static int New(IEnumerable<Enterprise> all, string tier, DateOnly from, DateOnly to) =>
        all.Count(e => e.Recognitions.Any(r => r.Tier == tier && r.RecognizedOn >= from && r.RecognizedOn <= to));

    /// <summary>
    /// A recognition that starts a validity on its first day: its enterprise held no valid recognition of the tier the
    /// day before, and the tier's count differs between the two days (no other enterprise's validity ended that
    /// night) — so moving the as-of date across that day must change the count.
    /// </summary>
    public static (Enterprise Enterprise, EnterpriseRecognition Recognition) FirstDayOfValidity(List<Enterprise> all) =>
        all.SelectMany(e => e.Recognitions.Select(r => (Enterprise: e, Recognition: r)))
            .Where(x => x.Recognition.RecognizedOn < ChinaToday)
            .Where(x => !x.Enterprise.Recognitions.Any(o => o.Tier == x.Recognition.Tier && ValidOn(o, x.Recognition.RecognizedOn.AddDays(-1))))
            .Where(x => Valid(all, x.Recognition.Tier, x.Recognition.RecognizedOn) != Valid(all, x.Recognition.Tier, x.Recognition.RecognizedOn.AddDays(-1)))
            .OrderBy(x => x.Recognition.RecognizedOn).ThenBy(x => x.Enterprise.CreditCode, StringComparer.Ordinal)
            .First();
}
