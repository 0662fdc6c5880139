using Shouldly;
using Tidu.Domain.Profiles;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Tests.Support;
using Xunit;
using static Tidu.Rules.Tests.Support.Numbers;

namespace Tidu.Rules.Tests.HiddenChampion;

/// <summary>
/// Zhejiang's hidden champion, 2016 version (浙经信企创〔2016〕234号): every pool-entry condition and at least 2 of the 4
/// confirmation indicators. Strong profile in 西湖区 (330106), moved one year back and evaluated on 2025-09-11, the last
/// day of the 2016 version (Y = 2024 holds the figures written for 2025, "last 3 years" = 2022–2024). The strong
/// profile meets all four indicators, so "at least 2" is tested by removing them one by one.
/// </summary>
public sealed class HiddenChampionTests
{
    private const string Tier = "hidden-champion";

    /// <summary>The last day of the 2016 version.</summary>
    private static readonly DateOnly LastDay2016 = new(2025, 9, 11);

    private static CheckResult Check(EnterpriseProfile p, string id) => Engine.Check(p.Shifted(-1), LastDay2016, Tier, id);

    private static bool Qualified(EnterpriseProfile p) => Engine.Tier(p.Shifted(-1), LastDay2016, Tier).Qualified;

    private static EnterpriseProfile Without(EnterpriseProfile p, params string[] criteria) =>
        p with { VerifiedCriteria = p.VerifiedCriteria!.Except(criteria).ToList() };

    [Fact]
    public void Strong_profile_meets_the_pool_and_all_four_indicators()
    {
        var p = Profiles.Strong();
        Qualified(p).ShouldBeTrue();
        foreach (var id in new[] { "hidden-champion.pool", "hidden-champion.focus", "hidden-champion.quality", "hidden-champion.features", "hidden-champion.innovation" })
        {
            Check(p, id).Passed.ShouldBeTrue(id);
        }
        Check(p, "hidden-champion.pool.registered-in-zhejiang").Actual.ShouldBe("33");
    }

    // ---- pool entry ----

    [Theory]
    [InlineData("30000", true)] // 3亿元以下 includes 3亿
    [InlineData("30000.01", false)]
    public void Operating_revenue_must_not_exceed_30000(string revenue2025, bool passes)
    {
        var p = Profiles.Strong().WithYear(2025, f => f with { OperatingRevenue = D(revenue2025) });
        Engine.SizeClass(p.Shifted(-1), LastDay2016).ShouldBe("small"); // 250 employees: still an SME
        Check(p, "hidden-champion.pool.revenue").Passed.ShouldBe(passes);
        Qualified(p).ShouldBe(passes);
    }

    [Fact]
    public void A_large_enterprise_is_not_in_the_pool()
    {
        // 1000 employees and revenue 40000 in 2025: large under the industry table (neither bound undercut).
        var p = Profiles.Strong().WithYear(2025, f => f with { Employees = 1000, OperatingRevenue = 40000m });
        Check(p, "hidden-champion.pool.sme").Passed.ShouldBeFalse();
        Qualified(p).ShouldBeFalse();
    }

    [Fact]
    public void An_unknown_size_class_is_not_in_the_pool()
    {
        var p = Profiles.Strong().WithYear(2025, f => f with { Employees = null });
        var check = Check(p, "hidden-champion.pool.sme");
        check.Passed.ShouldBeFalse();
        check.MissingField.ShouldNotBeNull();
    }

    [Theory]
    [InlineData("incident")]
    [InlineData("dishonest")]
    [InlineData("punishment")]
    public void An_accident_or_bad_credit_keeps_it_out_of_the_pool(string breach)
    {
        var c = breach switch
        {
            "incident" => new Compliance { MajorIncidentWithin3Years = true },
            "dishonest" => new Compliance { SeriousDishonestyList = true },
            _ => new Compliance { JointPunishment = true },
        };
        Qualified(Profiles.Strong() with { Compliance = c }).ShouldBeFalse();
    }

    [Theory]
    [InlineData("hidden-champion.pool.growth-field")]
    [InlineData("hidden-champion.pool.focus")]
    [InlineData("hidden-champion.pool.quality")]
    [InlineData("hidden-champion.pool.distinctive")]
    [InlineData("hidden-champion.pool.innovation")]
    public void Every_qualitative_pool_condition_must_be_verified(string criterion)
    {
        var p = Without(Profiles.Strong(), criterion);
        Check(p, criterion).Passed.ShouldBeFalse();
        Qualified(p).ShouldBeFalse();
    }

    [Fact]
    public void Without_an_officer_assessment_the_pool_is_not_available()
    {
        var p = Profiles.Strong() with { VerifiedCriteria = null };
        var check = Check(p, "hidden-champion.pool.focus");
        check.Passed.ShouldBeFalse();
        check.MissingField.ShouldBe("/verifiedCriteria");
        Qualified(p).ShouldBeFalse();
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void An_own_brand_is_a_pool_condition(bool ownBrand, bool passes)
    {
        Qualified(Profiles.Strong() with { Quality = Profiles.Strong().Quality! with { OwnBrand = ownBrand } }).ShouldBe(passes);
    }

    // ---- at least 2 of 4 ----

    /// <summary>Breaks indicator 1 (focus), 2 (quality), 3 (features) and/or 4 (innovation) by one input each.</summary>
    private static EnterpriseProfile Breaking(params int[] indicators)
    {
        var p = Profiles.Strong();
        foreach (var i in indicators)
        {
            p = i switch
            {
                1 => Without(p, "hidden-champion.focus.market"),
                2 => Without(p, "hidden-champion.quality.satisfaction-or-traceability"),
                3 => Without(p, "hidden-champion.features.ip-leading"),
                _ => p.WithYear(2025, f => f with { NewProductOutputValue = 0m }),
            };
        }
        return p;
    }

    [Theory]
    [InlineData(new[] { 1 }, true)]
    [InlineData(new[] { 4 }, true)]
    [InlineData(new[] { 1, 2 }, true)]  // exactly 2 left: 3 and 4
    [InlineData(new[] { 3, 4 }, true)]  // exactly 2 left: 1 and 2
    [InlineData(new[] { 1, 2, 3 }, false)]
    [InlineData(new[] { 2, 3, 4 }, false)]
    [InlineData(new[] { 1, 2, 3, 4 }, false)]
    public void At_least_two_of_the_four_indicators_are_needed(int[] broken, bool passes)
    {
        var p = Breaking(broken);
        Check(p, "hidden-champion.indicators").Passed.ShouldBe(passes);
        Qualified(p).ShouldBe(passes);
    }

    // ---- indicator 1: focus ----

    [Theory]
    [InlineData("0.70", true)]
    [InlineData("0.6999", false)]
    public void Focus_needs_main_products_at_70_percent_of_sales(string share, bool passes)
    {
        var p = Profiles.Strong().WithMainProduct(m => m with { RevenueShare = D(share) });
        Check(p, "hidden-champion.focus").Passed.ShouldBe(passes);
    }

    [Fact]
    public void Focus_needs_the_verified_market_position()
    {
        Check(Without(Profiles.Strong(), "hidden-champion.focus.market"), "hidden-champion.focus").Passed.ShouldBeFalse();
    }

    // ---- indicator 2: quality ----

    [Theory]
    [InlineData(true, true, true)]
    [InlineData(true, false, true)]  // international-advanced standard alone
    [InlineData(false, true, true)]  // developed-market certification alone
    [InlineData(false, false, false)]
    public void Quality_needs_an_advanced_standard_or_a_developed_market_certification(bool advancedStandard, bool certification, bool passes)
    {
        var p = Profiles.Strong() with { Quality = Profiles.Strong().Quality! with { DevelopedMarketProductCertification = certification } };
        if (!advancedStandard)
        {
            p = Without(p, "hidden-champion.quality.international-standard");
        }
        Check(p, "hidden-champion.quality").Passed.ShouldBe(passes);
    }

    [Fact]
    public void Quality_also_needs_satisfaction_measurement_or_traceability()
    {
        Check(Without(Profiles.Strong(), "hidden-champion.quality.satisfaction-or-traceability"), "hidden-champion.quality").Passed.ShouldBeFalse();
    }

    // ---- indicator 3: features ----

    [Theory]
    [InlineData("international", "participate", true)]
    [InlineData("national", "participate", true)]
    [InlineData("group", "lead", true)]
    [InlineData("group", "participate", false)]
    [InlineData("industry", "lead", false)]
    [InlineData("local", "lead", false)]
    public void Features_need_an_international_or_national_standard_or_a_led_group_standard(string level, string role, bool passes)
    {
        var p = Profiles.Strong() with { Standards = [new StandardEntry(level, role, 2024)] };
        Check(p, "hidden-champion.features").Passed.ShouldBe(passes);
    }

    [Fact]
    public void Features_also_need_verified_leading_ip()
    {
        Check(Without(Profiles.Strong(), "hidden-champion.features.ip-leading"), "hidden-champion.features").Passed.ShouldBeFalse();
    }

    // ---- indicator 4: innovation over the last three years ----

    [Theory]
    [InlineData("44400", true)]     // R&D 3972 / (44000 + 44000 + 44400 = 132400) = exactly 3%
    [InlineData("44400.01", false)]
    public void Rd_over_main_product_sales_of_three_years_needs_3_percent(string mainProduct2025, bool passes)
    {
        var p = Profiles.Strong()
            .WithYear(2023, f => f with { MainProductRevenue = 44000m })
            .WithYear(2024, f => f with { MainProductRevenue = 44000m })
            .WithYear(2025, f => f with { MainProductRevenue = D(mainProduct2025) });
        Check(p, "hidden-champion.innovation.rd-intensity").Passed.ShouldBe(passes);
        Check(p, "hidden-champion.innovation").Passed.ShouldBe(passes);
    }

    [Theory]
    [InlineData("15000", true)]     // new products 18000 / (15000 × 3 = 45000) = exactly 40%
    [InlineData("15000.01", false)]
    public void New_product_output_of_three_years_needs_40_percent(string output2025, bool passes)
    {
        var p = Profiles.Strong()
            .WithYear(2023, f => f with { IndustrialOutputValue = 15000m })
            .WithYear(2024, f => f with { IndustrialOutputValue = 15000m })
            .WithYear(2025, f => f with { IndustrialOutputValue = D(output2025) });
        Check(p, "hidden-champion.innovation.new-product-ratio").Passed.ShouldBe(passes);
    }

    [Fact]
    public void A_missing_year_makes_the_three_year_ratio_not_available()
    {
        var p = Profiles.Strong().WithYear(2023, f => f with { MainProductRevenue = null });
        var check = Check(p, "hidden-champion.innovation.rd-intensity");
        check.Passed.ShouldBeFalse();
        check.MissingField.ShouldBe("/financials/0/mainProductRevenue");
    }

    [Fact]
    public void Only_the_three_years_before_D_count()
    {
        // A 2022 entry far above 3% does not rescue 2023–2025 at 2%.
        var p = Profiles.Strong() with
        {
            Financials =
            [
                Profiles.Year(2022, 9000m, 8100m, 5000m, 900m, 20000m, 8000m, 250, 100, inputIndex: 3, mainProductRevenue: 1000m, newProductOutput: 5000m, industrialOutput: 10000m),
                .. Profiles.Strong().Financials.Select(f => f with { MainProductRevenue = f.RdExpense * 50m }),
            ],
        };
        Check(p, "hidden-champion.innovation.rd-intensity").Passed.ShouldBeFalse();
    }
}
