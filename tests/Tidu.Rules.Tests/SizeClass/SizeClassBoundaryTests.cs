using System.Globalization;
using Shouldly;
using Tidu.Domain.Profiles;
using Tidu.Rules.Tests.Support;
using Xunit;

namespace Tidu.Rules.Tests.SizeClass;

/// <summary>
/// The 2011 SME size table (工信部联企业〔2011〕300号) for all 16 industry groups, as of 2026-03-31 (Y = 2025).
/// The SME upper bounds are strict ("X以下" paired with "X及以上" means below X), the medium and small lower bounds
/// are inclusive; "or" / "and" exactly as the table writes them. Every expected class is read from the table.
/// Amounts are strings so that values such as 39999.99 are exact decimals; a null amount means "not provided".
/// </summary>
public sealed class SizeClassBoundaryTests
{
    private const string Tier = "innovative-sme";

    private static decimal? D(string? s) => s is null ? null : decimal.Parse(s, CultureInfo.InvariantCulture);

    /// <summary>Profiles.Strong() with another industry code and the Y = 2025 employees / revenue / assets replaced.</summary>
    private static EnterpriseProfile Sized(string industryCode, int? employees, string? revenue, string? assets) =>
        (Profiles.Strong() with { IndustryCode = industryCode })
            .WithYear(2025, f => f with { Employees = employees, OperatingRevenue = D(revenue), TotalAssets = D(assets) });

    private static string? ClassOf(string industryCode, int? employees, string? revenue, string? assets) =>
        Engine.SizeClass(Sized(industryCode, employees, revenue, assets), Profiles.AsOf2022Rules);

    // ---- 工业 (B, C, D): SME if employees < 1000 or revenue < 40000; medium 300 and 2000; small 20 and 300 -----------

    [Theory]
    [InlineData(1000, "40000", "large")]
    [InlineData(999, "40000", "medium")]
    [InlineData(1000, "39999.99", "medium")]
    [InlineData(5000, "39999.99", "medium")] // "or": 1000+ employees but revenue under 40000 is still an SME
    [InlineData(999, "100000", "medium")] // "or": revenue over 40000 but under 1000 employees is still an SME
    [InlineData(300, "2000", "medium")]
    [InlineData(299, "2000", "small")]
    [InlineData(300, "1999.99", "small")]
    [InlineData(299, "39999.99", "small")] // "and": medium needs both lower bounds
    [InlineData(20, "300", "small")]
    [InlineData(19, "300", "micro")]
    [InlineData(20, "299.99", "micro")]
    [InlineData(19, "39999.99", "micro")]
    public void Industry_C3484_is_classified_by_employees_and_revenue(int employees, string revenue, string expected) =>
        ClassOf("C3484", employees, revenue, "20000").ShouldBe(expected);

    [Theory]
    [InlineData("B0610")]
    [InlineData("C3484")]
    [InlineData("D4411")]
    public void Mining_manufacturing_and_utilities_all_use_the_industry_bounds(string code)
    {
        ClassOf(code, 1000, "40000", "20000").ShouldBe("large");
        ClassOf(code, 999, "40000", "20000").ShouldBe("medium");
    }

    // ---- 建筑业 (E): SME if revenue < 80000 or assets < 80000; medium 6000 and 5000; small 300 and 300 -------------

    [Theory]
    [InlineData("80000", "80000", "large")]
    [InlineData("79999.99", "80000", "medium")]
    [InlineData("80000", "79999.99", "medium")]
    [InlineData("200000", "79999.99", "medium")]
    [InlineData("6000", "5000", "medium")]
    [InlineData("5999.99", "5000", "small")]
    [InlineData("6000", "4999.99", "small")]
    [InlineData("300", "300", "small")]
    [InlineData("299.99", "300", "micro")]
    [InlineData("300", "299.99", "micro")]
    public void Construction_E4710_is_classified_by_revenue_and_total_assets(string revenue, string assets, string expected) =>
        ClassOf("E4710", 250, revenue, assets).ShouldBe(expected);

    [Fact]
    public void Construction_does_not_look_at_employees()
    {
        ClassOf("E4710", 100_000, "300", "300").ShouldBe("small");
        ClassOf("E4710", 1, "6000", "5000").ShouldBe("medium");
    }

    // ---- 批发业 (F51): SME if employees < 200 or revenue < 40000; medium 20 and 5000; small 5 and 1000 -------------

    [Theory]
    [InlineData(200, "40000", "large")]
    [InlineData(199, "40000", "medium")]
    [InlineData(200, "39999.99", "medium")]
    [InlineData(20, "5000", "medium")]
    [InlineData(19, "5000", "small")]
    [InlineData(20, "4999.99", "small")]
    [InlineData(5, "1000", "small")]
    [InlineData(4, "1000", "micro")]
    [InlineData(5, "999.99", "micro")]
    public void Wholesale_F5171_is_classified_by_employees_and_revenue(int employees, string revenue, string expected) =>
        ClassOf("F5171", employees, revenue, "20000").ShouldBe(expected);

    // ---- 零售业 (F52): SME if employees < 300 or revenue < 20000; medium 50 and 500; small 10 and 100 ---------------

    [Theory]
    [InlineData(300, "20000", "large")]
    [InlineData(299, "20000", "medium")]
    [InlineData(300, "19999.99", "medium")]
    [InlineData(50, "500", "medium")]
    [InlineData(49, "500", "small")]
    [InlineData(50, "499.99", "small")]
    [InlineData(10, "100", "small")]
    [InlineData(9, "100", "micro")]
    [InlineData(10, "99.99", "micro")]
    public void Retail_F5211_is_classified_by_employees_and_revenue(int employees, string revenue, string expected) =>
        ClassOf("F5211", employees, revenue, "20000").ShouldBe(expected);

    // ---- 交通运输业 (G54–G58): SME if employees < 1000 or revenue < 30000; medium 300 and 3000; small 20 and 200 ----

    [Theory]
    [InlineData(1000, "30000", "large")]
    [InlineData(999, "30000", "medium")]
    [InlineData(1000, "29999.99", "medium")]
    [InlineData(300, "3000", "medium")]
    [InlineData(299, "3000", "small")]
    [InlineData(300, "2999.99", "small")]
    [InlineData(20, "200", "small")]
    [InlineData(19, "200", "micro")]
    [InlineData(20, "199.99", "micro")]
    public void Transport_G5420_is_classified_by_employees_and_revenue(int employees, string revenue, string expected) =>
        ClassOf("G5420", employees, revenue, "20000").ShouldBe(expected);

    // ---- 仓储业 (G59): SME if employees < 200 or revenue < 30000; medium 100 and 1000; small 20 and 100 -------------

    [Theory]
    [InlineData(200, "30000", "large")]
    [InlineData(199, "30000", "medium")]
    [InlineData(200, "29999.99", "medium")]
    [InlineData(100, "1000", "medium")]
    [InlineData(99, "1000", "small")]
    [InlineData(100, "999.99", "small")]
    [InlineData(20, "100", "small")]
    [InlineData(19, "100", "micro")]
    [InlineData(20, "99.99", "micro")]
    public void Warehousing_G5920_is_classified_by_employees_and_revenue(int employees, string revenue, string expected) =>
        ClassOf("G5920", employees, revenue, "20000").ShouldBe(expected);

    // ---- 邮政业 (G60): SME if employees < 1000 or revenue < 30000; medium 300 and 2000; small 20 and 100 ------------

    [Theory]
    [InlineData(1000, "30000", "large")]
    [InlineData(999, "30000", "medium")]
    [InlineData(1000, "29999.99", "medium")]
    [InlineData(300, "2000", "medium")]
    [InlineData(299, "2000", "small")]
    [InlineData(300, "1999.99", "small")]
    [InlineData(20, "100", "small")]
    [InlineData(19, "100", "micro")]
    [InlineData(20, "99.99", "micro")]
    public void Postal_G6010_is_classified_by_employees_and_revenue(int employees, string revenue, string expected) =>
        ClassOf("G6010", employees, revenue, "20000").ShouldBe(expected);

    // ---- 住宿业 (H61) and 餐饮业 (H62): SME if employees < 300 or revenue < 10000; medium 100 and 2000; small 10 and 100

    [Theory]
    [InlineData("H6110", 300, "10000", "large")]
    [InlineData("H6110", 299, "10000", "medium")]
    [InlineData("H6110", 300, "9999.99", "medium")]
    [InlineData("H6110", 100, "2000", "medium")]
    [InlineData("H6110", 99, "2000", "small")]
    [InlineData("H6110", 100, "1999.99", "small")]
    [InlineData("H6110", 10, "100", "small")]
    [InlineData("H6110", 9, "100", "micro")]
    [InlineData("H6110", 10, "99.99", "micro")]
    [InlineData("H6210", 300, "10000", "large")]
    [InlineData("H6210", 299, "10000", "medium")]
    [InlineData("H6210", 300, "9999.99", "medium")]
    [InlineData("H6210", 100, "2000", "medium")]
    [InlineData("H6210", 99, "2000", "small")]
    [InlineData("H6210", 100, "1999.99", "small")]
    [InlineData("H6210", 10, "100", "small")]
    [InlineData("H6210", 9, "100", "micro")]
    [InlineData("H6210", 10, "99.99", "micro")]
    public void Accommodation_H6110_and_catering_H6210_are_classified_by_employees_and_revenue(string code, int employees, string revenue, string expected) =>
        ClassOf(code, employees, revenue, "20000").ShouldBe(expected);

    // ---- 信息传输业 (I63, I64): SME if employees < 2000 or revenue < 100000; medium 100 and 1000; small 10 and 100 ---

    [Theory]
    [InlineData("I6311", 2000, "100000", "large")]
    [InlineData("I6311", 1999, "100000", "medium")]
    [InlineData("I6311", 2000, "99999.99", "medium")]
    [InlineData("I6311", 100, "1000", "medium")]
    [InlineData("I6311", 99, "1000", "small")]
    [InlineData("I6311", 100, "999.99", "small")]
    [InlineData("I6311", 10, "100", "small")]
    [InlineData("I6311", 9, "100", "micro")]
    [InlineData("I6311", 10, "99.99", "micro")]
    [InlineData("I6410", 2000, "100000", "large")]
    [InlineData("I6410", 1999, "100000", "medium")]
    public void Information_transmission_I63_and_I64_is_classified_by_employees_and_revenue(string code, int employees, string revenue, string expected) =>
        ClassOf(code, employees, revenue, "20000").ShouldBe(expected);

    // ---- 软件和信息技术服务业 (I65): SME if employees < 300 or revenue < 10000; medium 100 and 1000; small 10 and 50 --

    [Theory]
    [InlineData(300, "10000", "large")]
    [InlineData(299, "10000", "medium")]
    [InlineData(300, "9999.99", "medium")]
    [InlineData(100, "1000", "medium")]
    [InlineData(99, "1000", "small")]
    [InlineData(100, "999.99", "small")]
    [InlineData(10, "50", "small")]
    [InlineData(9, "50", "micro")]
    [InlineData(10, "49.99", "micro")]
    public void Software_I6510_is_classified_by_employees_and_revenue(int employees, string revenue, string expected) =>
        ClassOf("I6510", employees, revenue, "20000").ShouldBe(expected);

    // ---- 房地产开发经营 (K7010): SME if revenue < 200000 or assets < 10000; medium 1000 and 5000; small 100 and 2000 --

    [Theory]
    [InlineData("200000", "10000", "large")]
    [InlineData("199999.99", "10000", "medium")]
    [InlineData("200000", "9999.99", "medium")]
    [InlineData("1000", "5000", "medium")]
    [InlineData("999.99", "5000", "small")]
    [InlineData("1000", "4999.99", "small")]
    [InlineData("100", "2000", "small")]
    [InlineData("99.99", "2000", "micro")]
    [InlineData("100", "1999.99", "micro")]
    public void Real_estate_development_K7010_is_classified_by_revenue_and_total_assets(string revenue, string assets, string expected) =>
        ClassOf("K7010", 250, revenue, assets).ShouldBe(expected);

    [Fact]
    public void Real_estate_development_does_not_look_at_employees() =>
        ClassOf("K7010", 100_000, "1000", "5000").ShouldBe("medium");

    // ---- 物业管理 (K7020): SME if employees < 1000 or revenue < 5000; medium 300 and 1000; small 100 and 500 --------

    [Theory]
    [InlineData(1000, "5000", "large")]
    [InlineData(999, "5000", "medium")]
    [InlineData(1000, "4999.99", "medium")]
    [InlineData(300, "1000", "medium")]
    [InlineData(299, "1000", "small")]
    [InlineData(300, "999.99", "small")]
    [InlineData(100, "500", "small")]
    [InlineData(99, "500", "micro")]
    [InlineData(100, "499.99", "micro")]
    public void Property_management_K7020_is_classified_by_employees_and_revenue(int employees, string revenue, string expected) =>
        ClassOf("K7020", employees, revenue, "20000").ShouldBe(expected);

    // ---- 租赁和商务服务业 (L): SME if employees < 300 or assets < 120000; medium 100 and 8000; small 10 and 100 ------

    [Theory]
    [InlineData(300, "120000", "large")]
    [InlineData(299, "120000", "medium")]
    [InlineData(300, "119999.99", "medium")]
    [InlineData(100, "8000", "medium")]
    [InlineData(99, "8000", "small")]
    [InlineData(100, "7999.99", "small")]
    [InlineData(10, "100", "small")]
    [InlineData(9, "100", "micro")]
    [InlineData(10, "99.99", "micro")]
    public void Leasing_and_business_services_L7211_is_classified_by_employees_and_total_assets(int employees, string assets, string expected) =>
        ClassOf("L7211", employees, "20000", assets).ShouldBe(expected);

    [Fact]
    public void Leasing_and_business_services_does_not_look_at_revenue() =>
        ClassOf("L7211", 300, "1", "120000").ShouldBe("large");

    // ---- 农、林、牧、渔业 (A): SME if revenue < 20000; medium 500; small 50 --------------------------------------------

    [Theory]
    [InlineData("20000", "large")]
    [InlineData("19999.99", "medium")]
    [InlineData("500", "medium")]
    [InlineData("499.99", "small")]
    [InlineData("50", "small")]
    [InlineData("49.99", "micro")]
    public void Agriculture_A0111_is_classified_by_revenue_alone(string revenue, string expected) =>
        ClassOf("A0111", 250, revenue, "20000").ShouldBe(expected);

    [Fact]
    public void Agriculture_does_not_look_at_employees() =>
        ClassOf("A0111", 100_000, "50", "20000").ShouldBe("small");

    // ---- 其他未列明行业: SME if employees < 300; medium 100; small 10 -----------------------------------------------

    [Theory]
    [InlineData("M7310", 300, "large")]
    [InlineData("M7310", 299, "medium")]
    [InlineData("M7310", 100, "medium")]
    [InlineData("M7310", 99, "small")]
    [InlineData("M7310", 10, "small")]
    [InlineData("M7310", 9, "micro")]
    [InlineData("G5310", 300, "large")]
    [InlineData("G5310", 299, "medium")]
    [InlineData("G5310", 100, "medium")]
    [InlineData("G5310", 99, "small")]
    [InlineData("G5310", 10, "small")]
    [InlineData("G5310", 9, "micro")]
    public void Other_industries_are_classified_by_employees_alone(string code, int employees, string expected) =>
        ClassOf(code, employees, "1", "1").ShouldBe(expected);

    [Fact]
    public void Other_industries_do_not_look_at_revenue_or_assets() =>
        ClassOf("M7310", 10, "5000000", "5000000").ShouldBe("small");

    [Fact]
    public void Railway_G5310_is_not_transport_but_an_other_industry()
    {
        // As transport, 300 employees with revenue 5000 would be medium (SME by revenue < 30000); as "other" it is large.
        ClassOf("G5310", 300, "5000", "20000").ShouldBe("large");
        ClassOf("G5420", 300, "5000", "20000").ShouldBe("medium");
        // As transport, 299 employees would be small (medium needs 300); as "other" it is medium.
        ClassOf("G5310", 299, "5000", "20000").ShouldBe("medium");
        ClassOf("G5420", 299, "5000", "20000").ShouldBe("small");
    }

    // ---- routing from the GB/T 4754 code -------------------------------------------------------------------------

    [Theory]
    [InlineData("C3484", "工业")]
    [InlineData("B0610", "工业")]
    [InlineData("D4411", "工业")]
    [InlineData("E4710", "建筑业")]
    [InlineData("F5171", "批发业")]
    [InlineData("F5211", "零售业")]
    [InlineData("G5310", "其他未列明行业")]
    [InlineData("G5420", "交通运输业")]
    [InlineData("G5510", "交通运输业")]
    [InlineData("G5920", "仓储业")]
    [InlineData("G6010", "邮政业")]
    [InlineData("H6110", "住宿业")]
    [InlineData("H6210", "餐饮业")]
    [InlineData("I6311", "信息传输业")]
    [InlineData("I6410", "信息传输业")]
    [InlineData("I6510", "软件和信息技术服务业")]
    [InlineData("K7010", "房地产开发经营")]
    [InlineData("K7020", "物业管理")]
    [InlineData("K7090", "其他未列明行业")]
    [InlineData("L7211", "租赁和商务服务业")]
    [InlineData("A0111", "农、林、牧、渔业")]
    [InlineData("M7310", "其他未列明行业")]
    public void Industry_code_is_routed_to_the_group_of_the_table(string code, string groupTitle)
    {
        var result = Engine.Evaluate(Sized(code, 50, "1000", "1000"), Profiles.AsOf2022Rules).SizeClass;
        result.GroupTitle.ShouldBe(groupTitle);
        result.SizeClass.ShouldNotBeNull();
    }

    [Theory]
    [InlineData("F")] // F51 wholesale or F52 retail
    [InlineData("G")] // transport, warehousing, postal or railway
    [InlineData("H")] // accommodation or catering
    [InlineData("K70")] // real estate development, property management or other
    public void A_code_too_coarse_to_pick_one_group_has_no_size_class_and_fails_the_sme_condition(string code)
    {
        var profile = Sized(code, 50, "1000", "1000");
        Engine.SizeClass(profile, Profiles.AsOf2022Rules).ShouldBeNull();
        var sme = Engine.Check(profile, Profiles.AsOf2022Rules, Tier, "basic.sme");
        sme.Passed.ShouldBeFalse();
        sme.MissingField.ShouldBe("/industryCode");
        Engine.Tier(profile, Profiles.AsOf2022Rules, Tier).Qualified.ShouldBeFalse();
    }

    // ---- missing inputs ------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("C3484", null, "1000", "1000", "/financials/2/employees")]
    [InlineData("C3484", 50, null, "1000", "/financials/2/operatingRevenue")]
    [InlineData("F5171", null, "1000", "1000", "/financials/2/employees")]
    [InlineData("I6510", 50, null, "1000", "/financials/2/operatingRevenue")]
    [InlineData("E4710", 50, "1000", null, "/financials/2/totalAssets")]
    [InlineData("E4710", 50, null, "1000", "/financials/2/operatingRevenue")]
    [InlineData("K7010", 50, "1000", null, "/financials/2/totalAssets")]
    [InlineData("L7211", 50, "1000", null, "/financials/2/totalAssets")]
    [InlineData("L7211", null, "1000", "1000", "/financials/2/employees")]
    [InlineData("A0111", 50, null, "1000", "/financials/2/operatingRevenue")]
    [InlineData("M7310", null, "1000", "1000", "/financials/2/employees")]
    public void A_missing_input_the_industry_reads_leaves_no_size_class_and_fails_the_sme_condition(
        string code, int? employees, string? revenue, string? assets, string missingField)
    {
        var profile = Sized(code, employees, revenue, assets);
        var size = Engine.Evaluate(profile, Profiles.AsOf2022Rules).SizeClass;
        size.SizeClass.ShouldBeNull();
        size.MissingField.ShouldBe(missingField);
        var sme = Engine.Check(profile, Profiles.AsOf2022Rules, Tier, "basic.sme");
        sme.Passed.ShouldBeFalse();
        sme.MissingField.ShouldBe(missingField);
        Engine.Tier(profile, Profiles.AsOf2022Rules, Tier).Qualified.ShouldBeFalse();
    }

    [Theory]
    [InlineData("A0111", null, "1000", null, "medium")] // agriculture reads revenue only
    [InlineData("M7310", 50, null, null, "small")] // other industries read employees only
    [InlineData("C3484", 50, "1000", null, "small")] // industry does not read assets
    [InlineData("E4710", null, "1000", "1000", "small")] // construction does not read employees
    [InlineData("L7211", 50, null, "1000", "small")] // leasing does not read revenue
    public void A_missing_input_the_industry_does_not_read_does_not_matter(string code, int? employees, string? revenue, string? assets, string expected)
    {
        var profile = Sized(code, employees, revenue, assets);
        Engine.SizeClass(profile, Profiles.AsOf2022Rules).ShouldBe(expected);
        Engine.Check(profile, Profiles.AsOf2022Rules, Tier, "basic.sme").Passed.ShouldBeTrue();
    }

    [Fact]
    public void Without_financials_for_the_last_year_there_is_no_size_class()
    {
        var profile = Profiles.Strong() with { Financials = Profiles.Strong().Financials.Where(f => f.Year != 2025).ToList() };
        Engine.SizeClass(profile, Profiles.AsOf2022Rules).ShouldBeNull();
        var sme = Engine.Check(profile, Profiles.AsOf2022Rules, Tier, "basic.sme");
        sme.Passed.ShouldBeFalse();
        sme.MissingField.ShouldNotBeNull();
    }

    [Theory]
    [InlineData("C3484", 1000, "40000", "20000", false)]
    [InlineData("C3484", 999, "40000", "20000", true)]
    [InlineData("C3484", 19, "299.99", "20000", true)] // micro is an SME
    [InlineData("M7310", 300, "1000", "1000", false)]
    [InlineData("M7310", 9, "1000", "1000", true)]
    public void The_sme_condition_passes_for_medium_small_and_micro_and_fails_for_large(string code, int employees, string revenue, string assets, bool passes) =>
        Engine.Check(Sized(code, employees, revenue, assets), Profiles.AsOf2022Rules, Tier, "basic.sme").Passed.ShouldBe(passes);
}
