using System.Globalization;
using Shouldly;
using Tidu.Domain.Profiles;
using Tidu.Rules.Tests.Support;
using Xunit;
using static Tidu.Rules.Tests.Support.Numbers;

namespace Tidu.Rules.Tests.SingleChampion;

/// <summary>
/// Manufacturing single champion, version "2021" (the notices of 2021-04-26 and 2022): the demonstration enterprise
/// (sales of the product ≥ 70% of main-business revenue) and the champion product (no share condition). The strong
/// profile is moved three years back and evaluated on 2023-03-31 (Y = 2022 holds the figures written for 2025). Both
/// need a little-giant title when annual sales are 4亿元 or less (inclusive), ≥ 10 years in the field (≥ 3 for a new
/// product), a global top-3 rank, and the verified items 3–5 of 一（一）.
/// </summary>
public sealed class SingleChampionTests
{
    private const string Enterprise = "single-champion-enterprise";
    private const string Product = "single-champion-product";

    /// <summary>A day of the 2021 version on which the national rule sets are in force too.</summary>
    private static readonly DateOnly In2021Version = new(2023, 3, 31);

    private const int Back = -3;

    private static bool Qualified(EnterpriseProfile p, string tier) => Engine.Tier(p.Shifted(Back), In2021Version, tier).Qualified;

    private static Tidu.Rules.Evaluation.CheckResult Check(EnterpriseProfile p, string tier, string id) => Engine.Check(p.Shifted(Back), In2021Version, tier, id);

    private static EnterpriseProfile WithoutLittleGiant(EnterpriseProfile p) =>
        p with { Recognitions = [.. p.Recognitions!.Where(r => r.Tier != "little-giant")] };

    [Theory]
    [InlineData(Enterprise)]
    [InlineData(Product)]
    public void Strong_profile_qualifies_under_the_2021_version(string tier)
    {
        Qualified(Profiles.Strong(), tier).ShouldBeTrue();
        Engine.Tier(Profiles.Strong().Shifted(Back), In2021Version, tier).Version.VersionId.ShouldBe("2021");
    }

    [Theory]
    [InlineData("0.70", true)]
    [InlineData("0.6999", false)]
    public void The_enterprise_needs_the_product_at_70_percent_of_main_business(string share, bool passes)
    {
        var p = Profiles.Strong().WithMainProduct(m => m with { SalesShareOfMainBusiness = D(share) });
        Check(p, Enterprise, "single-champion.sales-share").Passed.ShouldBe(passes);
        Qualified(p, Enterprise).ShouldBe(passes);
        Qualified(p, Product).ShouldBeTrue(); // a champion product has no share condition
    }

    [Fact]
    public void A_missing_sales_share_fails_the_enterprise_only()
    {
        var p = Profiles.Strong().WithMainProduct(m => m with { SalesShareOfMainBusiness = null });
        Check(p, Enterprise, "single-champion.sales-share").MissingField.ShouldBe("/mainProduct/salesShareOfMainBusiness");
        Qualified(p, Enterprise).ShouldBeFalse();
        Qualified(p, Product).ShouldBeTrue();
    }

    [Theory]
    [InlineData(Enterprise, "40000", false)]   // 4亿元以下 includes 4亿: must be a little giant
    [InlineData(Enterprise, "40000.01", true)]
    [InlineData(Product, "40000", false)]
    [InlineData(Product, "40000.01", true)]
    public void Sales_of_40000_or_less_need_a_little_giant_title(string tier, string revenue2025, bool passesWithoutTitle)
    {
        var p = Profiles.Strong().WithYear(2025, f => f with { OperatingRevenue = D(revenue2025) });
        Qualified(WithoutLittleGiant(p), tier).ShouldBe(passesWithoutTitle);
        Qualified(p, tier).ShouldBeTrue();
    }

    [Theory]
    [InlineData("2026-03-31", true)] // moved three years back: valid until the evaluation day itself
    [InlineData("2026-03-30", false)]
    public void The_little_giant_title_must_be_valid_on_D(string validUntil, bool passes)
    {
        var q = WithoutLittleGiant(Profiles.Strong());
        var p = q with { Recognitions = [.. q.Recognitions!, new Recognition("little-giant", new DateOnly(2023, 7, 1), DateOnly.Parse(validUntil, CultureInfo.InvariantCulture), "national")] };
        Qualified(p, Enterprise).ShouldBe(passes);
    }

    [Fact]
    public void A_qualifying_little_giant_without_the_title_gets_apply_first_advice()
    {
        var p = WithoutLittleGiant(Profiles.Strong());
        Engine.Tier(p.Shifted(Back), In2021Version, "little-giant").Qualified.ShouldBeTrue();
        Check(p, Enterprise, "single-champion.little-giant.holds").Advice.ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData(12, false, true)]
    [InlineData(10, false, true)]
    [InlineData(9, false, false)]
    [InlineData(9, true, true)]   // a new product needs 3 years
    [InlineData(3, true, true)]
    [InlineData(2, true, false)]
    public void Years_in_the_field_need_10_or_3_for_a_new_product(int years, bool newProduct, bool passes)
    {
        var p = Profiles.Strong().WithMainProduct(m => m with { YearsInField = years });
        if (newProduct)
        {
            p = p with { VerifiedCriteria = [.. p.VerifiedCriteria!, "single-champion.new-product"] };
        }
        Qualified(p, Enterprise).ShouldBe(passes);
        Qualified(p, Product).ShouldBe(passes);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(3, true)]
    [InlineData(4, false)]
    public void The_product_must_rank_in_the_global_top_3(int rank, bool passes)
    {
        var p = Profiles.Strong().WithMainProduct(m => m with { GlobalMarketRank = rank });
        Qualified(p, Enterprise).ShouldBe(passes);
        Qualified(p, Product).ShouldBe(passes);
    }

    [Theory]
    [InlineData("single-champion.energy-use-advanced")]
    [InlineData("single-champion.safety-advanced")]
    [InlineData("single-champion.innovation.verified")]   // item 3: innovation
    [InlineData("single-champion.quality-profit")]        // item 4: quality and profitability above the industry
    [InlineData("single-champion.management-systems")]    // item 5: management systems
    public void Each_qualitative_item_must_be_verified(string criterion)
    {
        var p = Profiles.Strong() with { VerifiedCriteria = Profiles.Strong().VerifiedCriteria!.Where(c => c != criterion).ToList() };
        Qualified(p, Enterprise).ShouldBeFalse();
        Qualified(p, Product).ShouldBeFalse();
    }

    [Fact]
    public void A_violation_within_3_years_or_no_legal_personality_excludes()
    {
        Qualified(Profiles.Strong() with { Compliance = new Compliance { ViolationWithin3Years = true } }, Enterprise).ShouldBeFalse();
        Qualified(Profiles.Strong() with { IndependentLegalPerson = false }, Product).ShouldBeFalse();
        Qualified(Profiles.Strong() with { Compliance = new Compliance { ViolationWithin3Years = false } }, Enterprise).ShouldBeTrue();
    }

    [Fact]
    public void Item_3_also_needs_a_technical_standard_led_or_joined()
    {
        Check(Profiles.Strong() with { Standards = [] }, Enterprise, "single-champion.innovation.standards").Passed.ShouldBeFalse();
        Qualified(Profiles.Strong() with { Standards = [] }, Product).ShouldBeFalse();
        Qualified(Profiles.Strong() with { Standards = [new StandardEntry("industry", "participate", 2024)] }, Product).ShouldBeTrue();
    }
}
