using Shouldly;
using Tidu.Domain.Profiles;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Files;
using Tidu.Rules.Tests.Support;
using Xunit;

namespace Tidu.Rules.Tests.Jurisdictions;

/// <summary>
/// Overlays: a province (or city) file that extends the national specialized-SME rules and replaces the 特色化 input
/// (localFeatureScore, 15 points) with its own indicators. The seeds give no province's 特色化 indicators, so the
/// overlays here are test fixtures written into a copy of the shipped rules — the mechanism, not a real rule.
/// </summary>
public sealed class OverlayTests : IDisposable
{
    private const string Tier = "specialized-sme";

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tidu-overlay-" + Guid.NewGuid().ToString("N"));

    public OverlayTests()
    {
        foreach (var file in Directory.EnumerateFiles(RuleLibrary.DefaultDirectory, "*.yaml", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_dir, Path.GetRelativePath(RuleLibrary.DefaultDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A province overlay for the 2022 version: 10 points for a verified cluster, 5 for digital level ≥ 3.</summary>
    private const string ProvinceOverlay = """
        # TEST FIXTURE — not a real rule.
        id: specialized-sme
        kind: tier
        title: 专精特新中小企业
        jurisdiction: "33"
        extends: national
        source: {title: 测试用省级特色化指标（非真实规则）}
        versions:
          - id: "2022-test"
            effectiveFrom: 2022-08-01
            effectiveTo: 2026-03-31
            cite: 测试夹具 特色化指标
            readings: [测试：特色化指标由本省规则计算，不取 localFeatureScore。]
            replace:
              - indicator: specialized.local-features
                with:
                  - id: test.local.cluster
                    title: 属于本省重点产业集群（测试）
                    dimension: local-features
                    cases:
                      - {points: 10, when: {id: test.local.cluster.verified, title: 已核实属于重点产业集群, fact: officerVerified, criterion: test.local.cluster, is: true}}
                    otherwise: 0
                  - id: test.local.digital
                    title: 数字化水平三级以上（测试）
                    dimension: local-features
                    fact: digitalLevel
                    bands:
                      - {from: 3, points: 5}
                      - {to: 3, points: 0}
        """;

    /// <summary>A city overlay (Hangzhou) for the same version: all 15 points for one verified item.</summary>
    private const string CityOverlay = """
        # TEST FIXTURE — not a real rule.
        id: specialized-sme
        kind: tier
        title: 专精特新中小企业
        jurisdiction: "3301"
        extends: national
        source: {title: 测试用市级特色化指标（非真实规则）}
        versions:
          - id: "2022-city-test"
            effectiveFrom: 2022-08-01
            effectiveTo: 2026-03-31
            cite: 测试夹具 市级特色化指标
            replace:
              - indicator: specialized.local-features
                with:
                  - id: test.city.feature
                    title: 市级特色（测试）
                    dimension: local-features
                    cases:
                      - {points: 15, when: {id: test.city.feature.verified, title: 已核实, fact: officerVerified, criterion: test.city.feature, is: true}}
                    otherwise: 0
        """;

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private Evaluator Load() => new(RuleLibrary.Load(_dir));

    private static EnterpriseProfile In(string region, params string[] verified) =>
        Profiles.Strong() with { RegionCode = region, VerifiedCriteria = [.. Profiles.Strong().VerifiedCriteria!, .. verified] };

    private static decimal LocalPoints(TierResult t) => t.SubScores.Single(s => s.Dimension == "local-features").Points;

    [Fact]
    public void A_province_overlay_replaces_the_local_feature_input_for_its_enterprises_only()
    {
        Write("33/specialized-sme.yaml", ProvinceOverlay);
        var engine = Load();
        // The strong profile inputs localFeatureScore 15; digital level 3; the cluster is not verified.
        var zj = engine.Evaluate(In("330212"), Profiles.AsOf2022Rules).Tiers.Single(t => t.Tier == Tier);
        var hb = engine.Evaluate(In("420111"), Profiles.AsOf2022Rules).Tiers.Single(t => t.Tier == Tier);

        zj.Jurisdiction.ShouldBe("33");
        LocalPoints(zj).ShouldBe(5m);
        zj.Checks.ShouldContain(c => c.Id == "test.local.digital" && c.Points == 5m);
        zj.Checks.ShouldNotContain(c => c.Id == "specialized.local-features");
        zj.Readings.ShouldContain("测试：特色化指标由本省规则计算，不取 localFeatureScore。");

        hb.Jurisdiction.ShouldBe("national");
        LocalPoints(hb).ShouldBe(15m);
        hb.Checks.ShouldContain(c => c.Id == "specialized.local-features" && c.Points == 15m);

        zj.Score.ShouldBe(hb.Score - 10m);
    }

    [Fact]
    public void The_overlay_scores_its_indicators_from_the_profile()
    {
        Write("33/specialized-sme.yaml", ProvinceOverlay);
        var engine = Load();
        LocalPoints(engine.Evaluate(In("330212", "test.local.cluster"), Profiles.AsOf2022Rules).Tiers.Single(t => t.Tier == Tier)).ShouldBe(15m);
        var lowDigital = In("330212", "test.local.cluster") with { DigitalLevel = 2 };
        LocalPoints(engine.Evaluate(lowDigital, Profiles.AsOf2022Rules).Tiers.Single(t => t.Tier == Tier)).ShouldBe(10m);
    }

    [Fact]
    public void The_base_applies_again_when_the_overlay_is_not_in_force()
    {
        Write("33/specialized-sme.yaml", ProvinceOverlay);
        var result = Load().Evaluate(In("330212"), Profiles.AsOf2026Rules).Tiers.Single(t => t.Tier == Tier);
        result.Jurisdiction.ShouldBe("national");
        result.Version.VersionId.ShouldBe("2026");
    }

    [Fact]
    public void The_most_specific_jurisdiction_wins_national_province_city()
    {
        Write("33/specialized-sme.yaml", ProvinceOverlay);
        Write("3301/specialized-sme.yaml", CityOverlay);
        var engine = Load();
        var hangzhou = engine.Evaluate(In("330106", "test.city.feature"), Profiles.AsOf2022Rules).Tiers.Single(t => t.Tier == Tier);
        var ningbo = engine.Evaluate(In("330212", "test.city.feature"), Profiles.AsOf2022Rules).Tiers.Single(t => t.Tier == Tier);
        var wuhan = engine.Evaluate(In("420111", "test.city.feature"), Profiles.AsOf2022Rules).Tiers.Single(t => t.Tier == Tier);

        (hangzhou.Jurisdiction, LocalPoints(hangzhou)).ShouldBe(("3301", 15m));
        (ningbo.Jurisdiction, LocalPoints(ningbo)).ShouldBe(("33", 5m));
        (wuhan.Jurisdiction, LocalPoints(wuhan)).ShouldBe(("national", 15m));
    }

    private RuleLoadError LoadFails(string file)
    {
        var ex = Should.Throw<RuleLoadException>(() => RuleLibrary.Load(_dir));
        return ex.Errors.First(e => e.File == file);
    }

    [Fact]
    public void An_overlay_version_across_a_base_version_boundary_fails_with_its_line()
    {
        Write("33/specialized-sme.yaml", ProvinceOverlay.Replace("    effectiveTo: 2026-03-31\n", "", StringComparison.Ordinal));
        var error = LoadFails("33/specialized-sme.yaml");
        error.Message.ShouldContain("must lie within one version of the base");
        error.Line.ShouldBe(9);
    }

    [Fact]
    public void Replacements_must_give_the_replaced_maximum()
    {
        Write("33/specialized-sme.yaml", ProvinceOverlay.Replace("{from: 3, points: 5}", "{from: 3, points: 4}", StringComparison.Ordinal));
        LoadFails("33/specialized-sme.yaml").Message.ShouldContain("give at most 14 points, the replaced one 15");
    }

    [Fact]
    public void Replacements_must_stay_in_the_replaced_dimension()
    {
        Write("33/specialized-sme.yaml", ProvinceOverlay.Replace("dimension: local-features\n            fact: digitalLevel", "dimension: innovation\n            fact: digitalLevel", StringComparison.Ordinal));
        LoadFails("33/specialized-sme.yaml").Message.ShouldContain("must count towards its dimension 'local-features'");
    }

    [Fact]
    public void Replacing_an_unknown_indicator_fails()
    {
        Write("33/specialized-sme.yaml", ProvinceOverlay.Replace("indicator: specialized.local-features", "indicator: specialized.local-colour", StringComparison.Ordinal));
        LoadFails("33/specialized-sme.yaml").Message.ShouldContain("no indicator 'specialized.local-colour'");
    }

    [Theory]
    [InlineData("jurisdiction: \"33\"", "jurisdiction: zhejiang", "'jurisdiction' must be 'national' or a region code")]
    [InlineData("extends: national", "extends: \"42\"", "'extends' must name a jurisdiction that contains this file's")]
    [InlineData("extends: national", "extends: \"3301\"", "'extends' must name a jurisdiction that contains this file's")]
    public void Bad_jurisdictions_fail(string find, string replace, string message)
    {
        Write("33/specialized-sme.yaml", ProvinceOverlay.Replace(find, replace, StringComparison.Ordinal));
        LoadFails("33/specialized-sme.yaml").Message.ShouldContain(message);
    }

    [Fact]
    public void An_overlay_version_with_its_own_conditions_fails()
    {
        Write("33/specialized-sme.yaml", ProvinceOverlay.Replace("    replace:\n", "    qualify: {id: x, title: 测试, fact: ownBrand, is: true}\n    replace:\n", StringComparison.Ordinal));
        LoadFails("33/specialized-sme.yaml").Message.ShouldContain("through 'replace' only");
    }
}
