using System.Globalization;
using Shouldly;
using Tidu.Domain.Profiles;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Tests.Support;
using Xunit;
using static Tidu.Rules.Tests.Support.Numbers;

namespace Tidu.Rules.Tests.InnovativeSme;

/// <summary>
/// The 6 indicators of the innovative-SME scoring table (63号 附件1), as of 2026-03-31
/// (Y = 2025). Every band edge on both sides; bands are closed at the lower bound and open at the upper bound,
/// for the falling debt ratio too (touching rows: the row that says "以上" takes the shared bound). Ratios come from raw amounts; expected points
/// are read from the table.
/// </summary>
public sealed class InnovativeSmeIndicatorTests
{
    private const string Tier = "innovative-sme";

    private static CheckResult Indicator(EnterpriseProfile p, string id) => Engine.Indicator(p, Profiles.AsOf2022Rules, Tier, id);

    private static decimal Points(EnterpriseProfile p, string id) => Indicator(p, id).Points ?? -1m;

    // ---- baseline --------------------------------------------------------------------------------------------

    [Fact]
    public void Strong_profile_scores_95_with_innovation_40_growth_25_specialisation_30()
    {
        // High-value IP → 20; R&D 1452 / 12100 = 12% → 20; growth 10890 / 9900 − 1 = 10% → 15; debt 8000 / 20000 = 40% → 10;
        // strategic emerging industry → 10; main business 10890 / 12100 = 90% → 20.
        var tier = Engine.Tier(Profiles.Strong(), Profiles.AsOf2022Rules, Tier);
        tier.Score.ShouldBe(95m);
        tier.SubScores.Single(s => s.Dimension == "innovation").Points.ShouldBe(40m);
        tier.SubScores.Single(s => s.Dimension == "growth").Points.ShouldBe(25m);
        tier.SubScores.Single(s => s.Dimension == "specialisation").Points.ShouldBe(30m);
    }

    // ---- 1 IP related to the main product: high-value Ⅰ 20; self-developed Ⅰ 15; Ⅰ 10; Ⅱ 5; none 0 -------------

    [Theory]
    [InlineData(1, 1, 1, 0, 20)]
    [InlineData(0, 1, 1, 5, 15)]
    [InlineData(0, 0, 1, 5, 10)]
    [InlineData(0, 0, 0, 1, 5)]
    [InlineData(0, 0, 0, 0, 0)]
    public void Ip_scores_by_the_best_class_held(int highValue, int selfDeveloped, int classI, int classII, int expected)
    {
        var p = Profiles.Strong() with
        {
            IntellectualProperty = new IntellectualProperty { ClassIHighValue = highValue, ClassISelfDeveloped = selfDeveloped, ClassI = classI, ClassII = classII },
        };
        Points(p, "innovative.ip").ShouldBe(expected);
    }

    [Fact]
    public void Ip_counts_absent_from_the_profile_default_to_0_and_score_0()
    {
        var p = Profiles.Strong() with { IntellectualProperty = null };
        var check = Indicator(p, "innovative.ip");
        check.Points.ShouldBe(0m);
    }

    [Fact]
    public void Ip_with_only_class_ii_counted_scores_5_when_class_i_counts_are_absent()
    {
        var p = Profiles.Strong() with { IntellectualProperty = new IntellectualProperty { ClassII = 2 } };
        Points(p, "innovative.ip").ShouldBe(5m);
    }

    // ---- 2 R&D expense / operating revenue: ≥5% 20; 3–5% 15; 2–3% 10; 1–2% 5; <1% 0 ------------------------------

    [Theory]
    [InlineData("10000", 20)]
    [InlineData("500", 20)]
    [InlineData("499.99", 15)]
    [InlineData("300", 15)]
    [InlineData("299.99", 10)]
    [InlineData("200", 10)]
    [InlineData("199.99", 5)]
    [InlineData("100", 5)]
    [InlineData("99.99", 0)]
    [InlineData("0", 0)]
    public void Rd_ratio_band_edges_with_operating_revenue_10000(string rdExpense, int expected)
    {
        var p = Profiles.Strong().WithYear(2025, f => f with { OperatingRevenue = 10000m, RdExpense = D(rdExpense) });
        Points(p, "innovative.rd-ratio").ShouldBe(expected);
    }

    [Fact]
    public void Rd_ratio_of_exactly_3_percent_scores_15()
    {
        var p = Profiles.Strong().WithYear(2025, f => f with { OperatingRevenue = 10000m, RdExpense = 300m });
        Points(p, "innovative.rd-ratio").ShouldBe(15m);
    }

    [Fact]
    public void Rd_ratio_is_computed_from_raw_amounts_not_rounded_percentages()
    {
        // 2999.99 / 100000 = 2.99999%: it would round to 3.00% but lies in "2%–3%".
        var p = Profiles.Strong().WithYear(2025, f => f with { OperatingRevenue = 100000m, RdExpense = 2999.99m });
        Points(p, "innovative.rd-ratio").ShouldBe(10m);
    }

    [Fact]
    public void Rd_ratio_uses_the_last_year_only()
    {
        // Y = 2025: 2024 at 0% must not count; 2025 at 5% scores 20.
        var p = Profiles.Strong()
            .WithYear(2024, f => f with { RdExpense = 0m })
            .WithYear(2025, f => f with { OperatingRevenue = 10000m, RdExpense = 500m });
        Points(p, "innovative.rd-ratio").ShouldBe(20m);
    }

    [Fact]
    public void Rd_ratio_with_zero_operating_revenue_is_not_available_and_scores_0()
    {
        var p = Profiles.Strong().WithYear(2025, f => f with { OperatingRevenue = 0m, RdExpense = 500m });
        var check = Indicator(p, "innovative.rd-ratio");
        check.Points.ShouldBe(0m);
        check.MissingField.ShouldBe("/financials/2/operatingRevenue");
    }

    [Fact]
    public void Rd_ratio_with_missing_rd_expense_is_not_available_and_scores_0()
    {
        var p = Profiles.Strong().WithYear(2025, f => f with { RdExpense = null });
        var check = Indicator(p, "innovative.rd-ratio");
        check.Points.ShouldBe(0m);
        check.MissingField.ShouldBe("/financials/2/rdExpense");
    }

    // ---- 3 main-business revenue growth of Y: ≥15% 20; 10–15% 15; 5–10% 10; 0–5% 5; <0 0 ----------------------------

    [Theory]
    [InlineData("20000", 20)]
    [InlineData("11500", 20)]
    [InlineData("11499.99", 15)]
    [InlineData("11000", 15)]
    [InlineData("10999.99", 10)]
    [InlineData("10500", 10)]
    [InlineData("10499.99", 5)]
    [InlineData("10000", 5)]
    [InlineData("9999.99", 0)]
    [InlineData("0", 0)]
    public void Growth_band_edges_from_main_business_10000_in_2024(string mainBusiness2025, int expected)
    {
        var p = Profiles.Strong()
            .WithYear(2024, f => f with { MainBusinessRevenue = 10000m })
            .WithYear(2025, f => f with { OperatingRevenue = 30000m, MainBusinessRevenue = D(mainBusiness2025) });
        Points(p, "innovative.growth").ShouldBe(expected);
    }

    [Fact]
    public void Growth_uses_main_business_revenue_not_operating_revenue()
    {
        // Operating revenue doubles (100% growth) while main-business revenue falls: growth is negative → 0.
        var p = Profiles.Strong()
            .WithYear(2024, f => f with { OperatingRevenue = 10000m, MainBusinessRevenue = 10000m })
            .WithYear(2025, f => f with { OperatingRevenue = 20000m, MainBusinessRevenue = 9999.99m });
        Points(p, "innovative.growth").ShouldBe(0m);
    }

    [Fact]
    public void Growth_uses_the_last_year_only_not_an_average()
    {
        // 2024 growth −50%, 2025 growth +20%: the indicator is growth of Y = 2025 → 20.
        var p = Profiles.Strong()
            .WithYear(2023, f => f with { MainBusinessRevenue = 20000m })
            .WithYear(2024, f => f with { MainBusinessRevenue = 10000m })
            .WithYear(2025, f => f with { OperatingRevenue = 30000m, MainBusinessRevenue = 12000m });
        Points(p, "innovative.growth").ShouldBe(20m);
    }

    [Fact]
    public void Growth_with_zero_main_business_revenue_the_year_before_is_not_available_and_scores_0()
    {
        var p = Profiles.Strong().WithYear(2024, f => f with { MainBusinessRevenue = 0m });
        var check = Indicator(p, "innovative.growth");
        check.Points.ShouldBe(0m);
        check.MissingField.ShouldBe("/financials/1/mainBusinessRevenue");
    }

    [Fact]
    public void Growth_without_financials_of_the_year_before_is_not_available_and_scores_0()
    {
        var p = Profiles.Strong() with { Financials = Profiles.Strong().Financials.Where(f => f.Year != 2024).ToList() };
        var check = Indicator(p, "innovative.growth");
        check.Points.ShouldBe(0m);
        check.MissingField.ShouldNotBeNull();
    }

    // ---- 4 debt ratio (liabilities / assets), falling: <55% 10; 55–75% 5; ≥75% 0 ---------------------------------

    [Theory]
    [InlineData("0", 10)]
    [InlineData("10999.99", 10)]
    [InlineData("11000", 5)]
    [InlineData("14999.99", 5)]
    [InlineData("15000", 0)]
    [InlineData("30000", 0)]
    public void Debt_ratio_band_edges_with_total_assets_20000(string liabilities, int expected)
    {
        var p = Profiles.Strong().WithYear(2025, f => f with { TotalAssets = 20000m, TotalLiabilities = D(liabilities) });
        Points(p, "innovative.debt-ratio").ShouldBe(expected);
    }

    [Fact]
    public void Debt_ratio_of_exactly_55_percent_scores_5_not_10()
    {
        var p = Profiles.Strong().WithYear(2025, f => f with { TotalAssets = 20000m, TotalLiabilities = 11000m });
        Points(p, "innovative.debt-ratio").ShouldBe(5m);
    }

    [Fact]
    public void Debt_ratio_of_exactly_75_percent_scores_0()
    {
        var p = Profiles.Strong().WithYear(2025, f => f with { TotalAssets = 20000m, TotalLiabilities = 15000m });
        Points(p, "innovative.debt-ratio").ShouldBe(0m);
    }

    [Fact]
    public void Debt_ratio_with_zero_total_assets_is_not_available_and_scores_0()
    {
        // Zero liabilities over zero assets must not read as "0% debt" (10 points).
        var p = Profiles.Strong().WithYear(2025, f => f with { TotalAssets = 0m, TotalLiabilities = 0m });
        var check = Indicator(p, "innovative.debt-ratio");
        check.Points.ShouldBe(0m);
        check.MissingField.ShouldBe("/financials/2/totalAssets");
    }

    [Fact]
    public void Debt_ratio_with_missing_liabilities_is_not_available_and_scores_0()
    {
        var p = Profiles.Strong().WithYear(2025, f => f with { TotalLiabilities = null });
        var check = Indicator(p, "innovative.debt-ratio");
        check.Points.ShouldBe(0m);
        check.MissingField.ShouldBe("/financials/2/totalLiabilities");
    }

    // ---- 5 field of the main product: strategic emerging 10; other 5; not stated 0 ------------------------------

    [Fact]
    public void Field_in_the_strategic_emerging_industries_scores_10() =>
        Points(Profiles.Strong().WithMainProduct(m => m with { StrategicEmergingIndustry = true }), "innovative.field").ShouldBe(10m);

    [Fact]
    public void Field_outside_the_strategic_emerging_industries_scores_5() =>
        Points(Profiles.Strong().WithMainProduct(m => m with { StrategicEmergingIndustry = false }), "innovative.field").ShouldBe(5m);

    [Fact]
    public void Field_not_stated_is_not_available_and_scores_0_not_5()
    {
        var check = Indicator(Profiles.Strong().WithMainProduct(m => m with { StrategicEmergingIndustry = null }), "innovative.field");
        check.Points.ShouldBe(0m);
        check.MissingField.ShouldBe("/mainProduct/strategicEmergingIndustry");
    }

    [Fact]
    public void Field_without_any_main_product_scores_0()
    {
        var check = Indicator(Profiles.Strong() with { MainProduct = null }, "innovative.field");
        check.Points.ShouldBe(0m);
        check.MissingField.ShouldNotBeNull();
    }

    // ---- 6 main-business revenue / operating revenue: ≥70% 20; 60–70% 15; 55–60% 10; 50–55% 5; <50% 0 -----------

    [Theory]
    [InlineData("10000", 20)]
    [InlineData("7000", 20)]
    [InlineData("6999.99", 15)]
    [InlineData("6000", 15)]
    [InlineData("5999.99", 10)]
    [InlineData("5500", 10)]
    [InlineData("5499.99", 5)]
    [InlineData("5000", 5)]
    [InlineData("4999.99", 0)]
    [InlineData("0", 0)]
    public void Main_business_share_band_edges_with_operating_revenue_10000(string mainBusiness, int expected)
    {
        var p = Profiles.Strong().WithYear(2025, f => f with { OperatingRevenue = 10000m, MainBusinessRevenue = D(mainBusiness) });
        Points(p, "innovative.main-business-share").ShouldBe(expected);
    }

    [Fact]
    public void Main_business_share_with_zero_operating_revenue_is_not_available_and_scores_0()
    {
        var p = Profiles.Strong().WithYear(2025, f => f with { OperatingRevenue = 0m, MainBusinessRevenue = 0m });
        var check = Indicator(p, "innovative.main-business-share");
        check.Points.ShouldBe(0m);
        check.MissingField.ShouldBe("/financials/2/operatingRevenue");
    }

    [Fact]
    public void Main_business_share_with_missing_main_business_revenue_is_not_available_and_scores_0()
    {
        var p = Profiles.Strong().WithYear(2025, f => f with { MainBusinessRevenue = null });
        var check = Indicator(p, "innovative.main-business-share");
        check.Points.ShouldBe(0m);
        check.MissingField.ShouldBe("/financials/2/mainBusinessRevenue");
    }

    // ---- dimensions sum their indicators -------------------------------------------------------------------

    [Fact]
    public void Sub_scores_are_the_sums_of_their_indicators()
    {
        // IP Ⅱ only → 5, R&D 1% → 5 (innovation 10); growth 0% → 5, debt 55% → 5 (growth 10); other field → 5,
        // share 50% → 5 (specialisation 10). Total 30.
        var p = (Profiles.Strong() with { IntellectualProperty = new IntellectualProperty { ClassII = 1 } })
            .WithMainProduct(m => m with { StrategicEmergingIndustry = false })
            .WithYear(2024, f => f with { MainBusinessRevenue = 5000m })
            .WithYear(2025, f => f with { OperatingRevenue = 10000m, MainBusinessRevenue = 5000m, RdExpense = 100m, TotalAssets = 20000m, TotalLiabilities = 11000m });
        var tier = Engine.Tier(p, Profiles.AsOf2022Rules, Tier);
        tier.SubScores.Single(s => s.Dimension == "innovation").Points.ShouldBe(10m);
        tier.SubScores.Single(s => s.Dimension == "growth").Points.ShouldBe(10m);
        tier.SubScores.Single(s => s.Dimension == "specialisation").Points.ShouldBe(10m);
        tier.Score.ShouldBe(30m);
    }
}
