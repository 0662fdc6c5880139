using System.Text.Json.Nodes;
using Shouldly;
using Tidu.Domain.Profiles;
using Tidu.Domain.Regions;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Gaps;
using Tidu.Rules.Synthetic;
using Tidu.Rules.Tests.Support;
using Xunit;

namespace Tidu.Rules.Tests.Synthetic;

/// <summary>
/// The generator writes every field of exchange format v1.1, places values on and one step beside thresholds of both
/// national versions, and its tier mix follows the Zhejiang calibration (docs/synthetic-data.md) with little giants
/// under both versions.
/// </summary>
public sealed class ProfileGeneratorTests
{
    private const int Count = 20_000;
    private static readonly DateOnly Under2022 = new(2026, 3, 31);
    private static readonly DateOnly Under2026 = new(2026, 6, 30);

    private static readonly Lazy<List<EnterpriseProfile>> Generated = new(() =>
    {
        var generator = new ProfileGenerator(RegionTree.Shipped.Leaves(), Engine.Evaluator.Library, 2025);
        return Enumerable.Range(0, Count).AsParallel().AsOrdered().Select(i => generator.Generate(3, i)).ToList();
    });

    [Fact]
    public void Every_v1_1_field_is_written_by_some_profile()
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in Generated.Value.Take(5000))
        {
            Collect(ProfileJson.Of(p), "", paths);
        }
        // Every member the schema defines (array items as []).
        string[] expected =
        [
            "/creditCode", "/name", "/regionCode", "/industryCode", "/registeredInMainland", "/independentLegalPerson", "/establishedOn", "/nicheMarketSince",
            "/listing", "/listingPlan", "/mainProduct/name", "/mainProduct/strategicEmergingIndustry", "/mainProduct/chainContribution", "/mainProduct/keyField",
            "/mainProduct/domesticMarketShare", "/mainProduct/globalMarketRank", "/mainProduct/salesShareOfMainBusiness", "/mainProduct/yearsInField",
            "/mainProduct/internationalMarketShare", "/mainProduct/domesticMarketRank", "/mainProduct/marketPositionLeading", "/mainProduct/restrictedCategory",
            "/mainProduct/revenueShare", "/financials/[]/year", "/financials/[]/operatingRevenue", "/financials/[]/mainBusinessRevenue", "/financials/[]/rdExpense",
            "/financials/[]/basicResearchExpense", "/financials/[]/netProfit", "/financials/[]/totalAssets", "/financials/[]/totalLiabilities", "/financials/[]/employees",
            "/financials/[]/rdStaff", "/financials/[]/newQualifiedEquityFinancing", "/financials/[]/mainProductRevenue", "/financials/[]/newProductOutputValue",
            "/financials/[]/industrialOutputValue", "/intellectualProperty/classI", "/intellectualProperty/classISelfDeveloped", "/intellectualProperty/classIHighValue",
            "/intellectualProperty/classIApplied", "/intellectualProperty/classII", "/intellectualProperty/inventionPatents", "/rdInstitution", "/digitalLevel",
            "/coreBusinessOnInformationSystem", "/quality/provincialQualityAward", "/quality/managementSystemCertifications/[]", "/quality/developedMarketProductCertification",
            "/quality/ownBrand", "/standards/[]/level", "/standards/[]/role", "/standards/[]/year", "/honors/[]/kind", "/honors/[]/year", "/honors/[]/validUntil",
            "/honors/[]/rank", "/recognitions/[]/tier", "/recognitions/[]/recognizedOn", "/recognitions/[]/validUntil", "/recognitions/[]/issuer", "/localFeatureScore",
            "/compliance/abnormalOperationList", "/compliance/seriousDishonestyList", "/compliance/majorIncidentWithin3Years", "/compliance/violationWithin3Years",
            "/compliance/wageArrears", "/compliance/jointPunishment", "/qualityEvaluations/[]/year", "/qualityEvaluations/[]/score", "/verifiedCriteria/[]",
        ];
        expected.Where(e => !paths.Contains(e)).ShouldBeEmpty();
    }

    [Fact]
    public void Recognitions_are_held_expired_and_dated_after_the_evaluation_year()
    {
        var all = Generated.Value.SelectMany(p => p.Recognitions ?? []).ToList();
        all.ShouldContain(r => r.IsValidOn(Under2026));
        all.ShouldContain(r => r.ValidUntil < new DateOnly(2026, 1, 1));
        all.ShouldContain(r => r.RecognizedOn > new DateOnly(2026, 12, 31));
        Generated.Value.SelectMany(p => p.Honors ?? []).ShouldContain(h => h.ValidUntil < new DateOnly(2026, 1, 1));
    }

    [Fact]
    public void Thresholds_of_both_versions_are_targets_and_values_sit_on_and_beside_them()
    {
        var generator = new ProfileGenerator(RegionTree.Shipped.Leaves(), Engine.Evaluator.Library, 2025);
        var targets = generator.Targets;
        // Both national versions contribute: the 2026 revenue line of 1500 万元 and the 2022 one of 1000 万元 (specialized SME).
        targets.ShouldContain(t => t.RuleSet == "specialized-sme" && t.Fact == "operatingRevenue" && t.Threshold == 1500m);
        targets.ShouldContain(t => t.RuleSet == "specialized-sme" && t.Fact == "operatingRevenue" && t.Threshold == 1000m);
        targets.ShouldContain(t => t.Fact == "qualityEvaluationScore");
        // Revenue of Y exactly on 1500, and 0.01 below and above, each occurs.
        var revenues = Generated.Value.Select(p => p.FinancialsOf(2025)?.OperatingRevenue).ToHashSet();
        revenues.ShouldContain(1500m);
        revenues.ShouldContain(1499.99m);
        revenues.ShouldContain(1500.01m);
        // About NearBoundaryShare of the profiles were placed (the candidates' own values differ from the ordinary ones').
        ProfileGenerator.NearBoundaryShare.ShouldBe(0.25);
    }

    [Fact]
    public void The_tier_mix_follows_the_zhejiang_calibration_and_little_giants_occur_under_both_versions()
    {
        var evaluator = Engine.Evaluator;
        int Qualified(DateOnly d, string tier) => Generated.Value.AsParallel().Count(p => evaluator.Evaluate(p, d, EvaluationDetail.Outcome).Tiers.Any(t => t.Tier == tier && t.Qualified));
        var mix = TierMix.Zhejiang;
        // Targets: each rung's share of all enterprises (nested rungs).
        var targets = new Dictionary<string, double>
        {
            ["innovative-sme"] = (double)TierMix.ZhejiangInnovative / TierMix.ZhejiangEnterprises,
            ["specialized-sme"] = (double)TierMix.ZhejiangSpecialized / TierMix.ZhejiangEnterprises,
            ["little-giant"] = (double)TierMix.ZhejiangLittleGiants / TierMix.ZhejiangEnterprises,
        };
        (mix.LittleGiant + mix.Specialized + mix.Innovative).ShouldBe(targets["innovative-sme"], 1e-12);
        foreach (var date in new[] { Under2022, Under2026 })
        {
            foreach (var (tier, target) in targets)
            {
                var share = (double)Qualified(date, tier) / Count;
                // Ordinary enterprises meet a rung now and then, and boundary placement moves some candidates out:
                // the documented tolerance is a factor of 3 either way.
                share.ShouldBeInRange(target / 3, target * 3, $"{tier} on {date:yyyy-MM-dd}: {share:P3} against {target:P3}");
            }
            Qualified(date, "little-giant").ShouldBeGreaterThan(0);
        }
    }

    [Fact]
    public void The_calibration_figures_are_the_reference_data()
    {
        // data/targets.csv (embedded): the 2024-03-31 actuals the pyramid is calibrated to.
        var actuals = Tidu.Domain.Targets.TargetTable.Shipped.Where(t => t.Jurisdiction == "33" && t.Kind == "actual").ToDictionary(t => t.Tier, t => t.Count);
        actuals["innovative-sme"].ShouldBe(TierMix.ZhejiangInnovative);
        actuals["specialized-sme"].ShouldBe(TierMix.ZhejiangSpecialized);
        actuals["little-giant"].ShouldBe(TierMix.ZhejiangLittleGiants);
    }

    private static void Collect(JsonNode? node, string path, HashSet<string> paths)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, v) in o)
                {
                    Collect(v, path + "/" + k, paths);
                }
                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    Collect(item, path + "/[]", paths);
                }
                break;
            case JsonValue:
                paths.Add(path);
                break;
        }
    }
}
