using Shouldly;
using Tidu.Rules.Versions;
using Xunit;

namespace Tidu.Rules.Tests.Versions;

/// <summary>
/// The diff of the national versions against the differences the texts state (63号 附件2/附件3 for the 2022 measures,
/// section 8 for the 2026 revision). Items are named by the fact they read and the threshold the text gives —
/// not by the ids of the rule files — so the test holds however the files name their checks.
/// </summary>
public sealed class RuleDiffTests
{
    private static readonly RuleCatalog Catalog = RuleCatalog.LoadDefault();

    private static RuleDiffResult Diff(string id, string from, string to)
    {
        Catalog.TryFind(id, null, out var set, out var error).ShouldBeTrue(error);
        return RuleDiff.Compare(set!.VersionOn(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture))!,
            set.VersionOn(DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture))!);
    }

    /// <summary>"fact op value", e.g. "nicheMarketYears ge 3": what a check requires, independent of its id.</summary>
    private static string Requirement(RuleItem check)
    {
        var op = new[] { "ge", "gt", "le", "lt", "is", "in", "notIn" }.Single(o => check.Field(o) is not null);
        return $"{check.Fact} {op} {check.Field(op)}";
    }

    private static IEnumerable<(string Before, string After)> ValueChangedChecks(RuleDiffResult d) =>
        d.Changed.Where(c => c.ValueChanged && c.After.Category == "check").Select(c => (Requirement(c.Before), Requirement(c.After)));

    [Fact]
    public void Specialized_sme_2022_to_2026_changes_exactly_the_niche_years_and_the_revenue_threshold_with_both_citations()
    {
        var d = Diff("specialized-sme", "2026-03-31", "2026-04-01");
        d.SameVersion.ShouldBeFalse();
        d.From.VersionId.ShouldBe("2022");
        d.To.VersionId.ShouldBe("2026");
        // 63号 附件2 一（一） → 2号: C1 niche market ≥ 2 years → ≥ 3 full years; C3 revenue ≥ 1000 → ≥ 1500.
        ValueChangedChecks(d).ShouldBe([("nicheMarketYears ge 2", "nicheMarketYears ge 3"), ("operatingRevenue ge 1000", "operatingRevenue ge 1500")], ignoreOrder: true);
        foreach (var c in d.Changed.Where(c => c.ValueChanged && c.After.Category == "check"))
        {
            c.Before.Cite.ShouldNotBeNull().ShouldContain("工信部企业〔2022〕63号");
            c.After.Cite.ShouldNotBeNull().ShouldContain("工信部企业〔2026〕2号");
        }
    }

    [Fact]
    public void Specialized_sme_2026_keeps_the_rd_financing_and_main_product_thresholds()
    {
        var d = Diff("specialized-sme", "2026-03-31", "2026-04-01");
        // 63号 附件2 一（二）/二（三） and 2号: R&D ≥ 100 and ≥ 3% (now each year), financing ≥ 2000, main product > 50% — same numbers.
        var kept = d.Changed.Where(c => c.After.Category == "check" && !c.ValueChanged).Select(c => Requirement(c.After)).ToList();
        kept.ShouldBe(["rdExpense ge 100", "rdRatio ge 0.03", "sumOverYears(years=2, field=newQualifiedEquityFinancing) ge 2000", "mainProductRevenueShare gt 0.5"], ignoreOrder: true);
    }

    [Fact]
    public void Specialized_sme_2026_adds_the_new_hard_conditions()
    {
        var d = Diff("specialized-sme", "2026-03-31", "2026-04-01");
        var added = d.Added.Where(i => i.Category == "check").Select(Requirement).ToList();
        // 工信部企业〔2026〕2号: base rung held; each of Y−1 and Y for R&D; main business ≥ 80%; debt ≤ 80%; class-I IP applied ≥ 1
        // with its exemptions; market position; quality score ≥ 50.
        added.ShouldContain("rdExpense(year=-1) ge 100");
        added.ShouldContain("rdRatio(year=-1) ge 0.03");
        added.ShouldContain("mainBusinessShare ge 0.8");
        added.ShouldContain("debtRatio le 0.8");
        added.ShouldContain("ipClassIApplied ge 1");
        added.ShouldContain("marketPositionLeading is true");
        added.ShouldContain("qualityEvaluationScore ge 50");
        added.ShouldContain("holdsRecognition(tier=innovative-sme) is true");
        added.ShouldContain("honorCount(kinds=[tech-sme]) ge 1");
        added.ShouldContain("rdInstitution in [provincial, national]");
        added.Count.ShouldBe(11);
    }

    [Fact]
    public void Specialized_sme_2026_removes_the_100_point_score_and_the_direct_conditions()
    {
        var d = Diff("specialized-sme", "2026-03-31", "2026-04-01");
        // 63号 附件2 三: 13 indicators in four dimensions (25 + 25 + 15 + 35); 2号: all gone, with the direct conditions.
        d.Removed.Count(i => i.Category == "indicator" && i.Parent is null).ShouldBe(13);
        d.Removed.Where(i => i.Category == "dimension").Select(i => i.Field("max")).ShouldBe(["25", "25", "15", "35"], ignoreOrder: true);
        d.To.Items.ShouldNotContain(i => i.Category == "indicator" || i.Category == "dimension");
        var removed = d.Removed.Where(i => i.Category == "check" && i.Section == "qualify").Select(Requirement).ToList();
        removed.ShouldContain("score ge 60");
        removed.ShouldContain("averageOverYears(years=2, field=rdExpense) ge 1000");
        removed.ShouldContain("sumOverYears(years=2, field=newQualifiedEquityFinancing) ge 6000");
        removed.ShouldContain("honorCount(kinds=[provincial-st-award], withinYears=3, maxRank=3) ge 1");
        removed.ShouldContain("honorCount(kinds=[national-st-award], withinYears=3, maxRank=5) ge 1");
        removed.ShouldContain("honorCount(kinds=[chuangke-top500, chuangke-top50], withinYears=3) ge 1");
        removed.ShouldContain("operatingRevenue lt 1000"); // the financing route no longer needs revenue below 1000
    }

    [Fact]
    public void Little_giant_2022_to_2026_changes_exactly_the_thresholds_the_revision_changes()
    {
        var d = Diff("little-giant", "2026-03-31", "2026-04-01");
        // 63号 附件3 → 2号: main business ≥ 70% → ≥ 90%; debt ≤ 70% → ≤ 75%; class-I IP applied ≥ 2 → ≥ 4;
        // R&D over the last 2 years ≥ 3000 (the small-revenue route) → ≥ 1200.
        ValueChangedChecks(d).ShouldBe(
        [
            ("mainBusinessShare ge 0.7", "mainBusinessShare ge 0.9"),
            ("debtRatio le 0.7", "debtRatio le 0.75"),
            ("ipClassIApplied ge 2", "ipClassIApplied ge 4"),
            ("sumOverYears(years=2, field=rdExpense) ge 3000", "sumOverYears(years=2, field=rdExpense) ge 1200"),
        ], ignoreOrder: true);
        var niche = d.Changed.Single(c => c.After.Fact == "nicheMarketYears");
        niche.ValueChanged.ShouldBeFalse(); // ≥ 3 years in both
        niche.Before.Cite.ShouldNotBeNull().ShouldContain("63号 附件3");
        niche.After.Cite.ShouldNotBeNull().ShouldContain("2号");
    }

    [Fact]
    public void Little_giant_2026_drops_the_soft_conditions_and_adds_growth_market_and_quality_score()
    {
        var d = Diff("little-giant", "2026-03-31", "2026-04-01");
        var removed = d.Removed.Where(i => i.Category == "check").Select(i => i.Fact).ToList();
        // 2号: "No longer hard conditions: information system, certifications, own brand, R&D institution, 创客中国";
        // average growth ≥ 5% becomes compound growth of operating revenue.
        removed.ShouldContain("coreBusinessOnInformationSystem");
        removed.ShouldContain("certificationCount");
        removed.ShouldContain("developedMarketProductCertification");
        removed.ShouldContain("ownBrand");
        removed.ShouldContain("rdInstitution");
        removed.ShouldContain("honorCount(kinds=[chuangke-top50], withinYears=3)");
        removed.ShouldContain("averageMainBusinessGrowth(years=2)");
        var added = d.Added.Where(i => i.Category == "check").Select(Requirement).ToList();
        added.ShouldContain("operatingRevenueGrowthFactor(years=2) ge 1.1025");
        added.ShouldContain("qualityEvaluationScore ge 60");
        added.ShouldContain("internationalMarketShare ge 0.1");
        added.ShouldContain("domesticMarketRank le 3");
        // Revenue ≥ 5000 is now a condition of its own, directly under the root (in 2022 only an edge of the R&D table).
        d.To.Items.ShouldContain(i => i.Category == "check" && i.Parent == d.To.Items[0].Id && Requirement(i) == "operatingRevenue ge 5000");
    }

    [Theory]
    [InlineData("specialized-sme", "2023-01-01", "2026-03-31")]
    [InlineData("little-giant", "2026-04-01", "2030-12-31")]
    [InlineData("size-class", "2012-01-01", "2030-01-01")]
    public void The_same_version_on_both_dates_has_no_differences(string id, string from, string to)
    {
        var d = Diff(id, from, to);
        d.SameVersion.ShouldBeTrue();
        d.Changed.ShouldBeEmpty();
        d.Added.ShouldBeEmpty();
        d.Removed.ShouldBeEmpty();
        d.VersionChanges.ShouldBeEmpty();
        d.Unchanged.ShouldBe(d.From.Items.Count);
    }

    [Fact]
    public void Basic_conditions_2026_carry_the_2022_conditions_over_unchanged()
    {
        // 2号 "meets the basic conditions": only the version's citation differs.
        var d = Diff("basic-conditions", "2026-03-31", "2026-04-01");
        d.Changed.ShouldAllBe(c => !c.ValueChanged);
        d.Added.ShouldBeEmpty();
        d.Removed.ShouldBeEmpty();
        d.VersionChanges.Select(c => c.Name).ShouldContain("cite");
    }
}
