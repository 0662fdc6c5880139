using Shouldly;
using Tidu.Domain.Profiles;
using Xunit;
using static Tidu.Rules.Tests.Policies.PolicySupport;

namespace Tidu.Rules.Tests.Policies;

/// <summary>
/// The district's draft implementing opinions on 专精特新 enterprises, in force 2022-06-01 – 2025-05-31 (assumed, see the rule file). Expected amounts are
/// computed by hand from the seed's clauses; every cap and threshold is tested on both sides.
/// </summary>
public sealed class DistrictClauseTests
{
    private static readonly DateOnly AsOf = new(2024, 12, 31);
    private static readonly DateOnly Day = new(2024, 7, 1);

    [Fact]
    public void Tier_awards_for_two_recognitions_add_up()
    {
        var awards = Match(Firm(District, new Recognition("little-giant", Day, new DateOnly(2027, 6, 30), "MIIT")), AsOf);
        awards.Paid("d-tier-award.little-giant").ShouldBe(100m);
        awards.Paid("d-tier-award.specialized-sme").ShouldBe(20m);
        awards.Paid.Single(c => c.Clause.Id == "d-tier-award.little-giant").Formula.ShouldContain("最高");
    }

    [Fact]
    public void Expired_recognition_gives_no_award_and_says_why()
    {
        var awards = Match(Firm(District, new Recognition("little-giant", new DateOnly(2022, 7, 1), new DateOnly(2024, 6, 30), "MIIT")), AsOf);
        awards.IsPaid("d-tier-award.little-giant").ShouldBeFalse();
        awards.NearMisses.Single(n => n.Clause.Id == "d-tier-award.little-giant").Missing.Single().ShouldContain("2024-06-30");
    }

    [Theory]
    [InlineData("2022-05-31", false)]
    [InlineData("2022-06-01", true)]
    public void Only_recognitions_obtained_while_the_draft_is_in_force_count(string recognizedOn, bool paid)
    {
        var on = DateOnly.Parse(recognizedOn, System.Globalization.CultureInfo.InvariantCulture);
        Match(Firm(District, new Recognition("hidden-champion", on, new DateOnly(2027, 1, 1), "330000")), AsOf).IsPaid("d-tier-award.hidden-champion").ShouldBe(paid);
    }

    [Fact]
    public void Nothing_of_the_draft_applies_after_it_expires()
    {
        Match(Firm(District), new DateOnly(2025, 6, 1)).Paid.ShouldNotContain(c => c.Clause.Document.Id == "hz-district-2022");
        Match(Firm(District), new DateOnly(2025, 5, 31)).IsPaid("d-tier-award.specialized-sme").ShouldBeTrue();
    }

    [Fact]
    public void Outside_the_district_its_clauses_do_not_apply() =>
        Match(Firm("330106"), AsOf).Paid.ShouldNotContain(c => c.Clause.Document.Id == "hz-district-2022");

    [Theory]
    [InlineData(3999.98, 1999.99)]
    [InlineData(4000, 2000)]
    [InlineData(4000.02, 2000)]
    public void Common_platform_half_of_investment_capped_at_2000(decimal investment, decimal expected) =>
        Match(Firm(District), AsOf, Project("P1", "common-platform", Day, ("investment", investment))).Paid("d-common-platform").ShouldBe(expected);

    [Theory]
    [InlineData(999.9, 99.99)]
    [InlineData(1000, 100)]
    [InlineData(1000.1, 100)]
    public void Digital_project_ten_percent_default_capped_at_100(decimal investment, decimal expected) =>
        Match(Firm(District), AsOf, Project("P1", "digital-project", Day, ("investment", investment))).Paid("d-digital").ShouldBe(expected);

    [Theory]
    [InlineData(166.66, 49.998)]
    [InlineData(166.67, 50)]
    public void Innovation_voucher_thirty_percent_up_to_50_a_year(decimal contract, decimal expected) =>
        Match(Firm(District), AsOf, Project("V1", "innovation-voucher", Day, ("contractAmount", contract))).Paid("d-innovation-voucher").ShouldBe(expected);

    [Fact]
    public void Innovation_voucher_cap_is_per_firm_per_year()
    {
        var sameYear = Match(Firm(District), AsOf, Project("V1", "innovation-voucher", Day, ("contractAmount", 100m)), Project("V2", "innovation-voucher", Day.AddDays(10), ("contractAmount", 100m)));
        sameYear.Paid("d-innovation-voucher").ShouldBe(50m); // 30 + 20
        sameYear.Paid.Last(c => c.Clause.Id == "d-innovation-voucher").Caps.Single().Kind.ShouldBe("perFirmPerYear");
        var twoYears = Match(Firm(District), AsOf, Project("V1", "innovation-voucher", new DateOnly(2023, 7, 1), ("contractAmount", 100m)), Project("V2", "innovation-voucher", Day, ("contractAmount", 100m)));
        twoYears.Paid("d-innovation-voucher").ShouldBe(60m);
    }

    [Theory]
    [InlineData(9195, 199.9913)] // 0.5 × 9195 × 4.35% = 199.99125 → one yuan, half away from zero
    [InlineData(9196, 200)]
    public void Ip_pledge_interest_subsidy_half_the_benchmark_interest_up_to_200_a_year(decimal loan, decimal expected) =>
        Match(Firm(District), AsOf, Project("L1", "ip-pledge-loan", Day, ("loan", loan))).Paid("d-ip-pledge").ShouldBe(expected);

    [Theory]
    [InlineData(15, 10, 20)]
    [InlineData(10, 10, 20)]
    [InlineData(9.99, 10, 19.99)]
    public void Expo_booth_fees_up_to_20_a_year(decimal first, decimal second, decimal expected) =>
        Match(Firm(District), AsOf, Project("E1", "expo-booth", Day, ("boothFee", first)), Project("E2", "expo-booth", Day.AddDays(1), ("boothFee", second))).Paid("d-expo-booth").ShouldBe(expected);

    [Theory]
    [InlineData(999.99, false)]
    [InlineData(1000, true)]
    public void Vc_backed_firm_needs_1000_of_cumulative_investment_and_is_decided_case_by_case(decimal cumulative, bool paid)
    {
        var awards = Match(Firm(District), AsOf, Project("F1", "vc-financing", Day, ("cumulativeInvestment", cumulative)));
        awards.IsPaid("d-vc-backed").ShouldBe(paid);
        if (paid)
        {
            awards.Paid("d-vc-backed").ShouldBeNull();
            awards.PerCaseCount.ShouldBe(1);
        }
        else
        {
            awards.NearMisses.Single(n => n.Clause.Id == "d-vc-backed").Missing.Single().ShouldContain("999.99");
        }
    }

    [Theory]
    [InlineData("tutoring", 100)]
    [InlineData("filed", 200)]
    [InlineData("listed", 400)]
    public void Domestic_listing_paid_in_stages(string stage, decimal expected) =>
        Match(Firm(District), AsOf, Project("IPO", "listing", Day) with { Market = "domestic", Stage = stage }).Paid("d-listing.domestic").ShouldBe(expected);

    [Fact]
    public void Overseas_listing_is_one_off_300() =>
        Match(Firm(District), AsOf, Project("IPO", "listing", Day) with { Market = "overseas" }).Paid("d-listing.overseas").ShouldBe(300m);

    [Theory]
    [InlineData("national", "d-rd-centre.national", 100)]
    [InlineData("provincial", "d-rd-centre.provincial", 50)]
    [InlineData("city", "d-rd-centre.city", 20)]
    public void Rd_centre_by_level(string level, string clause, decimal expected)
    {
        var awards = Match(Firm(District), AsOf, Project("C1", "rd-centre", Day) with { Level = level });
        awards.Paid(clause).ShouldBe(expected);
        awards.Paid.Count(c => c.Clause.Purpose == "rd-centre").ShouldBe(1);
    }

    [Fact]
    public void First_set_product_needs_a_specialized_recognition()
    {
        Match(Firm(District), AsOf, Project("S1", "first-set", Day)).Paid("d-first-set").ShouldBe(50m);
        var none = Firm(District) with { Recognitions = [] };
        var awards = Match(none, AsOf, Project("S1", "first-set", Day));
        awards.IsPaid("d-first-set").ShouldBeFalse();
        awards.NearMisses.Single(n => n.Clause.Id == "d-first-set").Missing.Single().ShouldContain("需持有有效的");
    }

    [Fact]
    public void Hosting_an_expo_up_to_100_and_services_listed()
    {
        var awards = Match(Firm(District), AsOf, Project("X1", "expo-host", Day));
        awards.Paid("d-expo-host").ShouldBe(100m);
        awards.Services.Select(s => s.Clause.Id).ShouldContain("d-commissioner");
        awards.Services.Select(s => s.Clause.Id).ShouldContain("d-guarantee");
    }

    [Fact]
    public void Totals_are_kept_per_funding_level()
    {
        var awards = Match(Firm(District), AsOf, Project("X1", "expo-host", Day));
        // district: specialized-SME award 20 + expo 100; province of Zhejiang, locally funded: 1200 (R&D of Y) × 25% × 15% = 45
        awards.TotalsByFundingLevel["city+district"].ShouldBe(165m);
        awards.Total.ShouldBe(awards.TotalsByFundingLevel.Values.Sum());
    }
}
