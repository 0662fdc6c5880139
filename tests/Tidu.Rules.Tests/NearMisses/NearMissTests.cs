using Shouldly;
using Tidu.Domain.Display;
using Tidu.Domain.Profiles;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Facts;
using Tidu.Rules.Tests.Support;
using Xunit;
using static Tidu.Rules.Tests.Support.Profiles;

namespace Tidu.Rules.Tests.NearMisses;

/// <summary>
/// A near miss (差一项) is a tier failed on exactly one decisive check that the enterprise can close by its own data —
/// decided from the rule model (the fact each check reads, FactDefinition.Closable), not by special cases: a large
/// enterprise failing only on its size class, or a firm failing the key little giant only because it was not selected
/// (it holds no such recognition), is one decisive check short but no near miss; a firm short only of a main-business
/// share is one.
/// </summary>
public sealed class NearMissTests
{
    private static readonly Evaluator Evaluator = Engine.Evaluator;

    [Fact]
    public void The_strong_profile_meets_the_specialized_sme_so_each_variant_below_changes_one_thing()
    {
        Engine.Tier(Strong(), AsOf2026Rules, "specialized-sme").Qualified.ShouldBeTrue();
    }

    [Fact]
    public void A_large_enterprise_short_only_of_the_size_class_is_no_near_miss()
    {
        // Four times the strong firm (same ratios and growth): 1,000 employees and 40,000 万元 revenue make it large.
        var large = Strong() with
        {
            Financials = [.. Strong().Financials.Select(f => f with
            {
                OperatingRevenue = f.OperatingRevenue * 4, MainBusinessRevenue = f.MainBusinessRevenue * 4, RdExpense = f.RdExpense * 4,
                NetProfit = f.NetProfit * 4, TotalAssets = f.TotalAssets * 4, TotalLiabilities = f.TotalLiabilities * 4,
                Employees = f.Employees * 4, RdStaff = f.RdStaff * 4, MainProductRevenue = f.MainProductRevenue * 4,
            })],
        };
        Engine.SizeClass(large, AsOf2026Rules).ShouldBe("large");
        var tier = Engine.Tier(large, AsOf2026Rules, "specialized-sme");

        var failure = Explanations.DecisiveFailures(tier.Checks).ShouldHaveSingleItem();
        Evaluator.Library.Index.Check(tier.Version, failure.Id)!.FactName.ShouldBe("sizeClass");
        Evaluator.Library.Index.IsNearMiss(tier).ShouldBeFalse();
    }

    [Fact]
    public void A_firm_not_selected_as_a_key_little_giant_is_no_near_miss_once_the_call_has_closed()
    {
        // 浙经信企业〔2021〕112号 四、1: the call closed on 2021-07-23; since then only a firm already selected (holding the
        // recognition) is one, a condition no change of the firm's data can meet.
        var untitled = Strong() with { Recognitions = [.. Strong().Recognitions!.Where(r => r.Tier != "key-little-giant")] };
        var tier = Engine.Tier(untitled, AsOf2026Rules, "key-little-giant");

        var failure = Explanations.DecisiveFailures(tier.Checks).ShouldHaveSingleItem();
        Evaluator.Library.Index.Check(tier.Version, failure.Id)!.FactName.ShouldBe("holdsRecognition");
        Evaluator.Library.Index.IsNearMiss(tier).ShouldBeFalse();
    }

    [Fact]
    public void A_firm_short_only_of_its_main_business_share_is_a_near_miss()
    {
        // 79% of revenue from the main business in every year (growth unchanged): below the 2026 rule's 80%.
        var diversified = Strong() with { Financials = [.. Strong().Financials.Select(f => f with { MainBusinessRevenue = f.OperatingRevenue * 0.79m })] };
        var tier = Engine.Tier(diversified, AsOf2026Rules, "specialized-sme");

        var failure = Explanations.DecisiveFailures(tier.Checks).ShouldHaveSingleItem();
        Evaluator.Library.Index.IsClosable(tier.Version, failure.Id).ShouldBeTrue();
        Evaluator.Library.Index.IsNearMiss(tier).ShouldBeTrue();
        // The same answer from the decisive failures alone (what the platform stores and screening counts).
        Evaluator.Library.Index.IsNearMiss(Evaluator.Evaluate(diversified, AsOf2026Rules, EvaluationDetail.DecisiveFailures).Tiers.Single(t => t.Tier == "specialized-sme")).ShouldBeTrue();
    }

    [Fact]
    public void A_qualified_tier_and_a_tier_short_of_two_checks_are_no_near_misses()
    {
        Evaluator.Library.Index.IsNearMiss(Engine.Tier(Strong(), AsOf2026Rules, "specialized-sme")).ShouldBeFalse();
        // Short of the main-business share and of any R&D spending: more than one decisive check.
        var twoShort = Strong() with { Financials = [.. Strong().Financials.Select(f => f with { MainBusinessRevenue = f.OperatingRevenue * 0.79m, RdExpense = 0m })] };
        var tier = Engine.Tier(twoShort, AsOf2026Rules, "specialized-sme");
        Explanations.DecisiveFailures(tier.Checks).Count.ShouldBeGreaterThan(1);
        Evaluator.Library.Index.IsNearMiss(tier).ShouldBeFalse();
    }

    [Theory]
    [InlineData("sizeClass", false)]
    [InlineData("holdsRecognition", false)]
    [InlineData("honorCount", false)]
    [InlineData("abnormalOperationList", false)]
    [InlineData("nicheMarketYears", false)]
    [InlineData("regionCode", false)]
    [InlineData("rdExpense", true)]
    [InlineData("mainBusinessShare", true)]
    [InlineData("ipClassI", true)]
    [InlineData("qualityEvaluationScore", true)]
    public void Closability_is_a_property_of_the_fact(string fact, bool closable) =>
        FactCatalog.All[fact].Closable.ShouldBe(closable);

    [Fact]
    public void Every_input_a_check_reads_has_a_Chinese_name_for_its_missing_data_message()
    {
        // An empty file: every check that reads an input names it as missing; each has a name in the display vocabulary.
        var empty = new EnterpriseProfile { CreditCode = "91330106MA2GXXXX0X", Name = "空档案", RegionCode = "330106", IndustryCode = "C3484", Financials = [] };
        var missing = Evaluator.Evaluate(empty, AsOf2026Rules).Tiers.SelectMany(t => t.Checks).Select(c => c.MissingField).OfType<string>().Distinct().ToList();
        missing.ShouldNotBeEmpty();
        foreach (var path in missing)
        {
            var name = FieldNames.Of(path);
            name.ShouldNotBe("相关数据", path);
            name.ShouldNotContain("/", Case.Sensitive, path);
        }
    }
}
