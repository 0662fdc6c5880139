using Shouldly;
using Tidu.Domain.Profiles;
using Tidu.Rules.Tests.Support;
using Xunit;
using static Tidu.Rules.Tests.Policies.PolicySupport;

namespace Tidu.Rules.Tests.Policies;

/// <summary>Zhejiang 2022 and 2024, Hubei 2023, the national 2021 measures and the 2024 fund: amounts by hand from the texts.</summary>
public sealed class ProvinceClauseTests
{
    private static readonly DateOnly AsOf = new(2024, 12, 31);
    private static readonly DateOnly Day = new(2024, 7, 1);
    private const string Hangzhou = "330106";

    [Theory]
    [InlineData(1000, null)] // 高于1000万元: not at exactly 1000
    [InlineData(1000.01, 50.0005)]
    [InlineData(9999.98, 499.999)]
    [InlineData(10000, 500.0)]
    [InlineData(10000.02, 500.0)]
    public void Zhejiang_overseas_rd_five_percent_above_1000_capped_at_500(decimal rdInput, double? expected) =>
        Match(Firm(Hangzhou), AsOf, Project("O1", "overseas-rd", Day, ("rdInput", rdInput))).Paid("zj-2022-overseas-rd").ShouldBe((decimal?)expected);

    [Fact]
    public void Zhejiang_extra_deduction_needs_high_tech_or_tech_sme()
    {
        Match(Firm(Hangzhou), AsOf).Paid("zj-2022-rd-extra-deduction").ShouldBe(45m); // 1200 × 25% × 15%
        var awards = Match(Firm(Hangzhou) with { Honors = [] }, AsOf);
        awards.IsPaid("zj-2022-rd-extra-deduction").ShouldBeFalse();
        awards.NearMisses.ShouldContain(n => n.Clause.Id == "zj-2022-rd-extra-deduction");
    }

    [Fact]
    public void Zhejiang_listing_award_is_for_a_listed_firm_and_states_no_amount()
    {
        // 浙政办发〔2022〕19号 二（八）1: 对在A股或境外主要证券交易所上市的企业给予一定奖励 — a filing is not a listing.
        var listed = Project("IPO", "listing", Day) with { Market = "domestic", Stage = "listed" };
        var awards = Match(Firm(Hangzhou), AsOf, listed);
        var claim = awards.Paid.Single(c => c.Clause.Id == "zj-2022-listing-award");
        claim.Amount.ShouldBeNull();
        claim.Clause.Benefit.ShouldNotBeNull().ShouldContain("上市的企业给予一定奖励");
        var filed = Match(Firm(Hangzhou), AsOf, listed with { Stage = "filed" });
        filed.IsPaid("zj-2022-listing-award").ShouldBeFalse();
        filed.NearMisses.Single(n => n.Clause.Id == "zj-2022-listing-award").Missing.Single().ShouldContain("进度为 filed");
    }

    private static EnterpriseProfile RdFirm(decimal revenue2024, decimal rd2023, decimal rd2024, decimal? basic = null) => Firm(Hangzhou) with
    {
        Financials =
        [
            Profiles.Year(2023, 10000m, 9000m, rd2023, 1000m, 20000m, 8000m, 250, 100, inputIndex: 0),
            Profiles.Year(2024, revenue2024, 9000m, rd2024, 1000m, 20000m, 8000m, 250, 100, inputIndex: 1) with { BasicResearchExpense = basic },
        ],
    };

    private static readonly DateOnly AsOf2025 = new(2025, 6, 30);

    [Theory]
    [InlineData(10000, 250, 300, 15.0)] // exactly 3% and exactly 20%: 5% (default) × 300
    [InlineData(10000.01, 250, 300, null)] // ratio just under 3%
    [InlineData(10000, 250.01, 300, null)] // growth just under 20%
    public void Zhejiang_2024_rd_award_intensity_and_growth(decimal revenue, decimal rd2023, decimal rd2024, double? expected) =>
        Match(RdFirm(revenue, rd2023, rd2024), AsOf2025).Paid("zj-2024-rd-award").ShouldBe((decimal?)expected);

    [Theory]
    [InlineData(1000, null)]
    [InlineData(1000.01, 50.0005)]
    public void Zhejiang_2024_basic_research_above_1000(decimal basic, double? expected) =>
        Match(RdFirm(100000m, 250m, 300m, basic), AsOf2025).Paid("zj-2024-rd-award.basic-research").ShouldBe((decimal?)expected);

    [Fact]
    public void Zhejiang_2024_both_routes_pay_once_the_higher()
    {
        var awards = Match(RdFirm(10000m, 250m, 300m, 2000m), AsOf2025);
        awards.Paid("zj-2024-rd-award.basic-research").ShouldBe(100m);
        awards.IsPaid("zj-2024-rd-award").ShouldBeFalse();
        awards.Excluded.Single().ExcludedBy.ShouldBe("zj-2024-rd-award.basic-research");
    }

    [Fact]
    public void Zhejiang_2024_voucher_covers_at_least_80_percent_of_premiums()
    {
        var awards = Match(Firm(Hangzhou), AsOf2025, Project("I1", "first-use-insurance", new DateOnly(2025, 1, 10), ("premium", 10m)));
        awards.Paid("zj-2024-voucher-insurance").ShouldBe(8m);
        awards.Paid.Single(c => c.Clause.Id == "zj-2024-voucher-insurance").Formula.ShouldStartWith("不低于");
    }

    [Theory]
    [InlineData(1999.99, false, null)]
    [InlineData(2000, false, 200.0)]
    [InlineData(4999.99, false, 499.999)]
    [InlineData(5000.01, false, 500.0)]
    [InlineData(2000, true, 400.0)]
    [InlineData(2499.99, true, 499.998)]
    [InlineData(2500.01, true, 500.0)]
    public void Hubei_rd_platform_ten_or_twenty_percent_capped_at_500(decimal cost, bool serves, double? expected)
    {
        var project = Project("R1", "rd-platform", Day, ("constructionCost", cost)) with { Flags = new Dictionary<string, bool> { ["servesIndustry"] = serves } };
        var awards = Match(Firm(Hubei), AsOf, project);
        awards.Paid.Where(c => c.Clause.Purpose == "rd-platform").Sum(c => c.Amount).ShouldBe(expected is null ? 0m : (decimal)expected.Value);
        awards.Paid.Count(c => c.Clause.Purpose == "rd-platform").ShouldBe(expected is null ? 0 : 1);
    }

    [Theory]
    [InlineData(999.99, 100, null)]
    [InlineData(1000, 100, 8.0)]
    [InlineData(1000, 12499.99, 999.9992)]
    [InlineData(1000, 12500, 1000.0)]
    [InlineData(1000, 12500.01, 1000.0)]
    public void Hubei_tech_upgrade_threshold_1000_eight_percent_capped_at_1000(decimal total, decimal equipment, double? expected) =>
        Match(Firm(Hubei), AsOf, Project("T1", "tech-upgrade", Day, ("totalInvestment", total), ("equipmentPurchase", equipment))).Paid("hb-tech-upgrade").ShouldBe((decimal?)expected);

    [Fact]
    public void Hubei_one_off_awards()
    {
        var awards = Match(Firm(Hubei, new Recognition("little-giant", Day, new DateOnly(2027, 6, 30), "MIIT")), AsOf,
            Project("N1", "national-innovation-centre", Day), Project("N2", "national-lab", Day), Project("N3", "open-competition", Day), Project("N4", "identifier-node", Day));
        awards.Paid("hb-little-giant").ShouldBe(50m);
        awards.Paid("hb-national-centre").ShouldBe(1000m);
        awards.Paid("hb-national-lab").ShouldBe(500m);
        awards.Paid("hb-open-competition").ShouldBe(1000m);
        awards.Paid("hb-identifier-node").ShouldBe(100m);
        awards.TotalsByFundingLevel["province"].ShouldBe(2650m);
        awards.Services.Select(s => s.Clause.Id).ShouldContain("hb-commissioner");
    }

    [Theory]
    [InlineData("2023-04-26", false)]
    [InlineData("2023-04-27", true)]
    public void Hubei_little_giant_award_counts_recognitions_from_the_measures_date(string on, bool paid) =>
        Match(Firm(Hubei, new Recognition("little-giant", DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture), new DateOnly(2027, 6, 30), "MIIT")), AsOf)
            .IsPaid("hb-little-giant").ShouldBe(paid);

    [Fact]
    public void Qualifying_by_evaluation_without_recognition_is_a_near_miss_to_apply_for()
    {
        // Strong qualifies as a little giant on 2026-03-31 (2022 rules) but holds no such recognition.
        var awards = Match(Firm(Hubei), Profiles.AsOf2022Rules);
        awards.IsPaid("hb-little-giant").ShouldBeFalse();
        awards.NearMisses.Single(n => n.Clause.Id == "hb-little-giant").Missing.Single().ShouldContain("请先申请");
    }

    [Fact]
    public void The_2024_fund_selects_little_giants_by_its_own_fields_and_states_no_amount_for_the_firm()
    {
        var giant = new Recognition("little-giant", Day, new DateOnly(2027, 6, 30), "MIIT");
        var selected = Project("F1", "key-little-giant-fund", Day);
        // Strong: key-results in a key chain, strategic emerging → in the fund's fields; no Zhejiang key-little-giant call needed.
        var awards = Match(Firm(Hubei, giant), AsOf, selected);
        var claim = awards.Paid.Single(c => c.Clause.Id == "cn-key-little-giant-fund");
        claim.Amount.ShouldBeNull();
        claim.Clause.Amount!.Kind.ShouldBe(Tidu.Rules.Policies.FormulaKind.Unstated);
        claim.Clause.Benefit.ShouldNotBeNull().ShouldContain("600万元");
        awards.Total.ShouldBe(awards.Paid.Where(c => c.Amount is not null).Sum(c => c.Amount!.Value)); // nothing of it in the total
        awards.UnstatedCount.ShouldBeGreaterThan(0);
        // Outside the fields: a near miss that names the condition.
        var outside = Firm(Hubei, giant).WithMainProduct(m => m with { ChainContribution = "basics", StrategicEmergingIndustry = false, IndustryDirection = "traditional-upgrading" });
        var miss = Match(outside, AsOf, selected);
        miss.IsPaid("cn-key-little-giant-fund").ShouldBeFalse();
        miss.Services.ShouldNotContain(c => c.Clause.Id == "cn-key-little-giant-fund");
        // A future-industry product alone is in the fields (the fund's own list, not the 2022 key fields).
        var future = outside.WithMainProduct(m => m with { IndustryDirection = "future" });
        Match(future, AsOf, selected).IsPaid("cn-key-little-giant-fund").ShouldBeTrue();
        // Before the programme (2024) there is no fund.
        Match(Firm(Hubei, giant), new DateOnly(2023, 12, 31), Project("F0", "key-little-giant-fund", new DateOnly(2023, 7, 1))).IsPaid("cn-key-little-giant-fund").ShouldBeFalse();
    }

    [Fact]
    public void National_services_reach_specialized_smes_and_little_giants_anywhere()
    {
        var awards = Match(Firm(Hubei, new Recognition("little-giant", Day, new DateOnly(2027, 6, 30), "MIIT")), AsOf);
        awards.Services.Select(s => s.Clause.Id).ShouldContain("cn-commissioner");
        awards.Services.Select(s => s.Clause.Id).ShouldContain("cn-bank-list-push");
        awards.Services.Select(s => s.Clause.Id).ShouldContain("cn-little-giant-half-fee");
        awards.Services.Select(s => s.Clause.Id).ShouldContain("cn-neeq-green-channel");
        awards.Services.Select(s => s.Clause.Id).ShouldContain("cn-tax-spring-rain");
        awards.Services.Select(s => s.Clause.Id).ShouldContain("hb-commissioner");
        awards.Services.Single(s => s.Clause.Id == "cn-commissioner").Clause.FundingKey.ShouldBe("city+district"); // a local duty
        // Without a recognition of the ladder: only the services for every SME.
        var plain = Match(Firm(Hubei) with { Recognitions = [] }, AsOf);
        plain.Services.Select(s => s.Clause.Id).ShouldNotContain("cn-commissioner");
        plain.Services.Select(s => s.Clause.Id).ShouldContain("cn-169-procurement");
    }
}
