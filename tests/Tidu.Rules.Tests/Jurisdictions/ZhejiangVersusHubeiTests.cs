using Shouldly;
using Tidu.Domain.Profiles;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Tests.Support;
using Xunit;

namespace Tidu.Rules.Tests.Jurisdictions;

/// <summary>
/// The shipped rules under Zhejiang (33) and Hubei (42): the same profile gets Zhejiang's own tiers (hidden champion,
/// key little giant) only in Zhejiang, and exactly the same national results in both provinces — the same results
/// as a library holding only the three national tiers the foundation shipped.
/// </summary>
public sealed class ZhejiangVersusHubeiTests : IDisposable
{
    private static readonly string[] FoundationTiers = ["innovative-sme", "specialized-sme", "little-giant"];
    private static readonly string[] NationalTiers = [.. FoundationTiers, "single-champion-enterprise", "single-champion-product"];

    private readonly string _nationalOnly = Path.Combine(Path.GetTempPath(), "tidu-national-" + Guid.NewGuid().ToString("N"));

    public ZhejiangVersusHubeiTests()
    {
        // The foundation's library: rules/national without the files this change added.
        Directory.CreateDirectory(_nationalOnly);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RuleLibrary.DefaultDirectory, "national"), "*.yaml")
                     .Where(f => !Path.GetFileName(f).StartsWith("single-champion", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(_nationalOnly, Path.GetFileName(file)));
        }
    }

    public void Dispose() => Directory.Delete(_nationalOnly, recursive: true);

    private static EnterpriseProfile In(string region) => Profiles.Strong() with { RegionCode = region };

    public static TheoryData<string> Dates => new() { "2026-03-31", "2026-06-30" };

    private static DateOnly Date(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [MemberData(nameof(Dates))]
    public void Zhejiang_enterprises_get_Zhejiang_tiers_and_Hubei_enterprises_do_not(string date)
    {
        var zj = Engine.Evaluate(In("330106"), Date(date));
        var hb = Engine.Evaluate(In("420111"), Date(date));

        zj.Tiers.Select(t => t.Tier).ShouldBe([.. FoundationTiers, "hidden-champion", "key-little-giant", "single-champion-enterprise", "single-champion-product"]);
        hb.Tiers.Select(t => t.Tier).ShouldBe(NationalTiers);
        zj.Tiers.Single(t => t.Tier == "hidden-champion").Jurisdiction.ShouldBe("33");
        zj.Tiers.Single(t => t.Tier == "key-little-giant").Jurisdiction.ShouldBe("33");
        // The key little giant's call closed in 2021 and no product champions are recognised since 2023: only holders pass.
        zj.Tiers.Where(t => t.Tier is not ("key-little-giant" or "single-champion-product")).ShouldAllBe(t => t.Qualified);
        hb.Tiers.Where(t => t.Tier != "single-champion-product").ShouldAllBe(t => t.Qualified);
        var holder = In("330106") with
        {
            Recognitions = [.. In("330106").Recognitions!, new Recognition("key-little-giant", new DateOnly(2025, 1, 1), new DateOnly(2027, 12, 31), "33"),
                new Recognition("single-champion-product", new DateOnly(2024, 1, 1), new DateOnly(2026, 12, 31), "national")],
        };
        Engine.Evaluate(holder, Date(date)).Tiers.ShouldAllBe(t => t.Qualified);
    }

    [Fact]
    public void A_county_level_city_directly_under_Hubei_is_in_Hubei()
    {
        Engine.Evaluate(In("429004"), Profiles.AsOf2022Rules).Tiers.Select(t => t.Tier).ShouldBe(NationalTiers);
    }

    [Theory]
    [MemberData(nameof(Dates))]
    public void National_tiers_give_the_same_results_in_both_provinces(string date)
    {
        var zj = Engine.Evaluate(In("330106"), Date(date));
        var hb = Engine.Evaluate(In("420111"), Date(date));
        foreach (var tier in NationalTiers)
        {
            Same(zj.Tiers.Single(t => t.Tier == tier), hb.Tiers.Single(t => t.Tier == tier));
        }
    }

    [Theory]
    [InlineData("330106", "2026-03-31")]
    [InlineData("420111", "2026-03-31")]
    [InlineData("330106", "2026-06-30")]
    [InlineData("420111", "2026-06-30")]
    public void The_foundation_tiers_are_unchanged_by_the_new_rule_files(string region, string date)
    {
        var foundation = new Evaluator(RuleLibrary.Load(_nationalOnly));
        // A weaker profile too, so failing checks and missing inputs are compared, not only passes.
        foreach (var profile in new[] { In(region), In(region) with { VerifiedCriteria = null, Recognitions = [], LocalFeatureScore = null } })
        {
            var before = foundation.Evaluate(profile, Date(date));
            var now = Engine.Evaluate(profile, Date(date));
            before.Tiers.Select(t => t.Tier).ShouldBe(FoundationTiers);
            now.SizeClass.SizeClass.ShouldBe(before.SizeClass.SizeClass);
            foreach (var old in before.Tiers)
            {
                Same(now.Tiers.Single(t => t.Tier == old.Tier), old);
            }
        }
    }

    [Fact]
    public void A_Zhejiang_enterprise_failing_a_Zhejiang_condition_still_gets_the_same_national_results()
    {
        // Listed on the STAR market: out of the key little giant in Zhejiang; nothing national reads the listing.
        var zj = Engine.Evaluate(In("330106") with { Listing = "sse-star" }, Profiles.AsOf2022Rules);
        var hb = Engine.Evaluate(In("420111") with { Listing = "sse-star" }, Profiles.AsOf2022Rules);
        zj.Tiers.Single(t => t.Tier == "key-little-giant").Qualified.ShouldBeFalse();
        hb.Tiers.ShouldNotContain(t => t.Tier == "key-little-giant");
        foreach (var tier in NationalTiers)
        {
            Same(zj.Tiers.Single(t => t.Tier == tier), hb.Tiers.Single(t => t.Tier == tier));
        }
    }

    private static void Same(TierResult a, TierResult b)
    {
        a.Qualified.ShouldBe(b.Qualified, a.Tier);
        a.Score.ShouldBe(b.Score, a.Tier);
        a.Version.ShouldBe(b.Version, a.Tier);
        a.SubScores.ShouldBe(b.SubScores, a.Tier);
        a.Checks.Select(c => (c.Id, c.Passed, c.Actual?.ToString(), c.Points, c.MissingField))
            .ShouldBe(b.Checks.Select(c => (c.Id, c.Passed, c.Actual?.ToString(), c.Points, c.MissingField)), a.Tier);
    }
}
