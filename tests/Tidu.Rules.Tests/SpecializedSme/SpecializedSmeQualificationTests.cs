using System.Globalization;
using Shouldly;
using Tidu.Domain.Profiles;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Tests.Support;
using Xunit;
using static Tidu.Rules.Tests.Support.Numbers;

namespace Tidu.Rules.Tests.SpecializedSme;

/// <summary>
/// Qualification of the specialized SME: the 2022 conditions C1–C4 and the main product (63号
/// 附件2 二 and 附件4, as of 2026-03-31), and every condition of the 2026 revision (2号, as of 2026-06-30).
/// Conditions read the words as 民法典 第1259条 does (以上/不低于 include the number, 超过 excludes it).
/// </summary>
public sealed class SpecializedSmeQualificationTests
{
    private const string Tier = "specialized-sme";

    private static DateOnly Date(string s) => DateOnly.Parse(s, CultureInfo.InvariantCulture);

    private static CheckResult Check2022(EnterpriseProfile p, string id) => Engine.Check(p, Profiles.AsOf2022Rules, Tier, id);

    private static CheckResult Check2026(EnterpriseProfile p, string id) => Engine.Check(p, Profiles.AsOf2026Rules, Tier, id);

    private static bool Qualified2022(EnterpriseProfile p) => Engine.Tier(p, Profiles.AsOf2022Rules, Tier).Qualified;

    private static bool Qualified2026(EnterpriseProfile p) => Engine.Tier(p, Profiles.AsOf2026Rules, Tier).Qualified;

    /// <summary>
    /// Meets C1–C3 and the basic conditions but scores 50 + localFeatureScore and has no direct condition:
    /// revenue 5000 each year, main business 4000 (share 80% → 5, growth 0/0 → 2), R&amp;D 150 (3%: amount 2,
    /// ratio 2 → 2; 2-year average 150), net profit 100 (2% → 2), debt 80% → 0, staff 50/250 (20% → 5),
    /// city-level institution → 4; niche 11 years → 5, key results → 5, digital 3 → 5, quality → 5,
    /// high-value IP → 10. No financing, no S&amp;T award, no 创客中国.
    /// </summary>
    private static EnterpriseProfile Score50(decimal localFeatureScore = 0m) => Profiles.Strong() with
    {
        Financials =
        [
            Profiles.Year(2023, 5000m, 4000m, 150m, 100m, 10000m, 8000m, 250, 50, inputIndex: 0),
            Profiles.Year(2024, 5000m, 4000m, 150m, 100m, 10000m, 8000m, 250, 50, inputIndex: 1),
            Profiles.Year(2025, 5000m, 4000m, 150m, 100m, 10000m, 8000m, 250, 50, inputIndex: 2),
        ],
        RdInstitution = "city",
        LocalFeatureScore = localFeatureScore,
    };

    private static EnterpriseProfile WithHonor(EnterpriseProfile p, Honor honor) => p with { Honors = [.. p.Honors ?? [], honor] };

    // ======================================== 2022 ========================================

    [Fact]
    public void Score50_base_scores_exactly_50_and_has_no_direct_condition()
    {
        var tier = Engine.Tier(Score50(), Profiles.AsOf2022Rules, Tier);
        tier.Score.ShouldBe(50m);
        tier.Qualified.ShouldBeFalse();
        tier.Checks.Single(c => c.Id == "specialized.c4").Passed.ShouldBeFalse();
        tier.Checks.Single(c => c.Id == "specialized.c1").Passed.ShouldBeTrue();
        tier.Checks.Single(c => c.Id == "specialized.c2").Passed.ShouldBeTrue();
        tier.Checks.Single(c => c.Id == "specialized.c3").Passed.ShouldBeTrue();
        tier.Checks.Single(c => c.Id == "specialized.main-product").Passed.ShouldBeTrue();
    }

    // ---- C1 niche ≥ 2 years (full years to 2026-01-01) ----

    [Theory]
    [InlineData("2024-01-01", true)]  // 2 full years
    [InlineData("2024-01-02", false)] // 1 full year
    [InlineData("2023-06-01", true)]
    [InlineData("2025-01-01", false)]
    public void C1_needs_2_full_years_in_the_niche_market(string since, bool passes)
    {
        var p = Profiles.Strong() with { NicheMarketSince = Date(since) };
        Check2022(p, "specialized.c1").Passed.ShouldBe(passes);
        Qualified2022(p).ShouldBe(passes);
    }

    [Fact]
    public void C1_fails_when_the_niche_start_is_missing()
    {
        var check = Check2022(Profiles.Strong() with { NicheMarketSince = null }, "specialized.c1");
        check.Passed.ShouldBeFalse();
        check.MissingField.ShouldNotBeNull();
    }

    // ---- C2 R&D ≥ 100 and R&D / revenue ≥ 3% ----

    [Theory]
    [InlineData("100", true)]
    [InlineData("99.99", false)]
    public void C2_needs_rd_expense_of_at_least_100(string rd, bool passes)
    {
        // Revenue 3000: 100 is 3.33%, 99.99 is 3.33% — only the amount decides.
        var p = Profiles.Strong().WithYear(2025, f => f with { OperatingRevenue = 3000m, MainBusinessRevenue = 2700m, RdExpense = D(rd) });
        Check2022(p, "specialized.c2.rd-expense").Passed.ShouldBe(passes);
        Check2022(p, "specialized.c2.rd-ratio").Passed.ShouldBeTrue();
        Check2022(p, "specialized.c2").Passed.ShouldBe(passes);
    }

    [Theory]
    [InlineData("363", true)]     // exactly 3% of 12100
    [InlineData("362.99", false)]
    public void C2_needs_rd_ratio_of_at_least_3_percent(string rd, bool passes)
    {
        var p = Profiles.Strong().WithYear(2025, f => f with { RdExpense = D(rd) });
        Check2022(p, "specialized.c2.rd-ratio").Passed.ShouldBe(passes);
        Check2022(p, "specialized.c2.rd-expense").Passed.ShouldBeTrue();
        Check2022(p, "specialized.c2").Passed.ShouldBe(passes);
        Qualified2022(p).ShouldBe(passes);
    }

    // ---- C3 revenue ≥ 1000, or revenue < 1000 and financing over 2024–2025 ≥ 2000 ----

    [Theory]
    [InlineData("1000", "0", "0", true)]
    [InlineData("999.99", "0", "0", false)]
    [InlineData("999.99", "1000", "1000", true)]
    [InlineData("999.99", "1000", "999.99", false)]
    [InlineData("999.99", "0", "2000", true)]
    public void C3_needs_revenue_of_1000_or_financing_of_2000_over_the_last_2_years(string revenue, string financing2024, string financing2025, bool passes)
    {
        var p = Profiles.Strong()
            .WithYear(2024, f => f with { NewQualifiedEquityFinancing = D(financing2024) })
            .WithYear(2025, f => f with { OperatingRevenue = D(revenue), MainBusinessRevenue = D(revenue) * 0.9m, RdExpense = 100m, NewQualifiedEquityFinancing = D(financing2025) });
        Check2022(p, "specialized.c3").Passed.ShouldBe(passes);
    }

    [Fact]
    public void C3_financing_of_2023_is_outside_the_last_2_years()
    {
        var p = Profiles.Strong()
            .WithYear(2023, f => f with { NewQualifiedEquityFinancing = 5000m })
            .WithYear(2025, f => f with { OperatingRevenue = 999.99m, MainBusinessRevenue = 900m, RdExpense = 100m });
        Check2022(p, "specialized.c3").Passed.ShouldBeFalse();
    }

    // ---- C4 score ≥ 60 or a direct condition ----

    [Theory]
    [InlineData("10", true)]
    [InlineData("9.99", false)]
    [InlineData("9", false)]
    public void C4_score_of_60_passes_and_just_below_fails(string localFeatures, bool passes)
    {
        var p = Score50(D(localFeatures));
        var tier = Engine.Tier(p, Profiles.AsOf2022Rules, Tier);
        tier.Score.ShouldBe(50m + D(localFeatures));
        tier.Checks.Single(c => c.Id == "specialized.score-total").Passed.ShouldBe(passes);
        tier.Checks.Single(c => c.Id == "specialized.c4").Passed.ShouldBe(passes);
        tier.Qualified.ShouldBe(passes);
    }

    [Theory]
    [InlineData(2023, 3, true)]
    [InlineData(2023, 1, true)]
    [InlineData(2023, 4, false)]
    [InlineData(2022, 1, false)] // older than 3 years (year ≥ 2026 − 3)
    public void C4_direct_provincial_award_needs_rank_top_3_within_3_years(int year, int rank, bool passes)
    {
        var p = WithHonor(Score50(), new Honor("provincial-st-award", year, null, rank));
        Check2022(p, "specialized.direct.provincial-award").Passed.ShouldBe(passes);
        Check2022(p, "specialized.c4").Passed.ShouldBe(passes);
        Qualified2022(p).ShouldBe(passes);
    }

    [Theory]
    [InlineData(2024, 5, true)]
    [InlineData(2024, 6, false)]
    [InlineData(2023, 5, true)]
    [InlineData(2022, 5, false)]
    public void C4_direct_national_award_needs_rank_top_5_within_3_years(int year, int rank, bool passes)
    {
        var p = WithHonor(Score50(), new Honor("national-st-award", year, null, rank));
        Check2022(p, "specialized.direct.national-award").Passed.ShouldBe(passes);
        Check2022(p, "specialized.c4").Passed.ShouldBe(passes);
        Qualified2022(p).ShouldBe(passes);
    }

    [Fact]
    public void C4_direct_provincial_award_rank_5_does_not_count_as_national()
    {
        var p = WithHonor(Score50(), new Honor("provincial-st-award", 2024, null, 5));
        Check2022(p, "specialized.c4").Passed.ShouldBeFalse();
    }

    [Theory]
    [InlineData("900", "1100", true)]      // average exactly 1000
    [InlineData("900", "1099.99", false)]
    [InlineData("1000", "1000", true)]
    public void C4_direct_average_rd_over_2_years_of_1000(string rd2024, string rd2025, bool passes)
    {
        // The score stays below 60 (R&D input becomes 10 points: 50 − 2 + 10 = 58).
        var p = Score50()
            .WithYear(2024, f => f with { RdExpense = D(rd2024) })
            .WithYear(2025, f => f with { RdExpense = D(rd2025) });
        var tier = Engine.Tier(p, Profiles.AsOf2022Rules, Tier);
        tier.Score.ShouldBe(58m);
        tier.Checks.Single(c => c.Id == "specialized.direct.rd-average").Passed.ShouldBe(passes);
        tier.Checks.Single(c => c.Id == "specialized.c4").Passed.ShouldBe(passes);
        tier.Qualified.ShouldBe(passes);
    }

    [Fact]
    public void C4_direct_average_rd_needs_both_years()
    {
        var p = Score50()
            .WithYear(2024, f => f with { RdExpense = null })
            .WithYear(2025, f => f with { RdExpense = 2000m });
        Check2022(p, "specialized.direct.rd-average").Passed.ShouldBeFalse();
    }

    [Theory]
    [InlineData("0", "3000", "3000", true)]
    [InlineData("0", "3000", "2999.99", false)]
    [InlineData("0", "0", "6000", true)]
    [InlineData("6000", "0", "0", false)] // 2023 is outside the last 2 years
    public void C4_direct_financing_over_2_years_of_6000(string f2023, string f2024, string f2025, bool passes)
    {
        var p = Score50()
            .WithYear(2023, f => f with { NewQualifiedEquityFinancing = D(f2023) })
            .WithYear(2024, f => f with { NewQualifiedEquityFinancing = D(f2024) })
            .WithYear(2025, f => f with { NewQualifiedEquityFinancing = D(f2025) });
        Check2022(p, "specialized.direct.financing").Passed.ShouldBe(passes);
        Check2022(p, "specialized.c4").Passed.ShouldBe(passes);
        Qualified2022(p).ShouldBe(passes);
    }

    [Theory]
    [InlineData("chuangke-top500", 2023, true)]
    [InlineData("chuangke-top500", 2022, false)]
    [InlineData("chuangke-top50", 2025, true)]
    [InlineData("chuangke-top50", 2022, false)]
    public void C4_direct_chuangke_top500_group_within_3_years(string kind, int year, bool passes)
    {
        var p = WithHonor(Score50(), new Honor(kind, year, null, null));
        Check2022(p, "specialized.direct.chuangke").Passed.ShouldBe(passes);
        Check2022(p, "specialized.c4").Passed.ShouldBe(passes);
        Qualified2022(p).ShouldBe(passes);
    }

    // ---- main product: revenue share > 50% (strict) ----

    [Theory]
    [InlineData("0.5", false)]
    [InlineData("0.5000001", true)]
    [InlineData("0.4999999", false)]
    public void Main_product_share_must_exceed_50_percent_2022(string share, bool passes)
    {
        var p = Profiles.Strong().WithMainProduct(m => m with { RevenueShare = D(share) });
        Check2022(p, "specialized.main-product").Passed.ShouldBe(passes);
        Qualified2022(p).ShouldBe(passes);
    }

    [Fact]
    public void Main_product_share_missing_fails_and_names_the_field_2022()
    {
        var p = Profiles.Strong().WithMainProduct(m => m with { RevenueShare = null });
        var check = Check2022(p, "specialized.main-product");
        check.Passed.ShouldBeFalse();
        check.MissingField.ShouldNotBeNull();
        check.MissingField.ShouldContain("revenueShare");
        Qualified2022(p).ShouldBeFalse();
    }

    // ======================================== 2026 ========================================

    [Fact]
    public void Score_is_null_under_2026()
    {
        var tier = Engine.Tier(Profiles.Strong(), Profiles.AsOf2026Rules, Tier);
        tier.Qualified.ShouldBeTrue();
        tier.Score.ShouldBeNull();
        tier.Checks.ShouldNotContain(c => c.Kind == "indicator");
    }

    [Fact]
    public void The_2026_version_drops_the_score_route_a_strong_score_does_not_cure_a_failed_condition()
    {
        // Debt 85% fails "≤ 80%"; under 2022 the same firm would still qualify through C1–C4.
        var p = Profiles.Strong().WithYear(2025, f => f with { TotalLiabilities = 17000m });
        Qualified2026(p).ShouldBeFalse();
        Qualified2022(p).ShouldBeTrue();
    }

    // ---- base rung: a valid tech-SME honour or a valid innovative-SME recognition, held ----

    private static EnterpriseProfile BaseRung(Honor? techSme, Recognition? innovative)
    {
        var strong = Profiles.Strong();
        var honors = strong.Honors!.Where(h => h.Kind != "tech-sme").ToList();
        var recognitions = strong.Recognitions!.Where(r => r.Tier != "innovative-sme").ToList();
        if (techSme is not null)
        {
            honors.Add(techSme);
        }
        if (innovative is not null)
        {
            recognitions.Add(innovative);
        }
        return strong with { Honors = honors, Recognitions = recognitions };
    }

    [Fact]
    public void Base_rung_met_by_a_tech_sme_honour_alone()
    {
        var p = BaseRung(new Honor("tech-sme", 2025, new DateOnly(2026, 12, 31), null), null);
        Check2026(p, "specialized.base-rung").Passed.ShouldBeTrue();
        Qualified2026(p).ShouldBeTrue();
    }

    [Fact]
    public void Base_rung_met_by_an_innovative_sme_recognition_alone()
    {
        var p = BaseRung(null, new Recognition("innovative-sme", new DateOnly(2024, 6, 1), new DateOnly(2027, 5, 31), "330000"));
        Check2026(p, "specialized.base-rung").Passed.ShouldBeTrue();
        Qualified2026(p).ShouldBeTrue();
    }

    [Fact]
    public void Base_rung_neither_held_fails_even_when_the_innovative_criteria_are_met_and_says_apply_first()
    {
        var p = BaseRung(null, null);
        Engine.Tier(p, Profiles.AsOf2026Rules, "innovative-sme").Qualified.ShouldBeTrue();
        Check2026(p, "specialized.base-rung").Passed.ShouldBeFalse();
        Check2026(p, "specialized.base-rung.innovative").Advice.ShouldNotBeNullOrWhiteSpace();
        Qualified2026(p).ShouldBeFalse();
    }

    [Theory]
    [InlineData("2026-06-30", true)]  // validUntil ≥ D
    [InlineData("2026-06-29", false)]
    public void Base_rung_tech_sme_honour_must_be_valid_on_D(string validUntil, bool passes)
    {
        var p = BaseRung(new Honor("tech-sme", 2025, Date(validUntil), null), null);
        Check2026(p, "specialized.base-rung").Passed.ShouldBe(passes);
        Qualified2026(p).ShouldBe(passes);
    }

    [Theory]
    [InlineData("2026-06-30", true)]
    [InlineData("2026-06-29", false)]
    public void Base_rung_innovative_recognition_must_be_valid_on_D(string validUntil, bool passes)
    {
        var p = BaseRung(null, new Recognition("innovative-sme", new DateOnly(2023, 7, 1), Date(validUntil), "330000"));
        Check2026(p, "specialized.base-rung").Passed.ShouldBe(passes);
        Qualified2026(p).ShouldBe(passes);
    }

    // ---- niche ≥ 3 full years (to December 31 of Y) ----

    [Theory]
    [InlineData("2023-01-01", true)]  // 3 full years
    [InlineData("2023-01-02", false)] // 2 full years
    [InlineData("2023-06-01", false)]
    public void Niche_needs_3_full_years_2026(string since, bool passes)
    {
        var p = Profiles.Strong() with { NicheMarketSince = Date(since) };
        Check2026(p, "specialized.niche-years").Passed.ShouldBe(passes);
        Qualified2026(p).ShouldBe(passes);
    }

    // ---- revenue ≥ 1500 or financing over Y−1..Y ≥ 2000 ----

    [Theory]
    [InlineData("1500", "0", "0", "0", true)]
    [InlineData("1499.99", "0", "0", "0", false)]
    [InlineData("1499.99", "0", "1000", "1000", true)]
    [InlineData("1499.99", "0", "1000", "999.99", false)]
    [InlineData("1499.99", "5000", "0", "0", false)] // 2023 is outside Y−1..Y
    public void Scale_needs_revenue_of_1500_or_financing_of_2000_2026(string revenue, string f2023, string f2024, string f2025, bool passes)
    {
        var p = Profiles.Strong()
            .WithYear(2023, f => f with { NewQualifiedEquityFinancing = D(f2023) })
            .WithYear(2024, f => f with { NewQualifiedEquityFinancing = D(f2024) })
            .WithYear(2025, f => f with { OperatingRevenue = D(revenue), MainBusinessRevenue = D(revenue) * 0.9m, RdExpense = 150m, NewQualifiedEquityFinancing = D(f2025) });
        Check2026(p, "specialized.scale").Passed.ShouldBe(passes);
    }

    // ---- main-business share ≥ 80% ----

    [Theory]
    [InlineData("9680", true)]     // exactly 80% of 12100
    [InlineData("9679.99", false)]
    public void Main_business_share_needs_80_percent_2026(string mainBusiness, bool passes)
    {
        var p = Profiles.Strong().WithYear(2025, f => f with { MainBusinessRevenue = D(mainBusiness) });
        Check2026(p, "specialized.main-business-share").Passed.ShouldBe(passes);
        Qualified2026(p).ShouldBe(passes);
    }

    // ---- debt ≤ 80% ----

    [Theory]
    [InlineData("16000", true)]     // exactly 80%
    [InlineData("16000.01", false)]
    public void Debt_ratio_must_not_exceed_80_percent_2026(string liabilities, bool passes)
    {
        var p = Profiles.Strong().WithYear(2025, f => f with { TotalLiabilities = D(liabilities) });
        Check2026(p, "specialized.debt-ratio").Passed.ShouldBe(passes);
        Qualified2026(p).ShouldBe(passes);
    }

    [Fact]
    public void Debt_ratio_with_zero_total_assets_is_not_available_and_fails_2026()
    {
        var p = Profiles.Strong().WithYear(2025, f => f with { TotalAssets = 0m, TotalLiabilities = 0m });
        var check = Check2026(p, "specialized.debt-ratio");
        check.Passed.ShouldBeFalse();
        check.MissingField.ShouldNotBeNull();
    }

    // ---- R&D ≥ 100 and ≥ 3% in each of 2024 and 2025 ----

    [Theory]
    [InlineData(2025, "100", true)]
    [InlineData(2025, "99.99", false)]
    [InlineData(2024, "100", true)]
    [InlineData(2024, "99.99", false)]
    public void Rd_expense_of_100_is_needed_in_each_of_the_last_2_years(int year, string rd, bool passes)
    {
        // Revenue 3000 in that year: 100 and 99.99 are both above 3%.
        var p = Profiles.Strong().WithYear(year, f => f with { OperatingRevenue = 3000m, MainBusinessRevenue = 2700m, RdExpense = D(rd) });
        Check2026(p, year == 2025 ? "specialized.rd.expense-y" : "specialized.rd.expense-y1").Passed.ShouldBe(passes);
        Check2026(p, "specialized.rd").Passed.ShouldBe(passes);
    }

    [Theory]
    [InlineData(2025, "363", true)]     // 3% of 12100
    [InlineData(2025, "362.99", false)]
    [InlineData(2024, "330", true)]     // 3% of 11000
    [InlineData(2024, "329.99", false)]
    public void Rd_ratio_of_3_percent_is_needed_in_each_of_the_last_2_years(int year, string rd, bool passes)
    {
        var p = Profiles.Strong().WithYear(year, f => f with { RdExpense = D(rd) });
        Check2026(p, year == 2025 ? "specialized.rd.ratio-y" : "specialized.rd.ratio-y1").Passed.ShouldBe(passes);
        Check2026(p, "specialized.rd").Passed.ShouldBe(passes);
        Qualified2026(p).ShouldBe(passes);
    }

    [Fact]
    public void Rd_of_2024_missing_fails_the_each_year_condition()
    {
        var p = Profiles.Strong().WithYear(2024, f => f with { RdExpense = null });
        Check2026(p, "specialized.rd").Passed.ShouldBeFalse();
        Qualified2026(p).ShouldBeFalse();
    }

    [Fact]
    public void Rd_of_2023_does_not_matter_in_2026()
    {
        var p = Profiles.Strong().WithYear(2023, f => f with { RdExpense = 0m });
        Check2026(p, "specialized.rd").Passed.ShouldBeTrue();
    }

    // ---- class-I IP applied ≥ 1, or an exemption ----

    private static EnterpriseProfile Ip(int applied, string? institution, params Honor[] honors)
    {
        var strong = Profiles.Strong();
        return strong with
        {
            IntellectualProperty = strong.IntellectualProperty! with { ClassIApplied = applied },
            RdInstitution = institution,
            Honors = [.. strong.Honors!, .. honors],
        };
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(0, false)]
    public void Class_i_ip_applied_of_1_without_exemption(int applied, bool passes)
    {
        var p = Ip(applied, "city");
        Check2026(p, "specialized.ip").Passed.ShouldBe(passes);
        Qualified2026(p).ShouldBe(passes);
    }

    [Theory]
    [InlineData("provincial", true)]
    [InlineData("national", true)]
    [InlineData("city", false)]
    [InlineData("below-city", false)]
    [InlineData(null, false)]
    public void Class_i_ip_exempt_with_a_provincial_or_higher_rd_institution(string? institution, bool passes)
    {
        var p = Ip(0, institution);
        Check2026(p, "specialized.ip").Passed.ShouldBe(passes);
    }

    [Theory]
    [InlineData("provincial-st-award", 2023, 3, true)]
    [InlineData("national-st-award", 2024, 1, true)]
    [InlineData("provincial-st-award", 2024, 4, false)]
    [InlineData("national-st-award", 2022, 1, false)] // older than 3 years (year ≥ 2026 − 3)
    public void Class_i_ip_exempt_with_a_provincial_or_higher_award_top_3_within_3_years(string kind, int year, int rank, bool passes)
    {
        var p = Ip(0, "city", new Honor(kind, year, null, rank));
        Check2026(p, "specialized.ip").Passed.ShouldBe(passes);
        Qualified2026(p).ShouldBe(passes);
    }

    // ---- market position leading (officer's yes/no) ----

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    [InlineData(null, false)]
    public void Market_position_must_be_verified_as_leading(bool? leading, bool passes)
    {
        var p = Profiles.Strong().WithMainProduct(m => m with { MarketPositionLeading = leading });
        Check2026(p, "specialized.market-position").Passed.ShouldBe(passes);
        Qualified2026(p).ShouldBe(passes);
    }

    // ---- quality evaluation score of 2026 ≥ 50 ----

    [Theory]
    [InlineData("50", true)]
    [InlineData("49.99", false)]
    public void Quality_score_of_the_current_year_needs_50(string score, bool passes)
    {
        var p = Profiles.Strong() with { QualityEvaluations = [new QualityEvaluation(2026, D(score)), new QualityEvaluation(2025, 90m)] };
        Check2026(p, "specialized.quality-score").Passed.ShouldBe(passes);
        Qualified2026(p).ShouldBe(passes);
    }

    [Fact]
    public void Quality_score_missing_for_2026_fails_even_with_a_2025_score()
    {
        var p = Profiles.Strong() with { QualityEvaluations = [new QualityEvaluation(2025, 90m)] };
        var check = Check2026(p, "specialized.quality-score");
        check.Passed.ShouldBeFalse();
        check.MissingField.ShouldNotBeNull();
        Qualified2026(p).ShouldBeFalse();
    }

    // ---- main product under 2026 ----

    [Theory]
    [InlineData("0.5", false)]
    [InlineData("0.5000001", true)]
    public void Main_product_share_must_exceed_50_percent_2026(string share, bool passes)
    {
        var p = Profiles.Strong().WithMainProduct(m => m with { RevenueShare = D(share) });
        Check2026(p, "specialized.main-product").Passed.ShouldBe(passes);
        Qualified2026(p).ShouldBe(passes);
    }

    [Fact]
    public void Main_product_share_missing_fails_and_names_the_field_2026()
    {
        var p = Profiles.Strong().WithMainProduct(m => m with { RevenueShare = null });
        var check = Check2026(p, "specialized.main-product");
        check.Passed.ShouldBeFalse();
        check.MissingField!.ShouldContain("revenueShare");
    }
}
