using System.Globalization;
using Shouldly;
using Tidu.Domain.Profiles;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Tests.Support;
using Xunit;
using static Tidu.Rules.Tests.Support.Numbers;

namespace Tidu.Rules.Tests.LittleGiant;

/// <summary>
/// The little giant: 2022 measures (63号 附件3) as of 2026-03-31 and the 2026 revision
/// (section 8) as of 2026-06-30, both with Y = 2025. Each condition on both sides of its boundary
/// (民法典 第1259条: 以上/不低于/不高于 include the number, 超过 excludes it).
/// </summary>
public sealed class LittleGiantTests
{
    private const string Tier = "little-giant";

    private static DateOnly Date(string s) => DateOnly.Parse(s, CultureInfo.InvariantCulture);

    private static CheckResult Check2022(EnterpriseProfile p, string id) => Engine.Check(p, Profiles.AsOf2022Rules, Tier, id);

    private static CheckResult Check2026(EnterpriseProfile p, string id) => Engine.Check(p, Profiles.AsOf2026Rules, Tier, id);

    private static bool Qualified2022(EnterpriseProfile p) => Engine.Tier(p, Profiles.AsOf2022Rules, Tier).Qualified;

    private static bool Qualified2026(EnterpriseProfile p) => Engine.Tier(p, Profiles.AsOf2026Rules, Tier).Qualified;

    private static EnterpriseProfile WithSpecializedRecognition(EnterpriseProfile p, Recognition? specialized) =>
        p with
        {
            Recognitions = [.. p.Recognitions!.Where(r => r.Tier != "specialized-sme"), .. specialized is null ? Array.Empty<Recognition>() : [specialized]],
        };

    private static EnterpriseProfile WithHonor(EnterpriseProfile p, Honor honor) => p with { Honors = [.. p.Honors ?? [], honor] };

    // ======================================== 2022 ========================================

    // ---- must hold a specialized-SME recognition valid on D ----

    [Theory]
    [InlineData("2026-03-31", true)] // validUntil ≥ D
    [InlineData("2026-03-30", false)]
    public void Specialized_recognition_must_be_valid_on_D_2022(string validUntil, bool passes)
    {
        var p = WithSpecializedRecognition(Profiles.Strong(), new Recognition("specialized-sme", new DateOnly(2023, 4, 1), Date(validUntil), "330000"));
        Check2022(p, "little-giant.holds-specialized").Passed.ShouldBe(passes);
        Qualified2022(p).ShouldBe(passes);
    }

    [Fact]
    public void Specialized_recognition_without_end_date_is_valid_2022()
    {
        var p = WithSpecializedRecognition(Profiles.Strong(), new Recognition("specialized-sme", new DateOnly(2023, 4, 1), null, "330000"));
        Check2022(p, "little-giant.holds-specialized").Passed.ShouldBeTrue();
    }

    [Fact]
    public void Meeting_the_specialized_criteria_without_the_recognition_fails_with_advice_2022()
    {
        var p = WithSpecializedRecognition(Profiles.Strong(), null);
        Engine.Tier(p, Profiles.AsOf2022Rules, "specialized-sme").Qualified.ShouldBeTrue();
        var check = Check2022(p, "little-giant.holds-specialized");
        check.Passed.ShouldBeFalse();
        check.Advice.ShouldNotBeNullOrWhiteSpace();
        Qualified2022(p).ShouldBeFalse();
    }

    [Fact]
    public void Not_meeting_the_specialized_criteria_and_not_holding_it_gives_no_apply_first_advice_2022()
    {
        // R&D 2025 below 3% of revenue fails specialized C2.
        var p = WithSpecializedRecognition(Profiles.Strong(), null).WithYear(2025, f => f with { RdExpense = 362.99m });
        Engine.Tier(p, Profiles.AsOf2022Rules, "specialized-sme").Qualified.ShouldBeFalse();
        var check = Check2022(p, "little-giant.holds-specialized");
        check.Passed.ShouldBeFalse();
        check.Advice.ShouldBeNull();
    }

    // ---- main product: > 50% ----

    [Theory]
    [InlineData("0.5", false)]
    [InlineData("0.5000001", true)]
    public void Main_product_share_must_exceed_50_percent_2022(string share, bool passes)
    {
        var p = Profiles.Strong().WithMainProduct(m => m with { RevenueShare = D(share) });
        Check2022(p, "little-giant.main-product").Passed.ShouldBe(passes);
        Qualified2022(p).ShouldBe(passes);
    }

    // ---- specialisation ----

    [Theory]
    [InlineData("2023-01-01", true)]  // 3 full years to 2026-01-01
    [InlineData("2023-01-02", false)] // 2 full years
    public void Niche_needs_3_full_years_2022(string since, bool passes)
    {
        var p = Profiles.Strong() with { NicheMarketSince = Date(since) };
        Check2022(p, "little-giant.niche-years").Passed.ShouldBe(passes);
        Qualified2022(p).ShouldBe(passes);
    }

    [Theory]
    [InlineData("8470", true)]     // exactly 70% of 12100
    [InlineData("8469.99", false)]
    public void Main_business_share_needs_70_percent_2022(string mainBusiness2025, bool passes)
    {
        // Every year at 70% so growth stays 10%/10%: only the share of 2025 is at stake.
        var p = Profiles.Strong()
            .WithYear(2023, f => f with { MainBusinessRevenue = 7000m })
            .WithYear(2024, f => f with { MainBusinessRevenue = 7700m })
            .WithYear(2025, f => f with { MainBusinessRevenue = D(mainBusiness2025) });
        Check2022(p, "little-giant.main-business-share").Passed.ShouldBe(passes);
        Check2022(p, "little-giant.average-growth").Passed.ShouldBeTrue();
        Qualified2022(p).ShouldBe(passes);
    }

    [Theory]
    [InlineData("10000", "10500", "11025", true)]    // 5%, 5%
    [InlineData("10000", "10500", "11024.99", false)]
    [InlineData("10000", "10000", "11000", true)]    // 0% and 10%: mean 5% (compound ≈4.88%)
    [InlineData("10000", "11000", "11000", true)]    // 10% and 0%
    [InlineData("10000", "10000", "10999.99", false)]
    public void Average_growth_needs_5_percent_as_the_mean_of_two_yearly_rates_2022(string y2023, string y2024, string y2025, bool passes)
    {
        var p = Profiles.Strong()
            .WithYear(2023, f => f with { MainBusinessRevenue = D(y2023) })
            .WithYear(2024, f => f with { MainBusinessRevenue = D(y2024) })
            .WithYear(2025, f => f with { MainBusinessRevenue = D(y2025) });
        Check2022(p, "little-giant.average-growth").Passed.ShouldBe(passes);
        Qualified2022(p).ShouldBe(passes);
    }

    [Fact]
    public void Average_growth_with_two_years_of_data_is_not_available_and_fails_2022()
    {
        var strong = Profiles.Strong();
        var p = strong with { Financials = strong.Financials.Where(f => f.Year != 2023).ToList() };
        var check = Check2022(p, "little-giant.average-growth");
        check.Passed.ShouldBeFalse();
        check.MissingField.ShouldNotBeNull();
    }

    // ---- refinement ----

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    [InlineData(null, false)]
    public void Core_business_on_an_information_system_2022(bool? onSystem, bool passes)
    {
        var p = Profiles.Strong() with { CoreBusinessOnInformationSystem = onSystem };
        Check2022(p, "little-giant.information-system").Passed.ShouldBe(passes);
        Qualified2022(p).ShouldBe(passes);
    }

    [Theory]
    [InlineData("ISO 14001", false, true)] // any management system counts here
    [InlineData("ISO 9001:2015", false, true)]
    [InlineData(null, true, true)]         // developed-market product certification
    [InlineData(null, false, false)]
    public void Certification_management_system_or_developed_market_product_2022(string? certification, bool developedMarket, bool passes)
    {
        var p = Profiles.Strong() with
        {
            Quality = Profiles.Strong().Quality! with
            {
                ManagementSystemCertifications = certification is null ? [] : [certification],
                DevelopedMarketProductCertification = developedMarket,
            },
        };
        Check2022(p, "little-giant.certification").Passed.ShouldBe(passes);
        Qualified2022(p).ShouldBe(passes);
    }

    [Theory]
    [InlineData("14000", true)]     // exactly 70%
    [InlineData("14000.01", false)]
    public void Debt_ratio_must_not_exceed_70_percent_2022(string liabilities, bool passes)
    {
        var p = Profiles.Strong().WithYear(2025, f => f with { TotalLiabilities = D(liabilities) });
        Check2022(p, "little-giant.debt-ratio").Passed.ShouldBe(passes);
        Qualified2022(p).ShouldBe(passes);
    }

    [Fact]
    public void Debt_ratio_with_zero_total_assets_is_not_available_and_fails_2022()
    {
        var p = Profiles.Strong().WithYear(2025, f => f with { TotalAssets = 0m, TotalLiabilities = 0m });
        var check = Check2022(p, "little-giant.debt-ratio");
        check.Passed.ShouldBeFalse();
        check.MissingField.ShouldNotBeNull();
    }

    // ---- features ----

    [Theory]
    [InlineData("0.10", "0.05", true)]
    [InlineData("0.0999", "0.05", false)]
    [InlineData("0.05", "0.50", false)] // the 2022 text asks for the national share only
    public void National_market_share_needs_10_percent_2022(string domestic, string international, bool passes)
    {
        var p = Profiles.Strong().WithMainProduct(m => m with { DomesticMarketShare = D(domestic), InternationalMarketShare = D(international) });
        Check2022(p, "little-giant.market-share").Passed.ShouldBe(passes);
        Qualified2022(p).ShouldBe(passes);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void Own_brand_is_required_2022(bool ownBrand, bool passes)
    {
        var p = Profiles.Strong() with { Quality = Profiles.Strong().Quality! with { OwnBrand = ownBrand } };
        Check2022(p, "little-giant.own-brand").Passed.ShouldBe(passes);
        Qualified2022(p).ShouldBe(passes);
    }

    // ---- innovation, general (1): R&D by revenue band ----

    [Theory]
    // R ≥ 10000: 3% in each of 2024 and 2025 (2024 revenue 11000)
    [InlineData("10000", "300", "330", "0", "0", 100, true)]
    [InlineData("10000", "299.99", "330", "0", "0", 100, false)]
    [InlineData("10000", "300", "329.99", "0", "0", 100, false)]
    // 5000 ≤ R < 10000: 6% in each year
    [InlineData("9999.99", "600", "660", "0", "0", 100, true)]
    [InlineData("9999.99", "599.99", "660", "0", "0", 100, false)]
    [InlineData("9999.99", "600", "659.99", "0", "0", 100, false)]
    [InlineData("5000", "300", "660", "0", "0", 100, true)]
    [InlineData("5000", "299.99", "660", "0", "0", 100, false)]
    // R < 5000: financing ≥ 8000 and R&D sum ≥ 3000 and R&D staff ≥ 50%
    [InlineData("4999.99", "1500", "1500", "4000", "4000", 125, true)]
    [InlineData("4999.99", "1500", "1500", "4000", "3999.99", 125, false)]
    [InlineData("4999.99", "1500", "1499.99", "4000", "4000", 125, false)]
    [InlineData("4999.99", "1500", "1500", "4000", "4000", 124, false)]
    [InlineData("4999.99", "1500", "1500", "0", "0", 250, false)] // high ratios do not replace financing below 5000
    public void Innovation_general_1_rd_requirement_depends_on_the_revenue_band_2022(
        string revenue2025, string rd2025, string rd2024, string financing2024, string financing2025, int rdStaff2025, bool passes)
    {
        var p = Profiles.Strong()
            .WithYear(2024, f => f with { RdExpense = D(rd2024), NewQualifiedEquityFinancing = D(financing2024) })
            .WithYear(2025, f => f with
            {
                OperatingRevenue = D(revenue2025),
                RdExpense = D(rd2025),
                NewQualifiedEquityFinancing = D(financing2025),
                Employees = 250,
                RdStaff = rdStaff2025,
            });
        Check2022(p, "little-giant.innovation.rd").Passed.ShouldBe(passes);
        Check2022(p, "little-giant.innovation.general").Passed.ShouldBe(passes);
        Check2022(p, "little-giant.innovation").Passed.ShouldBe(passes);
    }

    // ---- innovation, general (2) and (3) ----

    [Theory]
    [InlineData("below-city", true)]
    [InlineData("city", true)]
    [InlineData("national", true)]
    [InlineData("none", false)]
    [InlineData(null, false)]
    public void Innovation_general_2_needs_an_rd_institution_at_any_level_2022(string? institution, bool passes)
    {
        var p = Profiles.Strong() with { RdInstitution = institution };
        Check2022(p, "little-giant.innovation.institution").Passed.ShouldBe(passes);
        Check2022(p, "little-giant.innovation").Passed.ShouldBe(passes);
        Qualified2022(p).ShouldBe(passes);
    }

    [Theory]
    [InlineData(2, true)]
    [InlineData(1, false)]
    public void Innovation_general_3_needs_2_class_i_ip_applied_2022(int applied, bool passes)
    {
        var p = Profiles.Strong() with { IntellectualProperty = Profiles.Strong().IntellectualProperty! with { ClassIApplied = applied } };
        Check2022(p, "little-giant.innovation.ip").Passed.ShouldBe(passes);
        Check2022(p, "little-giant.innovation").Passed.ShouldBe(passes);
        Qualified2022(p).ShouldBe(passes);
    }

    // ---- innovation, direct conditions (general conditions failing: no R&D institution) ----

    [Theory]
    [InlineData("national-st-award", 2023, 3, true)]
    [InlineData("national-st-award", 2025, 1, true)]
    [InlineData("national-st-award", 2023, 4, false)]
    [InlineData("national-st-award", 2022, 1, false)]   // older than 3 years (year ≥ 2026 − 3)
    [InlineData("provincial-st-award", 2025, 1, false)] // provincial awards do not count
    [InlineData("chuangke-top50", 2023, null, true)]
    [InlineData("chuangke-top50", 2022, null, false)]
    [InlineData("chuangke-top500", 2025, null, false)]  // the little giant asks for the top-50 group
    public void Innovation_direct_conditions_replace_the_general_ones_2022(string kind, int year, int? rank, bool passes)
    {
        var p = WithHonor(Profiles.Strong() with { RdInstitution = null }, new Honor(kind, year, null, rank));
        Check2022(p, "little-giant.innovation.general").Passed.ShouldBeFalse();
        Check2022(p, "little-giant.innovation").Passed.ShouldBe(passes);
        Qualified2022(p).ShouldBe(passes);
    }

    // ---- industry chain and key field ----

    [Theory]
    [InlineData("key-results", true)]
    [InlineData("basics", false)]
    [InlineData(null, false)]
    public void Chain_needs_key_results_2022(string? chainContribution, bool passes)
    {
        var p = Profiles.Strong().WithMainProduct(m => m with { ChainContribution = chainContribution });
        Check2022(p, "little-giant.chain").Passed.ShouldBe(passes);
        Qualified2022(p).ShouldBe(passes);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    [InlineData(null, false)]
    public void Key_field_is_required_2022(bool? keyField, bool passes)
    {
        var p = Profiles.Strong().WithMainProduct(m => m with { KeyField = keyField });
        Check2022(p, "little-giant.key-field").Passed.ShouldBe(passes);
        Qualified2022(p).ShouldBe(passes);
    }

    // ======================================== 2026 ========================================

    [Theory]
    [InlineData("2026-06-30", true)]
    [InlineData("2026-06-29", false)]
    public void Specialized_recognition_must_be_valid_on_D_2026(string validUntil, bool passes)
    {
        var p = WithSpecializedRecognition(Profiles.Strong(), new Recognition("specialized-sme", new DateOnly(2023, 7, 1), Date(validUntil), "330000"));
        Check2026(p, "little-giant.holds-specialized").Passed.ShouldBe(passes);
        Qualified2026(p).ShouldBe(passes);
    }

    [Fact]
    public void Meeting_the_specialized_criteria_without_the_recognition_fails_with_advice_2026()
    {
        var p = WithSpecializedRecognition(Profiles.Strong(), null);
        Engine.Tier(p, Profiles.AsOf2026Rules, "specialized-sme").Qualified.ShouldBeTrue();
        var check = Check2026(p, "little-giant.holds-specialized");
        check.Passed.ShouldBeFalse();
        check.Advice.ShouldNotBeNullOrWhiteSpace();
        Qualified2026(p).ShouldBeFalse();
    }

    [Theory]
    [InlineData("2023-01-01", true)]
    [InlineData("2023-01-02", false)]
    public void Niche_needs_3_full_years_2026(string since, bool passes)
    {
        var p = Profiles.Strong() with { NicheMarketSince = Date(since) };
        Check2026(p, "little-giant.niche-years").Passed.ShouldBe(passes);
        Qualified2026(p).ShouldBe(passes);
    }

    [Theory]
    [InlineData("5000", true)]
    [InlineData("4999.99", false)]
    public void Revenue_needs_5000_2026(string revenue, bool passes)
    {
        var p = Profiles.Strong().WithYear(2025, f => f with { OperatingRevenue = D(revenue) });
        Check2026(p, "little-giant.revenue").Passed.ShouldBe(passes);
        if (!passes)
        {
            Qualified2026(p).ShouldBeFalse();
        }
    }

    [Theory]
    [InlineData("10890", true)]     // exactly 90% of 12100
    [InlineData("10889.99", false)]
    public void Main_business_share_needs_90_percent_2026(string mainBusiness, bool passes)
    {
        var p = Profiles.Strong().WithYear(2025, f => f with { MainBusinessRevenue = D(mainBusiness) });
        Check2026(p, "little-giant.main-business-share").Passed.ShouldBe(passes);
        Qualified2026(p).ShouldBe(passes);
    }

    [Theory]
    [InlineData("10000", "11000", "11025", true)]    // 11025 / 10000 = 1.1025 exactly
    [InlineData("10000", "11000", "11024.99", false)]
    [InlineData("10000", "20000", "11025", true)]    // only Y and Y−2 matter
    [InlineData("10000", "5000", "11025", true)]
    public void Compound_growth_needs_revenue_Y_over_revenue_Y_minus_2_of_1_1025_2026(string r2023, string r2024, string r2025, bool passes)
    {
        var p = Profiles.Strong()
            .WithYear(2023, f => f with { OperatingRevenue = D(r2023) })
            .WithYear(2024, f => f with { OperatingRevenue = D(r2024), MainBusinessRevenue = D(r2024) * 0.9m, RdExpense = D(r2024) * 0.1m })
            .WithYear(2025, f => f with { OperatingRevenue = D(r2025) });
        Check2026(p, "little-giant.compound-growth").Passed.ShouldBe(passes);
        Qualified2026(p).ShouldBe(passes);
    }

    [Fact]
    public void Compound_growth_reads_operating_revenue_not_main_business_2026()
    {
        // Main business flat (growth 0), operating revenue 10000 → 12100 (factor 1.21).
        var p = Profiles.Strong()
            .WithYear(2023, f => f with { MainBusinessRevenue = 10890m })
            .WithYear(2024, f => f with { MainBusinessRevenue = 10890m });
        Check2026(p, "little-giant.compound-growth").Passed.ShouldBeTrue();
    }

    [Fact]
    public void Compound_growth_without_the_revenue_of_Y_minus_2_is_not_available_and_fails_2026()
    {
        var strong = Profiles.Strong();
        var p = strong with { Financials = strong.Financials.Where(f => f.Year != 2023).ToList() };
        var check = Check2026(p, "little-giant.compound-growth");
        check.Passed.ShouldBeFalse();
        check.MissingField.ShouldNotBeNull();
    }

    [Theory]
    [InlineData("15000", true)]     // exactly 75%
    [InlineData("15000.01", false)]
    public void Debt_ratio_must_not_exceed_75_percent_2026(string liabilities, bool passes)
    {
        var p = Profiles.Strong().WithYear(2025, f => f with { TotalLiabilities = D(liabilities) });
        Check2026(p, "little-giant.debt-ratio").Passed.ShouldBe(passes);
        Qualified2026(p).ShouldBe(passes);
    }

    [Theory]
    [InlineData("0", "600", "600", true)]      // sum exactly 1200
    [InlineData("0", "600", "599.99", false)]
    [InlineData("5000", "600", "599.99", false)] // 2023 is outside Y−1..Y
    public void Rd_sum_over_the_last_2_years_needs_1200_2026(string rd2023, string rd2024, string rd2025, bool passes)
    {
        // 600 / 11000 and 600 / 12100 are both above 3%.
        var p = Profiles.Strong()
            .WithYear(2023, f => f with { RdExpense = D(rd2023) })
            .WithYear(2024, f => f with { RdExpense = D(rd2024) })
            .WithYear(2025, f => f with { RdExpense = D(rd2025) });
        Check2026(p, "little-giant.rd.sum").Passed.ShouldBe(passes);
        Check2026(p, "little-giant.rd").Passed.ShouldBe(passes);
        Qualified2026(p).ShouldBe(passes);
    }

    [Theory]
    [InlineData(2025, "363", true)]     // 3% of 12100 (sum 1683)
    [InlineData(2025, "362.99", false)]
    [InlineData(2024, "330", true)]     // 3% of 11000 (sum 1782)
    [InlineData(2024, "329.99", false)]
    public void Rd_ratio_of_3_percent_is_needed_in_each_of_the_last_2_years_2026(int year, string rd, bool passes)
    {
        var p = Profiles.Strong().WithYear(year, f => f with { RdExpense = D(rd) });
        Check2026(p, year == 2025 ? "little-giant.rd.ratio-y" : "little-giant.rd.ratio-y1").Passed.ShouldBe(passes);
        Check2026(p, "little-giant.rd").Passed.ShouldBe(passes);
        Qualified2026(p).ShouldBe(passes);
    }

    [Theory]
    [InlineData(4, null, 0, 0, true)]
    [InlineData(3, null, 0, 0, false)]  // a provincial R&D institution (held by Strong) is no exemption here
    [InlineData(3, "national-st-award", 2023, 3, true)]
    [InlineData(3, "national-st-award", 2024, 4, false)]
    [InlineData(3, "national-st-award", 2022, 1, false)]
    [InlineData(3, "provincial-st-award", 2025, 1, false)]
    public void Class_i_ip_applied_needs_4_or_a_national_award_top_3_within_3_years_2026(int applied, string? awardKind, int year, int rank, bool passes)
    {
        var p = Profiles.Strong() with { IntellectualProperty = Profiles.Strong().IntellectualProperty! with { ClassIApplied = applied } };
        if (awardKind is not null)
        {
            p = WithHonor(p, new Honor(awardKind, year, null, rank));
        }
        Check2026(p, "little-giant.ip").Passed.ShouldBe(passes);
        Qualified2026(p).ShouldBe(passes);
    }

    [Theory]
    [InlineData("0.10", "0.05", 4, true)]
    [InlineData("0.0999", "0.0999", 4, false)]
    [InlineData("0.05", "0.10", 4, true)]
    [InlineData("0.05", "0.05", 3, true)]
    [InlineData("0.05", "0.05", 1, true)]
    public void Market_needs_a_10_percent_share_at_home_or_abroad_or_a_top_3_domestic_rank_2026(string domestic, string international, int rank, bool passes)
    {
        var p = Profiles.Strong().WithMainProduct(m => m with
        {
            DomesticMarketShare = D(domestic),
            InternationalMarketShare = D(international),
            DomesticMarketRank = rank,
        });
        Check2026(p, "little-giant.market").Passed.ShouldBe(passes);
        Qualified2026(p).ShouldBe(passes);
    }

    [Fact]
    public void Market_with_no_share_nor_rank_given_fails_2026()
    {
        var p = Profiles.Strong().WithMainProduct(m => m with { DomesticMarketShare = null, InternationalMarketShare = null, DomesticMarketRank = null });
        Check2026(p, "little-giant.market").Passed.ShouldBeFalse();
    }

    [Theory]
    [InlineData("key-results", "emerging", true)]
    [InlineData("key-results", "six-basics", true)]
    [InlineData("key-results", "traditional-upgrading", true)]
    [InlineData("key-results", "future", true)]
    [InlineData("basics", "emerging", false)]
    [InlineData("key-results", "other", false)]
    [InlineData(null, "emerging", false)]
    public void Chain_needs_key_results_and_a_field_of_the_2026_list(string? chainContribution, string direction, bool passes)
    {
        var p = Profiles.Strong().WithMainProduct(m => m with { ChainContribution = chainContribution, IndustryDirection = direction });
        Check2026(p, "little-giant.chain").Passed.ShouldBe(passes);
        Qualified2026(p).ShouldBe(passes);
    }

    [Fact]
    public void The_2026_field_is_its_own_input_not_the_2022_key_field()
    {
        // keyField (the 2022 list) no longer decides; an absent direction is not available and names its field.
        var p = Profiles.Strong().WithMainProduct(m => m with { KeyField = true, IndustryDirection = null });
        var check = Check2026(p, "little-giant.chain.industry-direction");
        check.Passed.ShouldBeFalse();
        check.MissingField.ShouldBe("/mainProduct/industryDirection");
        Qualified2026(Profiles.Strong().WithMainProduct(m => m with { KeyField = false })).ShouldBeTrue();
    }

    [Theory]
    [InlineData("60", true)]
    [InlineData("59.99", false)]
    public void Quality_score_of_the_current_year_needs_60_2026(string score, bool passes)
    {
        var p = Profiles.Strong() with { QualityEvaluations = [new QualityEvaluation(2026, D(score)), new QualityEvaluation(2025, 90m)] };
        Check2026(p, "little-giant.quality-score").Passed.ShouldBe(passes);
        Qualified2026(p).ShouldBe(passes);
    }

    [Fact]
    public void Quality_score_missing_for_2026_fails_2026()
    {
        var p = Profiles.Strong() with { QualityEvaluations = [new QualityEvaluation(2025, 90m)] };
        var check = Check2026(p, "little-giant.quality-score");
        check.Passed.ShouldBeFalse();
        check.MissingField.ShouldNotBeNull();
        Qualified2026(p).ShouldBeFalse();
    }

    [Theory]
    [InlineData("0.5", false)]
    [InlineData("0.5000001", true)]
    public void Main_product_share_must_exceed_50_percent_2026(string share, bool passes)
    {
        var p = Profiles.Strong().WithMainProduct(m => m with { RevenueShare = D(share) });
        Check2026(p, "little-giant.main-product").Passed.ShouldBe(passes);
        Qualified2026(p).ShouldBe(passes);
    }

    [Fact]
    public void Information_system_certifications_brand_and_institution_are_no_longer_required_2026()
    {
        var strong = Profiles.Strong();
        var p = strong with
        {
            CoreBusinessOnInformationSystem = false,
            Quality = strong.Quality! with { ManagementSystemCertifications = [], DevelopedMarketProductCertification = false, OwnBrand = false },
            RdInstitution = null,
        };
        Qualified2026(p).ShouldBeTrue();
        Qualified2022(p).ShouldBeFalse();
    }

    [Fact]
    public void Little_giant_has_no_score_in_either_version()
    {
        Engine.Tier(Profiles.Strong(), Profiles.AsOf2022Rules, Tier).Score.ShouldBeNull();
        Engine.Tier(Profiles.Strong(), Profiles.AsOf2026Rules, Tier).Score.ShouldBeNull();
    }
}
