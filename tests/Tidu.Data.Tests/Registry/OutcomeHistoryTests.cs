using CsCheck;
using Shouldly;
using Tidu.Data.Entities;
using Tidu.Data.Entities.Monitoring;
using Tidu.Data.Registry;
using Xunit;

namespace Tidu.Data.Tests.Registry;

/// <summary>
/// The roll-up's changes, added up, equal a recount of the evaluation history on every day, after any sequence of
/// evaluations — forward, back-dated, repeated on one date, moving the file to another region, dropping a tier. The
/// recount here reads the history rows directly: for each tier, the row in force on the day (the latest on or before
/// it), counted in that row's region.
/// </summary>
public sealed class OutcomeHistoryTests
{
    private static readonly string[] Tiers = ["innovative-sme", "specialized-sme"];
    private static readonly (string Province, string? City, string Region)[] Regions =
        [("330000", "330100", "330102"), ("330000", "330100", "330105"), ("420000", "420100", "420102"), ("429000", null, "429004")];
    private static readonly DateOnly First = new(2026, 1, 1);

    /// <summary>One evaluation: its date (day offset), region, and per tier an outcome (0 fail, 1 near miss, 2 qualified, 3 not evaluated).</summary>
    private sealed record Step(int Day, int Region, int[] Outcomes);

    private static readonly Gen<Step> StepGen =
        Gen.Select(Gen.Int[0, 12], Gen.Int[0, Regions.Length - 1], Gen.Int[0, 3].Array[Tiers.Length], (d, r, o) => new Step(d, r, o));

    [Fact]
    public void Added_up_changes_equal_a_recount_of_the_history_on_every_day() =>
        Gen.Select(StepGen.List[1, 12], StepGen.List[0, 12], (a, b) => (a, b)).Sample(steps =>
        {
            // Two enterprises, so changes of one never cancel the other's by accident of a shared key.
            var enterprises = new[] { New(1), New(2) };
            var written = new List<TierDayCount>();
            foreach (var (e, list) in new[] { (enterprises[0], steps.a), (enterprises[1], steps.b) })
            {
                foreach (var s in list)
                {
                    var (province, city, region) = Regions[s.Region];
                    e.ProvinceCode = province;
                    e.CityCode = city;
                    e.RegionCode = region;
                    var states = Tiers.Select((t, i) => (Tier: t, Outcome: s.Outcomes[i]))
                        .Where(x => x.Outcome != 3)
                        .Select(x => new TierState(x.Tier, x.Tier + "@2026", x.Outcome == 2, x.Outcome >= 1, x.Outcome * 10m))
                        .ToList();
                    OutcomeHistory.Record(e, First.AddDays(s.Day), states);
                    written.AddRange(e.PendingCounts);
                    e.PendingCounts.Clear();
                }
            }
            var history = enterprises.SelectMany(e => e.OutcomeHistory).ToList();
            // Never two rows for one enterprise, tier and date (the table's key).
            history.GroupBy(h => (h.EnterpriseId, h.Tier, h.AsOf)).ShouldAllBe(g => g.Count() == 1);
            for (var day = First.AddDays(-1); day <= First.AddDays(13); day = day.AddDays(1))
            {
                var d = day;
                var rolled = written.Where(c => c.Day <= d)
                    .GroupBy(c => (c.RegionCode, c.Tier))
                    .Select(g => (g.Key, Q: g.Sum(c => c.Qualified), N: g.Sum(c => c.NearMisses)))
                    .Where(x => x.Q != 0 || x.N != 0)
                    .ToDictionary(x => x.Key, x => (x.Q, x.N));
                var recount = history.GroupBy(h => (h.EnterpriseId, h.Tier))
                    .Select(g => g.Where(h => h.AsOf <= d).OrderBy(h => h.AsOf).LastOrDefault())
                    .Where(h => h is not null && (h.Qualified || h.NearMiss))
                    .GroupBy(h => (h!.RegionCode, h.Tier))
                    .ToDictionary(g => g.Key, g => (Q: g.Count(h => h!.Qualified), N: g.Count(h => !h!.Qualified)));
                rolled.OrderBy(x => x.Key).ToList().ShouldBe(recount.OrderBy(x => x.Key).ToList(), $"on {d}");
            }
        }, iter: 2000);

    [Fact]
    public void A_repeated_outcome_adds_no_row_and_no_change()
    {
        var e = New(1);
        var state = new TierState("specialized-sme", "specialized-sme@2026", true, false, 80m);
        OutcomeHistory.Record(e, First, [state]);
        e.PendingCounts.Sum(c => c.Qualified).ShouldBe(1);
        e.PendingCounts.Clear();
        OutcomeHistory.Record(e, First.AddDays(30), [state]);
        e.OutcomeHistory.Count.ShouldBe(1);
        e.PendingCounts.ShouldBeEmpty();
        // The same outcome under another rule version is a new row (the history is per version), and no count change.
        OutcomeHistory.Record(e, First.AddDays(60), [state with { RuleVersion = "specialized-sme@2022" }]);
        e.OutcomeHistory.Count.ShouldBe(2);
        e.PendingCounts.ShouldBeEmpty();
    }

    private static Enterprise New(long id) => new()
    {
        Id = id,
        CreditCode = $"91330102MA00000{id:D3}",
        Name = "测试",
        RegionCode = "330102",
        ProvinceCode = "330000",
        CityCode = "330100",
        IndustryCode = "C3484",
        Attributes = "{}",
    };
}
