using System.Globalization;
using Shouldly;
using Tidu.Domain.Profiles;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Tests.Support;
using Xunit;
using static Tidu.Rules.Tests.Support.Numbers;

namespace Tidu.Rules.Tests.SpecializedSme;

/// <summary>
/// The 13 indicators of the 2022 specialized-SME scoring table (63号 附件2), as of
/// 2026-03-31 (Y = 2025). Every band edge on both sides; bands are closed at the lower bound and open at the
/// upper bound (touching rows: the row that says "以上" takes the shared bound). Expected points are read from the table.
/// </summary>
public sealed class SpecializedSmeIndicatorTests
{
    private const string Tier = "specialized-sme";

    private static CheckResult Indicator(EnterpriseProfile p, string id) => Engine.Indicator(p, Profiles.AsOf2022Rules, Tier, id);

    private static decimal Points(EnterpriseProfile p, string id) => Indicator(p, id).Points ?? -1m;

    private static EnterpriseProfile WithMainBusiness(decimal y2023, decimal y2024, decimal y2025) =>
        Profiles.Strong()
            .WithYear(2023, f => f with { MainBusinessRevenue = y2023 })
            .WithYear(2024, f => f with { MainBusinessRevenue = y2024 })
            .WithYear(2025, f => f with { MainBusinessRevenue = y2025 });

    // ---- baseline --------------------------------------------------------------------------------------

    [Fact]
    public void Strong_profile_scores_98_of_100_with_the_dimension_split_of_the_table()
    {
        // share 0.9→5, growth 10%/10%→10, niche 11 y→5, key-results→5 (specialisation 25);
        // digital 3→5, four quality items→5, margin 12%→10, debt 40%→5 (refinement 25); local 15;
        // high-value IP→10, R&D 1452→10, staff 40%→5, provincial institution→8 (innovation 33).
        var tier = Engine.Tier(Profiles.Strong(), Profiles.AsOf2022Rules, Tier);
        tier.Score.ShouldBe(98m);
        tier.SubScores.Single(s => s.Dimension == "specialisation").Points.ShouldBe(25m);
        tier.SubScores.Single(s => s.Dimension == "refinement").Points.ShouldBe(25m);
        tier.SubScores.Single(s => s.Dimension == "local-features").Points.ShouldBe(15m);
        tier.SubScores.Single(s => s.Dimension == "innovation").Points.ShouldBe(33m);
    }

    // ---- 1 main-business share: ≥80% 5; 70–80% 3; 60–70% 1; <60% 0 -----------------------------------------

    [Theory]
    [InlineData("8000", 5)]
    [InlineData("7999.99", 3)]
    [InlineData("7000", 3)]
    [InlineData("6999.99", 1)]
    [InlineData("6000", 1)]
    [InlineData("5999.99", 0)]
    [InlineData("10000", 5)]
    [InlineData("0", 0)]
    public void Main_business_share_scores_by_closed_lower_band_edges(string mainBusiness, int points)
    {
        var p = Profiles.Strong().WithYear(2025, f => f with { OperatingRevenue = 10000m, MainBusinessRevenue = D(mainBusiness) });
        Points(p, "specialized.main-business-share").ShouldBe(points);
    }

    [Fact]
    public void Main_business_share_with_zero_operating_revenue_is_not_available_and_scores_0()
    {
        var p = Profiles.Strong().WithYear(2025, f => f with { OperatingRevenue = 0m });
        var check = Indicator(p, "specialized.main-business-share");
        check.Points.ShouldBe(0m);
        check.MissingField.ShouldNotBeNull();
    }

    // ---- 2 average main-business growth over 2 years: ≥10% 10; 8–10% 8; 6–8% 6; 4–6% 4; 0–4% 2; <0 0 --------

    [Theory]
    [InlineData("10000", "11000", "12100", 10)]   // 10%, 10%
    [InlineData("10000", "11000", "12099.99", 8)] // just below 10%
    [InlineData("10000", "10800", "11664", 8)]    // 8%, 8%
    [InlineData("10000", "10800", "11663.99", 6)]
    [InlineData("10000", "10600", "11236", 6)]    // 6%, 6%
    [InlineData("10000", "10600", "11235.99", 4)]
    [InlineData("10000", "10400", "10816", 4)]    // 4%, 4%
    [InlineData("10000", "10400", "10815.99", 2)]
    [InlineData("10000", "10000", "10000", 2)]    // 0%, 0% is in "0–4%"
    [InlineData("10000", "10000", "9999.99", 0)]  // just below 0
    public void Average_growth_scores_by_closed_lower_band_edges(string y2023, string y2024, string y2025, int points)
    {
        Points(WithMainBusiness(D(y2023), D(y2024), D(y2025)), "specialized.average-growth").ShouldBe(points);
    }

    [Theory]
    [InlineData("10000", "10000", "12000")] // 0% then 20%: mean 10% (compound would be ≈9.54%)
    [InlineData("10000", "12000", "12000")] // 20% then 0%
    public void Average_growth_is_the_mean_of_the_two_yearly_rates_not_the_compound_rate(string y2023, string y2024, string y2025)
    {
        Points(WithMainBusiness(D(y2023), D(y2024), D(y2025)), "specialized.average-growth").ShouldBe(10m);
    }

    [Fact]
    public void Average_growth_with_only_two_years_of_data_is_not_available_and_scores_0()
    {
        var strong = Profiles.Strong();
        var p = strong with { Financials = strong.Financials.Where(f => f.Year != 2023).ToList() };
        var check = Indicator(p, "specialized.average-growth");
        check.Points.ShouldBe(0m);
        check.MissingField.ShouldNotBeNull();
    }

    // ---- 3 niche years: 1 point per full 2 years, at most 5 (anniversary counting to 2026-01-01) ----------------

    [Theory]
    [InlineData("2022-01-01", 2)] // 4 full years
    [InlineData("2022-01-02", 1)] // 3 full years
    [InlineData("2024-01-01", 1)] // 2 full years
    [InlineData("2024-01-02", 0)] // 1 full year
    [InlineData("2016-01-01", 5)] // 10 full years
    [InlineData("2016-01-02", 4)] // 9 full years
    [InlineData("2010-01-01", 5)] // 16 full years → 8, capped at 5
    [InlineData("2025-06-01", 0)]
    public void Niche_years_score_one_point_per_full_two_years_capped_at_5(string since, int points)
    {
        var p = Profiles.Strong() with { NicheMarketSince = DateOnly.Parse(since, CultureInfo.InvariantCulture) };
        Points(p, "specialized.niche-years").ShouldBe(points);
    }

    [Fact]
    public void Niche_years_without_a_start_date_are_not_available_and_score_0()
    {
        var check = Indicator(Profiles.Strong() with { NicheMarketSince = null }, "specialized.niche-years");
        check.Points.ShouldBe(0m);
        check.MissingField.ShouldNotBeNull();
    }

    // ---- 4 field of the main product: key results 5; six basics etc. 3; otherwise 0 ----------------------------

    [Theory]
    [InlineData("key-results", 5)]
    [InlineData("basics", 3)]
    [InlineData("none", 0)]
    [InlineData(null, 0)]
    public void Field_scores_5_for_key_results_3_for_basics_and_0_otherwise(string? chainContribution, int points)
    {
        var p = Profiles.Strong().WithMainProduct(m => m with { ChainContribution = chainContribution });
        Points(p, "specialized.field").ShouldBe(points);
    }

    // ---- 5 digital level: level 3 or above 5; level 2 3; level 1 0 -------------------------------------------------

    [Theory]
    [InlineData(4, 5)]
    [InlineData(3, 5)]
    [InlineData(2, 3)]
    [InlineData(1, 0)]
    public void Digital_level_scores_5_from_level_3_3_at_level_2_and_0_at_level_1(int level, int points)
    {
        Points(Profiles.Strong() with { DigitalLevel = level }, "specialized.digital-level").ShouldBe(points);
    }

    [Fact]
    public void Digital_level_missing_scores_0()
    {
        Points(Profiles.Strong() with { DigitalLevel = null }, "specialized.digital-level").ShouldBe(0m);
    }

    // ---- 6 quality: 3 points per item, at most 5 ---------------------------------------------------------------

    private static EnterpriseProfile Quality(bool award = false, bool brand = false, bool standard = false, params string[] certifications) =>
        Profiles.Strong() with
        {
            Quality = new QualityInfo
            {
                ProvincialQualityAward = award,
                OwnBrand = brand,
                ManagementSystemCertifications = certifications,
                DevelopedMarketProductCertification = true,
            },
            Standards = standard ? [new StandardEntry("industry", "participant", 2023)] : [],
        };

    [Fact]
    public void Quality_with_no_item_scores_0()
    {
        Points(Quality(), "specialized.quality").ShouldBe(0m);
    }

    [Fact]
    public void Quality_award_alone_scores_3()
    {
        Points(Quality(award: true), "specialized.quality").ShouldBe(3m);
    }

    [Fact]
    public void Quality_own_brand_alone_scores_3()
    {
        Points(Quality(brand: true), "specialized.quality").ShouldBe(3m);
    }

    [Fact]
    public void Quality_standard_entry_alone_scores_3()
    {
        Points(Quality(standard: true), "specialized.quality").ShouldBe(3m);
    }

    [Fact]
    public void Quality_two_items_score_5_not_6()
    {
        Points(Quality(award: true, brand: true), "specialized.quality").ShouldBe(5m);
    }

    [Fact]
    public void Quality_four_items_score_5()
    {
        Points(Quality(true, true, true, "ISO 9001"), "specialized.quality").ShouldBe(5m);
    }

    [Theory]
    [InlineData("ISO9001", 3)]
    [InlineData("iso 9001:2015", 3)]
    [InlineData("IATF 16949", 3)]
    [InlineData("AS9100", 3)]
    [InlineData("ISO 13485:2016", 3)]
    [InlineData("GJB 9001", 3)]
    [InlineData("TL 9000", 3)]
    [InlineData("ISO14001", 0)]
    [InlineData("ISO 45001", 0)]
    [InlineData("ISO 27001:2022", 0)]
    public void Quality_counts_only_a_quality_management_system_certification(string certification, int points)
    {
        Points(Quality(false, false, false, certification), "specialized.quality").ShouldBe(points);
    }

    [Fact]
    public void Quality_several_qms_certifications_are_one_item()
    {
        Points(Quality(false, false, false, "ISO 9001", "IATF 16949"), "specialized.quality").ShouldBe(3m);
    }

    // ---- 7 net margin: ≥10% 10; 8–10% 8; 6–8% 6; 4–6% 4; 2–4% 2; <2% 0 -----------------------------------------

    [Theory]
    [InlineData("1000", 10)]
    [InlineData("999.99", 8)]
    [InlineData("800", 8)]
    [InlineData("799.99", 6)]
    [InlineData("600", 6)]
    [InlineData("599.99", 4)]
    [InlineData("400", 4)]
    [InlineData("399.99", 2)]
    [InlineData("200", 2)]
    [InlineData("199.99", 0)]
    [InlineData("-500", 0)]
    public void Net_margin_scores_by_closed_lower_band_edges(string netProfit, int points)
    {
        var p = Profiles.Strong().WithYear(2025, f => f with { OperatingRevenue = 10000m, NetProfit = D(netProfit) });
        Points(p, "specialized.net-margin").ShouldBe(points);
    }

    // ---- 8 debt ratio: <50% 5; 50–60% 3; 60–70% 1; ≥70% 0 ------------------------------------------------------

    [Theory]
    [InlineData("9999.99", 5)]  // just under 50%
    [InlineData("10000", 3)]    // exactly 50% → "50–60%"
    [InlineData("11999.99", 3)]
    [InlineData("12000", 1)]    // exactly 60% → "60–70%"
    [InlineData("13999.99", 1)]
    [InlineData("14000", 0)]    // exactly 70% → "70%以上"
    [InlineData("0", 5)]
    public void Debt_ratio_scores_by_closed_lower_band_edges(string liabilities, int points)
    {
        var p = Profiles.Strong().WithYear(2025, f => f with { TotalAssets = 20000m, TotalLiabilities = D(liabilities) });
        Points(p, "specialized.debt-ratio").ShouldBe(points);
    }

    [Fact]
    public void Debt_ratio_with_zero_total_assets_is_not_available_and_scores_0_not_5()
    {
        var p = Profiles.Strong().WithYear(2025, f => f with { TotalAssets = 0m, TotalLiabilities = 0m });
        var check = Indicator(p, "specialized.debt-ratio");
        check.Points.ShouldBe(0m);
        check.MissingField.ShouldNotBeNull();
    }

    [Fact]
    public void Net_margin_with_net_profit_missing_is_not_available_and_scores_0()
    {
        var p = Profiles.Strong().WithYear(2025, f => f with { NetProfit = null });
        var check = Indicator(p, "specialized.net-margin");
        check.Points.ShouldBe(0m);
        check.MissingField.ShouldNotBeNull();
    }

    // ---- 9 local features: the province's points as given; absent → 0 --------------------------------------------

    [Theory]
    [InlineData("15", "15")]
    [InlineData("7.5", "7.5")]
    [InlineData("0", "0")]
    public void Local_feature_score_passes_through(string given, string points)
    {
        Points(Profiles.Strong() with { LocalFeatureScore = D(given) }, "specialized.local-features").ShouldBe(D(points));
    }

    [Fact]
    public void Local_feature_score_absent_scores_0()
    {
        var check = Indicator(Profiles.Strong() with { LocalFeatureScore = null }, "specialized.local-features");
        check.Points.ShouldBe(0m);
        check.Defaulted.ShouldBeTrue();
    }

    // ---- 10 IP: high-value Ⅰ 10; self-developed Ⅰ 8; Ⅰ 6; Ⅱ 2; none 0 ----------------------------------------------

    [Theory]
    [InlineData(1, 1, 1, 1, 10)]
    [InlineData(1, 1, 0, 1, 8)]
    [InlineData(1, 0, 0, 1, 6)]
    [InlineData(0, 0, 0, 1, 2)]
    [InlineData(0, 0, 0, 0, 0)]
    public void Ip_scores_by_the_best_class_held(int classI, int selfDeveloped, int highValue, int classII, int points)
    {
        var p = Profiles.Strong() with
        {
            IntellectualProperty = new IntellectualProperty
            {
                ClassI = classI,
                ClassISelfDeveloped = selfDeveloped,
                ClassIHighValue = highValue,
                ClassII = classII,
                ClassIApplied = classI,
                InventionPatents = 0,
            },
        };
        Points(p, "specialized.ip").ShouldBe(points);
    }

    [Fact]
    public void Ip_absent_counts_as_none_and_scores_0()
    {
        Points(Profiles.Strong() with { IntellectualProperty = null }, "specialized.ip").ShouldBe(0m);
    }

    // ---- 11 R&D input: better of amount (500/400/300/200/100) and ratio (10/8/6/4/3%) --------------------------

    [Theory]
    [InlineData("500", 10)]
    [InlineData("499.99", 8)]
    [InlineData("400", 8)]
    [InlineData("399.99", 6)]
    [InlineData("300", 6)]
    [InlineData("299.99", 4)]
    [InlineData("200", 4)]
    [InlineData("199.99", 2)]
    [InlineData("100", 2)]
    [InlineData("99.99", 0)]
    public void Rd_input_amount_bands_when_the_ratio_scores_nothing(string rd, int points)
    {
        // Revenue 100000: every amount here is at most 0.5% of revenue, below the lowest ratio band.
        var p = Profiles.Strong().WithYear(2025, f => f with { OperatingRevenue = 100000m, RdExpense = D(rd) });
        Points(p, "specialized.rd-input").ShouldBe(points);
    }

    [Theory]
    [InlineData("90", 10)]    // 10%
    [InlineData("89.99", 8)]
    [InlineData("72", 8)]     // 8%
    [InlineData("71.99", 6)]
    [InlineData("54", 6)]     // 6%
    [InlineData("53.99", 4)]
    [InlineData("36", 4)]     // 4%
    [InlineData("35.99", 2)]
    [InlineData("27", 2)]     // 3%
    [InlineData("26.99", 0)]
    public void Rd_input_ratio_bands_when_the_amount_scores_nothing(string rd, int points)
    {
        // Revenue 900: every amount here is below 100, the lowest amount band.
        var p = Profiles.Strong().WithYear(2025, f => f with { OperatingRevenue = 900m, RdExpense = D(rd) });
        Points(p, "specialized.rd-input").ShouldBe(points);
    }

    [Theory]
    [InlineData("1000", "300", 10)]  // amount 6, ratio 30% → 10
    [InlineData("10000", "450", 8)]  // amount 8, ratio 4.5% → 4
    [InlineData("5000", "150", 2)]   // amount 2, ratio 3% → 2
    public void Rd_input_takes_the_better_of_amount_and_ratio(string revenue, string rd, int points)
    {
        var p = Profiles.Strong().WithYear(2025, f => f with { OperatingRevenue = D(revenue), RdExpense = D(rd) });
        Points(p, "specialized.rd-input").ShouldBe(points);
    }

    // ---- 12 R&D staff ratio: ≥20% 5; 10–20% 3; 5–10% 1; <5% 0 ------------------------------------------------

    [Theory]
    [InlineData(40, 5)]
    [InlineData(39, 3)]
    [InlineData(20, 3)]
    [InlineData(19, 1)]
    [InlineData(10, 1)]
    [InlineData(9, 0)]
    public void Rd_staff_ratio_scores_by_closed_lower_band_edges(int rdStaff, int points)
    {
        var p = Profiles.Strong().WithYear(2025, f => f with { Employees = 200, RdStaff = rdStaff });
        Points(p, "specialized.rd-staff").ShouldBe(points);
    }

    [Fact]
    public void Rd_staff_ratio_with_zero_employees_is_not_available_and_scores_0()
    {
        var p = Profiles.Strong().WithYear(2025, f => f with { Employees = 0, RdStaff = 0 });
        var check = Indicator(p, "specialized.rd-staff");
        check.Points.ShouldBe(0m);
        check.MissingField.ShouldNotBeNull();
    }

    // ---- 13 R&D institution: national 10; provincial 8; city 4; below city 2; none 0 ---------------------------

    [Theory]
    [InlineData("national", 10)]
    [InlineData("provincial", 8)]
    [InlineData("city", 4)]
    [InlineData("below-city", 2)]
    [InlineData("none", 0)]
    [InlineData(null, 0)]
    public void Rd_institution_scores_by_level(string? level, int points)
    {
        Points(Profiles.Strong() with { RdInstitution = level }, "specialized.rd-institution").ShouldBe(points);
    }
}
