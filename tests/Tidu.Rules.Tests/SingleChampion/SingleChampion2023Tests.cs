using Shouldly;
using Tidu.Domain.Profiles;
using Tidu.Rules.Tests.Support;
using Xunit;
using static Tidu.Rules.Tests.Support.Numbers;

namespace Tidu.Rules.Tests.SingleChampion;

/// <summary>
/// Manufacturing single champion, version "2023" (《制造业单项冠军企业认定管理办法》, 工信部政法〔2023〕138号, in force
/// from 2023-09-01 here): 第三条's basic conditions, the verified 第二条 definition, ≥ 10 years in the field, global
/// top 3 or domestic first, product sales ≥ 70% of main business (enterprise). No 4亿元 / little-giant condition.
/// From 2023 no new champion products are recognised: the product tier is a re-review of champions already held.
/// Strong profile as of 2026-06-30 (Y = 2025); each threshold on both sides.
/// </summary>
public sealed class SingleChampion2023Tests
{
    private const string Enterprise = "single-champion-enterprise";
    private const string Product = "single-champion-product";

    private static readonly DateOnly AsOf = Profiles.AsOf2026Rules;

    private static bool Qualified(EnterpriseProfile p, string tier = Enterprise) => Engine.Tier(p, AsOf, tier).Qualified;

    private static bool Passed(EnterpriseProfile p, string id, string tier = Enterprise) => Engine.Check(p, AsOf, tier, id).Passed;

    private static EnterpriseProfile WithProductChampion(EnterpriseProfile p) =>
        p with { Recognitions = [.. p.Recognitions!, new Recognition(Product, new DateOnly(2021, 12, 1), new DateOnly(2026, 11, 30), "national")] };

    [Fact]
    public void The_measures_take_over_on_2023_09_01()
    {
        var p = Profiles.Strong().Shifted(-3); // Y = 2022 on both days
        Engine.Tier(p, new DateOnly(2023, 8, 31), Enterprise).Version.VersionId.ShouldBe("2021");
        Engine.Tier(p, new DateOnly(2023, 9, 1), Enterprise).Version.VersionId.ShouldBe("2023");
        // Below 4亿元 without a little-giant title: refused under the 2021 notice, not a condition of the 2023 measures.
        var small = p.WithYear(2022, f => f with { OperatingRevenue = 30000m }) with { Recognitions = [.. p.Recognitions!.Where(r => r.Tier != "little-giant")] };
        Engine.Tier(small, new DateOnly(2023, 8, 31), Enterprise).Qualified.ShouldBeFalse();
        Engine.Tier(small, new DateOnly(2023, 9, 1), Enterprise).Qualified.ShouldBeTrue();
    }

    [Fact]
    public void Strong_profile_qualifies_as_an_enterprise_and_a_product_champion_only_when_it_holds_one()
    {
        Qualified(Profiles.Strong()).ShouldBeTrue();
        Qualified(Profiles.Strong(), Product).ShouldBeFalse(); // no new product champions from 2023
        Passed(Profiles.Strong(), "single-champion.2023.product-holder", Product).ShouldBeFalse();
        Qualified(WithProductChampion(Profiles.Strong()), Product).ShouldBeTrue();
    }

    [Theory]
    [InlineData(10, true)]
    [InlineData(9, false)]
    public void Years_in_the_field_need_10(int years, bool passes)
    {
        var p = Profiles.Strong().WithMainProduct(m => m with { YearsInField = years });
        Passed(p, "single-champion.2023.years-in-field").ShouldBe(passes);
        Qualified(p).ShouldBe(passes);
        Qualified(WithProductChampion(p), Product).ShouldBe(passes);
    }

    [Theory]
    [InlineData(3, 5, true)]   // global top 3
    [InlineData(4, 5, false)]
    [InlineData(4, 1, true)]   // or first at home
    [InlineData(4, 2, false)]
    public void The_product_ranks_in_the_global_top_3_or_first_at_home(int global, int domestic, bool passes)
    {
        var p = Profiles.Strong().WithMainProduct(m => m with { GlobalMarketRank = global, DomesticMarketRank = domestic });
        Passed(p, "single-champion.2023.market").ShouldBe(passes);
        Qualified(p).ShouldBe(passes);
    }

    [Theory]
    [InlineData("0.70", true)]
    [InlineData("0.6999", false)]
    public void The_enterprise_needs_the_product_at_70_percent_of_main_business(string share, bool passes)
    {
        var p = Profiles.Strong().WithMainProduct(m => m with { SalesShareOfMainBusiness = D(share) });
        Passed(p, "single-champion.2023.sales-share").ShouldBe(passes);
        Qualified(p).ShouldBe(passes);
        Qualified(WithProductChampion(p), Product).ShouldBeTrue(); // no share condition for the product
    }

    [Fact]
    public void Article_3_excludes_listed_dishonest_or_incident_firms_and_needs_the_verified_items()
    {
        Qualified(Profiles.Strong() with { Compliance = new Compliance { AbnormalOperationList = true } }).ShouldBeFalse();
        Qualified(Profiles.Strong() with { Compliance = new Compliance { SeriousDishonestyList = true } }).ShouldBeFalse();
        Qualified(Profiles.Strong() with { Compliance = new Compliance { MajorIncidentWithin3Years = true } }).ShouldBeFalse();
        Qualified(Profiles.Strong() with { Compliance = new Compliance { ViolationWithin3Years = true } }).ShouldBeFalse();
        Qualified(Profiles.Strong().WithMainProduct(m => m with { RestrictedCategory = true })).ShouldBeFalse();
        foreach (var criterion in new[] { "single-champion.2023.national-interest", "single-champion.2023.definition" })
        {
            Qualified(Profiles.Strong() with { VerifiedCriteria = Profiles.Strong().VerifiedCriteria!.Where(c => c != criterion).ToList() }).ShouldBeFalse(criterion);
        }
    }

    [Fact]
    public void Values_known_only_from_secondary_sources_are_marked_unverified()
    {
        var result = Engine.Tier(Profiles.Strong(), AsOf, Enterprise);
        var v = result.Version.Verification;
        v.For("single-champion.2023.market").IsVerified.ShouldBeFalse();
        v.For("single-champion.2023.years-in-field").IsVerified.ShouldBeFalse();
        v.For("single-champion.2023.registered-in-mainland").IsVerified.ShouldBeTrue(); // 第三条, read in an official reprint
    }
}
