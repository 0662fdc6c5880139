using Shouldly;
using Tidu.Domain.Profiles;
using Tidu.Rules.Tests.Support;
using Xunit;
using static Tidu.Rules.Tests.Support.Numbers;

namespace Tidu.Rules.Tests.HiddenChampion;

/// <summary>
/// Zhejiang's hidden champion, 2025 version (浙经信企业〔2025〕233号, as the cities' forwarding notices restate it), from
/// 2025-09-12. Strong profile in 西湖区 as of 2026-06-30 (Y = 2025): revenue 10000 → 11000 → 12100, net profit growing
/// exactly 10% a year, debt 40%, 11 years in the niche market, 2 main products, 2nd in the world, R&amp;D 12%, 4 invention
/// patents, established 2010-03-01. Every threshold on both sides.
/// </summary>
public sealed class HiddenChampion2025Tests
{
    private const string Tier = "hidden-champion";

    private static readonly DateOnly AsOf = Profiles.AsOf2026Rules;

    private static bool Passed(EnterpriseProfile p, string id) => Engine.Check(p, AsOf, Tier, id).Passed;

    private static bool Qualified(EnterpriseProfile p) => Engine.Tier(p, AsOf, Tier).Qualified;

    [Fact]
    public void Strong_profile_qualifies_under_the_2025_version()
    {
        var result = Engine.Tier(Profiles.Strong(), AsOf, Tier);
        result.Version.VersionId.ShouldBe("2025");
        result.Qualified.ShouldBeTrue();
    }

    [Fact]
    public void The_2025_conditions_take_over_on_2025_09_12()
    {
        // Revenue 4亿元: above the 2016 pool's 3亿元, inside the 2025 range. Y = 2024 on both days.
        var p = Profiles.Strong().Shifted(-1).WithYear(2024, f => f with { OperatingRevenue = 40000m, MainBusinessRevenue = 36000m, RdExpense = 4800m });
        var before = Engine.Tier(p, new DateOnly(2025, 9, 11), Tier);
        before.Version.VersionId.ShouldBe("2016");
        before.Checks.Single(c => c.Id == "hidden-champion.pool.revenue").Passed.ShouldBeFalse();
        var after = Engine.Tier(p, new DateOnly(2025, 9, 12), Tier);
        after.Version.VersionId.ShouldBe("2025");
        after.Checks.Single(c => c.Id == "hidden-champion.2025.revenue").Passed.ShouldBeTrue();
    }

    [Theory]
    [InlineData("2016-06-30", true)]  // 10 full years on 2026-06-30
    [InlineData("2016-07-01", false)]
    public void Ten_years_of_operation(string established, bool passes)
    {
        var p = Profiles.Strong() with { EstablishedOn = DateOnly.Parse(established, System.Globalization.CultureInfo.InvariantCulture) };
        Passed(p, "hidden-champion.2025.years-operating").ShouldBe(passes);
        Qualified(p).ShouldBe(passes);
    }

    [Theory]
    [InlineData("5000", true)]
    [InlineData("4999.99", false)]
    public void Revenue_of_at_least_5000(string revenue, bool passes)
    {
        var p = Profiles.Strong()
            .WithYear(2023, f => f with { OperatingRevenue = 4000m })
            .WithYear(2024, f => f with { OperatingRevenue = 4500m })
            .WithYear(2025, f => f with { OperatingRevenue = D(revenue) });
        Passed(p, "hidden-champion.2025.revenue.min").ShouldBe(passes);
        Passed(p, "hidden-champion.2025.revenue").ShouldBe(passes);
    }

    [Theory]
    [InlineData("200000", true)]   // 一般不超过20亿元: 20亿 itself is within
    [InlineData("200000.01", false)]
    public void Revenue_of_at_most_200000(string revenue, bool passes)
    {
        var p = Profiles.Strong().WithYear(2025, f => f with { OperatingRevenue = D(revenue) });
        Passed(p, "hidden-champion.2025.revenue.max").ShouldBe(passes);
    }

    [Theory]
    [InlineData(2025, "11000", false)]     // flat is not growth
    [InlineData(2025, "11000.01", true)]
    [InlineData(2024, "10000", false)]
    [InlineData(2024, "10000.01", true)]
    public void Revenue_grows_in_each_of_the_last_two_years(int year, string revenue, bool passes)
    {
        var p = Profiles.Strong().WithYear(year, f => f with { OperatingRevenue = D(revenue) });
        Passed(p, year == 2025 ? "hidden-champion.2025.revenue-growth-y" : "hidden-champion.2025.revenue-growth-y1").ShouldBe(passes);
    }

    [Theory]
    [InlineData("1452", true)]      // 10% and 10%: the mean is exactly 10%
    [InlineData("1451.99", false)]
    public void Net_profit_grows_10_percent_on_average(string profit2025, bool passes)
    {
        var p = Profiles.Strong().WithYear(2025, f => f with { NetProfit = D(profit2025) });
        Passed(p, "hidden-champion.2025.profit-growth").ShouldBe(passes);
        Qualified(p).ShouldBe(passes);
    }

    [Fact]
    public void A_loss_in_the_base_year_makes_profit_growth_not_available()
    {
        var p = Profiles.Strong().WithYear(2023, f => f with { NetProfit = -10m });
        var check = Engine.Check(p, AsOf, Tier, "hidden-champion.2025.profit-growth");
        check.Passed.ShouldBeFalse();
        check.MissingField.ShouldBe("/financials/0/netProfit");
    }

    [Theory]
    [InlineData("14000", true)]   // 70% of 20000
    [InlineData("14000.01", false)]
    public void Debt_ratio_of_at_most_70_percent(string liabilities, bool passes)
    {
        var p = Profiles.Strong().WithYear(2025, f => f with { TotalLiabilities = D(liabilities) });
        Passed(p, "hidden-champion.2025.debt-ratio").ShouldBe(passes);
        Qualified(p).ShouldBe(passes);
    }

    [Theory]
    [InlineData("2016-01-01", true)]  // 10 full years to 2026-01-01
    [InlineData("2016-01-02", false)]
    public void Ten_years_in_the_niche_to_the_end_of_last_year(string since, bool passes)
    {
        var p = Profiles.Strong() with { NicheMarketSince = DateOnly.Parse(since, System.Globalization.CultureInfo.InvariantCulture) };
        Passed(p, "hidden-champion.2025.niche-years").ShouldBe(passes);
        Qualified(p).ShouldBe(passes);
    }

    [Theory]
    [InlineData(3, true)]
    [InlineData(4, false)]
    public void At_most_three_main_products(int count, bool passes)
    {
        var p = Profiles.Strong().WithMainProduct(m => m with { ProductCount = count });
        Passed(p, "hidden-champion.2025.product-count").ShouldBe(passes);
        Qualified(p).ShouldBe(passes);
    }

    [Fact]
    public void An_unknown_number_of_main_products_is_not_available()
    {
        var check = Engine.Check(Profiles.Strong().WithMainProduct(m => m with { ProductCount = null }), AsOf, Tier, "hidden-champion.2025.product-count");
        check.Passed.ShouldBeFalse();
        check.MissingField.ShouldBe("/mainProduct/productCount");
    }

    [Theory]
    [InlineData("8470", true)]    // 70% of 12100
    [InlineData("8469.99", false)]
    public void Main_business_of_at_least_70_percent(string mainBusiness, bool passes)
    {
        var p = Profiles.Strong().WithYear(2025, f => f with { MainBusinessRevenue = D(mainBusiness) });
        Passed(p, "hidden-champion.2025.main-business-share").ShouldBe(passes);
        Qualified(p).ShouldBe(passes);
    }

    [Theory]
    [InlineData(10, 9, true)]   // global top 10
    [InlineData(11, 9, false)]
    [InlineData(11, 3, true)]   // or national top 3
    [InlineData(11, 4, false)]
    public void Global_top_10_or_national_top_3(int global, int domestic, bool passes)
    {
        var p = Profiles.Strong().WithMainProduct(m => m with { GlobalMarketRank = global, DomesticMarketRank = domestic });
        Passed(p, "hidden-champion.2025.market").ShouldBe(passes);
        Qualified(p).ShouldBe(passes);
    }

    [Theory]
    [InlineData(2025, "484", true)]      // 4% of 12100
    [InlineData(2025, "483.99", false)]
    [InlineData(2024, "440", true)]      // 4% of 11000
    [InlineData(2024, "439.99", false)]
    public void Rd_of_at_least_4_percent_in_each_of_the_last_two_years(int year, string rd, bool passes)
    {
        var p = Profiles.Strong().WithYear(year, f => f with { RdExpense = D(rd) });
        Passed(p, "hidden-champion.2025.innovation").ShouldBe(passes);
        Qualified(p).ShouldBe(passes);
    }

    [Theory]
    [InlineData(3, true)]
    [InlineData(2, false)]
    public void Three_invention_patents_or_other_ip_verified(int patents, bool passes)
    {
        var strong = Profiles.Strong();
        var p = strong with
        {
            IntellectualProperty = strong.IntellectualProperty! with { InventionPatents = patents },
            VerifiedCriteria = strong.VerifiedCriteria!.Where(c => c != "hidden-champion.2025.ip.other").ToList(),
        };
        Passed(p, "hidden-champion.2025.ip").ShouldBe(passes);
        Qualified(p).ShouldBe(passes);
        Qualified(p with { VerifiedCriteria = [.. p.VerifiedCriteria!, "hidden-champion.2025.ip.other"] }).ShouldBeTrue();
    }

    [Fact]
    public void Every_value_of_the_2025_version_is_unverified()
    {
        var result = Engine.Tier(Profiles.Strong(), AsOf, Tier);
        result.Version.Verification.IsVerified.ShouldBeFalse();
        result.Version.Verification.Against.ShouldAllBe(a => a.Copy == Tidu.Rules.Model.CopyKind.Secondary);
    }
}
