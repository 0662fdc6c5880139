using System.Text.Json.Nodes;
using Shouldly;
using Tidu.Domain.Profiles;
using Tidu.Rules.Gaps;
using Tidu.Rules.Tests.Support;
using Xunit;
using static Tidu.Rules.Tests.Support.Profiles;

namespace Tidu.Rules.Tests.Gaps;

/// <summary>
/// Gaps of hand-built variants of <see cref="Profiles.Strong"/> (which qualifies everywhere), with the needed
/// values worked out from the measures (工信部企业〔2022〕63号): e.g. R&amp;D ratio ≥ 3% of revenue 12100 ⇒ R&amp;D expense ≥ 363.
/// </summary>
public sealed class GapExampleTests
{
    private static readonly GapAnalyzer Analyzer = new(Engine.Evaluator);

    private static readonly DateOnly FirstDayOf2026Rules = new(2026, 4, 1);

    private static decimal Num(JsonNode? n) => n!.GetValue<decimal>();

    [Theory]
    [InlineData("2026-03-31", "specialized-sme", "specialized.c2.rd-ratio")]
    [InlineData("2026-04-01", "specialized-sme", "specialized.rd.ratio-y")]
    [InlineData("2026-04-01", "little-giant", "little-giant.rd.ratio-y")]
    public void Rd_ratio_below_3_percent_needs_rd_expense_of_3_percent_of_revenue(string date, string tier, string check)
    {
        var asOf = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
        var profile = Strong().WithYear(2025, f => f with { RdExpense = 300m });
        var gap = Analyzer.Analyze(profile, asOf, tier);
        gap.Qualified.ShouldBeFalse();
        gap.Reachable.ShouldBeTrue(gap.Note);
        var change = gap.Changes.ShouldHaveSingleItem();
        change.Check.ShouldBe(check);
        change.Path.ShouldBe("/financials/2/rdExpense");
        Num(change.Current).ShouldBe(300m);
        Num(change.Needed).ShouldBe(363m); // 3% × 12100
        change.Unit.ShouldBe("万元");
        change.Effort.ShouldBe(Effort.Actionable);
    }

    [Fact]
    public void Money_is_rounded_up_to_the_cent_that_really_passes()
    {
        // 3% × 12100.5 = 363.015 → 363.01 fails, 363.02 passes.
        var profile = Strong().WithYear(2025, f => f with { RdExpense = 300m, OperatingRevenue = 12100.5m });
        var change = Analyzer.Analyze(profile, AsOf2022Rules, "specialized-sme").Changes.ShouldHaveSingleItem();
        Num(change.Needed).ShouldBe(363.02m);
    }

    [Fact]
    public void A_strict_share_threshold_needs_one_step_above_it()
    {
        // 主导产品收入占比超过50%: exactly 0.5 fails; the nearest passing share is 0.5001.
        var profile = Strong().WithMainProduct(m => m with { RevenueShare = 0.5m });
        var change = Analyzer.Analyze(profile, AsOf2022Rules, "specialized-sme").Changes.ShouldHaveSingleItem();
        change.Path.ShouldBe("/mainProduct/revenueShare");
        Num(change.Needed).ShouldBe(0.5001m);
    }

    [Fact]
    public void A_ceiling_is_met_by_lowering_the_numerator_to_it()
    {
        // 2022 little giant: debt ratio ≤ 70% of assets 20000 ⇒ liabilities ≤ 14000.
        var profile = Strong().WithYear(2025, f => f with { TotalLiabilities = 14500m });
        var gap = Analyzer.Analyze(profile, AsOf2022Rules, "little-giant");
        var change = gap.Changes.ShouldHaveSingleItem();
        change.Path.ShouldBe("/financials/2/totalLiabilities");
        Num(change.Needed).ShouldBe(14000m);
        gap.Reachable.ShouldBeTrue();
    }

    [Fact]
    public void Missing_count_is_raised_to_the_threshold_and_class_i_with_it()
    {
        // 2026 little giant: ≥ 4 applied class-I items; class I holds its subsets, so it rises to 4 too.
        var profile = Strong() with { IntellectualProperty = new IntellectualProperty { ClassI = 2, ClassIApplied = 1, ClassIHighValue = 1 }, Honors = [] };
        var gap = Analyzer.Analyze(profile, FirstDayOf2026Rules, "little-giant");
        gap.Reachable.ShouldBeTrue(gap.Note);
        Num(gap.Changes.Single(c => c.Path == "/intellectualProperty/classIApplied").Needed).ShouldBe(4m);
        Num(gap.Changes.Single(c => c.Path == "/intellectualProperty/classI").Needed).ShouldBe(4m);
    }

    [Fact]
    public void Years_in_the_niche_market_are_a_time_blocker_with_the_earliest_date()
    {
        // Since 2024-06-01: 1 full year at the end of 2025; 2 full years (C1) at the end of 2026 ⇒ evaluations from 2027-01-01.
        var profile = Strong() with { NicheMarketSince = new DateOnly(2024, 6, 1) };
        var gap = Analyzer.Analyze(profile, AsOf2022Rules, "specialized-sme");
        gap.Reachable.ShouldBeFalse();
        gap.Verified.ShouldBeTrue();
        gap.Changes.ShouldBeEmpty();
        var blocker = gap.Blockers.ShouldHaveSingleItem();
        blocker.Kind.ShouldBe(BlockerKind.Time);
        blocker.Check.ShouldBe("specialized.c1");
        blocker.Earliest.ShouldBe(new DateOnly(2027, 1, 1));
        gap.Note.ShouldContain("2027-01-01");
    }

    [Theory]
    [InlineData("2026-06-30", "specialized-sme", "specialized.niche-years")]
    [InlineData("2026-06-30", "little-giant", "little-giant.niche-years")]
    [InlineData("2026-03-31", "specialized-sme", "specialized.c1")]
    public void Class_i_subsets_the_input_already_gives_above_class_i_are_left_as_given(string date, string tier, string check)
    {
        // The input counts 8 applied class-I items but only 5 class-I items (its own inconsistency); the tier fails only
        // on the years in the niche market (since 2025-01-02: under 2 and under 3 full years). The time blocker is the
        // whole gap: no change to class I is proposed, since the plan raised no subset.
        var asOf = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
        var profile = Strong() with
        {
            NicheMarketSince = new DateOnly(2025, 1, 2),
            IntellectualProperty = Strong().IntellectualProperty! with { ClassI = 5, ClassIApplied = 8 },
        };
        var gap = Analyzer.Analyze(profile, asOf, tier);
        gap.Changes.ShouldBeEmpty();
        var blocker = gap.Blockers.ShouldHaveSingleItem();
        blocker.Kind.ShouldBe(BlockerKind.Time);
        blocker.Check.ShouldBe(check);
        gap.Verified.ShouldBeTrue(gap.Note);
    }

    [Theory]
    [InlineData("2026-03-31")]
    [InlineData("2026-04-01")]
    public void A_missing_prerequisite_is_a_step_with_its_own_gap(string date)
    {
        var asOf = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
        var profile = Strong() with { Recognitions = [Strong().Recognitions![0]] }; // innovative SME only
        var results = Analyzer.AnalyzeWithPrerequisites(profile, asOf, "little-giant");
        results.Select(r => r.Tier).ShouldBe(["specialized-sme", "little-giant"]);
        results[0].Qualified.ShouldBeTrue();
        var gap = results[1];
        gap.Reachable.ShouldBeFalse();
        gap.Changes.ShouldBeEmpty();
        var blocker = gap.Blockers.ShouldHaveSingleItem();
        blocker.Kind.ShouldBe(BlockerKind.Prerequisite);
        blocker.Tier.ShouldBe("specialized-sme");
        blocker.PrerequisiteQualified.ShouldBe(true);
        gap.Note.ShouldContain("请先申报");
    }

    [Fact]
    public void A_large_enterprise_is_blocked_by_its_size_class()
    {
        // Industry: employees ≥ 1000 and revenue ≥ 40000 ⇒ large, not an SME.
        var profile = Strong().WithYear(2025, f => f with { Employees = 1200, OperatingRevenue = 50000m, MainBusinessRevenue = 45000m, RdExpense = 6000m });
        var gap = Analyzer.Analyze(profile, AsOf2022Rules, "specialized-sme");
        gap.Reachable.ShouldBeFalse();
        gap.Verified.ShouldBeFalse();
        gap.Blockers.ShouldContain(b => b.Kind == BlockerKind.SizeClass && b.Check == "basic.sme");
    }

    [Fact]
    public void A_score_gap_is_closed_by_raising_indicators_and_verified()
    {
        // Innovative SME without a direct condition (no honours, a city-level institution, no financing) and no IP,
        // R&D ratio 1% (5 points): innovation 5 < 20 — the scored route needs at least 15 more innovation points.
        var profile = Strong().WithYear(2025, f => f with { RdExpense = 121m }) with
        {
            Honors = [],
            RdInstitution = "city",
            IntellectualProperty = new IntellectualProperty { ClassI = 0, ClassIApplied = 0, ClassII = 0, ClassIHighValue = 0, ClassISelfDeveloped = 0 },
        };
        var before = Engine.Tier(profile, AsOf2022Rules, "innovative-sme");
        before.Qualified.ShouldBeFalse();
        before.SubScores.Single(s => s.Dimension == "innovation").Points.ShouldBe(5m);
        var gap = Analyzer.Analyze(profile, AsOf2022Rules, "innovative-sme");
        gap.Reachable.ShouldBeTrue(gap.Note);
        gap.Changes.ShouldAllBe(c => c.Effort == Effort.Actionable);
        Engine.Tier(InputPatch.Apply(profile, gap.Changes), AsOf2022Rules, "innovative-sme").SubScores.Single(s => s.Dimension == "innovation").Points.ShouldBeGreaterThanOrEqualTo(20m);
    }

    [Fact]
    public void A_qualified_tier_has_no_changes()
    {
        var gap = Analyzer.Analyze(Strong(), AsOf2026Rules, "little-giant");
        gap.Qualified.ShouldBeTrue();
        gap.Reachable.ShouldBeTrue();
        gap.Changes.ShouldBeEmpty();
        gap.Blockers.ShouldBeEmpty();
    }
}
