using Shouldly;
using Tidu.Domain.Regions;
using Tidu.Rules.Files;
using Tidu.Rules.Service;
using Tidu.Rules.Tests.Policies;
using Xunit;

namespace Tidu.Rules.Tests.Service;

/// <summary>
/// Which level must equip an enterprise with a commissioner, as the texts say (expected values written from the texts,
/// not from the files): 工信部企业〔2021〕170号 （三十） — every “专精特新” SME (specialized SMEs and little giants) gets
/// one, a duty of the localities (the county when nothing more local says otherwise); 浙政办发〔2022〕19号 二（十） — in
/// Zhejiang the city (设区市) for hidden champions, little giants and single champions, the county for provincial
/// specialized SMEs and innovative SMEs; the district draft 二（五）15 — the district for every “专精特新” enterprise
/// (2022-06-01..2025-05-31 as assumed for the policy file); 湖北若干措施 十 — in Hubei the county for every little giant.
/// At the same level the most local document decides.
/// </summary>
public sealed class CommissionerRulesTests
{
    private static readonly ServiceRules Rules = ServiceRules.LoadDefault(RuleLibrary.LoadDefault().Tiers.Select(t => t.Id));
    private static readonly RegionTree Regions = RegionTree.Shipped;
    private static readonly DateOnly Day = new(2026, 11, 23);

    [Theory]
    [InlineData("hidden-champion", "city")]
    [InlineData("little-giant", "city")]
    [InlineData("single-champion-enterprise", "city")]
    [InlineData("single-champion-product", "city")]
    [InlineData("specialized-sme", "county")]
    [InlineData("innovative-sme", "county")]
    public void Zhejiang_names_the_city_for_the_upper_tiers_and_the_county_for_the_lower(string tier, string level)
    {
        var r = Rules.Requirement("330102", [tier], Day, Regions).ShouldNotBeNull();
        r.Level.ShouldBe(level);
        r.Deciding.Cite.ShouldContain("浙政办发〔2022〕19号 二（十）");
        r.MatchedTiers.ShouldBe([tier]);
    }

    [Fact]
    public void A_little_giant_that_is_also_a_specialized_sme_is_equipped_by_the_city_and_every_clause_is_shown()
    {
        var r = Rules.Requirement("330102", ["specialized-sme", "little-giant"], Day, Regions).ShouldNotBeNull();
        r.Level.ShouldBe("city");
        r.Applying.Select(c => c.Id).ShouldBe(["zj-2022-commissioner.city", "zj-2022-commissioner.county", "cn-2021-commissioner.local"]);
    }

    [Theory]
    [InlineData("420102", "specialized-sme")] // Hubei's measures name only little giants
    [InlineData("420102", "little-giant")]
    [InlineData("330102", "specialized-sme")]
    public void The_national_list_gives_every_specialized_sme_and_little_giant_a_commissioner_everywhere(string region, string tier)
    {
        var r = Rules.Requirement(region, [tier], Day, Regions).ShouldNotBeNull();
        r.Level.ShouldBe("county");
        r.Applying.Select(c => c.Id).ShouldContain("cn-2021-commissioner.local");
        Rules.Requirement(region, [tier], new DateOnly(2021, 11, 5), Regions).ShouldBeNull(); // the day before the list
        Rules.Requirement(region, [tier], new DateOnly(2021, 11, 6), Regions)!.Deciding.Cite.ShouldBe("工信部企业〔2021〕170号 十（三十）");
    }

    [Fact]
    public void Tiers_no_text_names_need_no_commissioner()
    {
        Rules.Requirement("330102", [], Day, Regions).ShouldBeNull();
        Rules.Requirement("330102", ["key-little-giant"], Day, Regions).ShouldBeNull();
        Rules.Requirement("420102", ["innovative-sme"], Day, Regions).ShouldBeNull();
    }

    [Fact]
    public void Zhejiang_decides_from_the_day_of_issue()
    {
        Rules.Requirement("330102", ["specialized-sme"], new DateOnly(2022, 4, 4), Regions)!.Deciding.Id.ShouldBe("cn-2021-commissioner.local");
        Rules.Requirement("330102", ["specialized-sme"], new DateOnly(2022, 4, 5), Regions)!.Deciding.Id.ShouldBe("zj-2022-commissioner.county");
        Rules.Requirement("330102", ["innovative-sme"], new DateOnly(2022, 4, 4), Regions).ShouldBeNull();
        Rules.Requirement("330102", ["innovative-sme"], new DateOnly(2022, 4, 5), Regions)!.Level.ShouldBe("county");
    }

    [Fact]
    public void Hubei_names_the_county_for_every_little_giant_from_2023_04_27()
    {
        var r = Rules.Requirement("420102", ["little-giant"], Day, Regions).ShouldNotBeNull();
        r.Level.ShouldBe("county");
        r.Deciding.Id.ShouldBe("hb-2023-commissioner.county");
        r.Deciding.Cite.ShouldContain("湖北若干措施 十");
        Rules.Requirement("420102", ["little-giant"], new DateOnly(2023, 4, 26), Regions)!.Deciding.Id.ShouldBe("cn-2021-commissioner.local");
        Rules.Requirement("420102", ["little-giant"], new DateOnly(2023, 4, 27), Regions)!.Deciding.Id.ShouldBe("hb-2023-commissioner.county");
    }

    [Fact]
    public void The_district_adds_its_clause_while_the_draft_is_in_force()
    {
        var during = Rules.Requirement("330108", ["specialized-sme"], new DateOnly(2025, 5, 31), Regions).ShouldNotBeNull();
        during.Level.ShouldBe("county");
        during.Applying.Select(c => c.Id).ShouldBe(["hz-district-2022-commissioner.district", "zj-2022-commissioner.county", "cn-2021-commissioner.local"]);
        // A little giant there: the province's document names the city, the district's its own level; the higher decides.
        var giant = Rules.Requirement("330108", ["little-giant"], new DateOnly(2024, 1, 1), Regions).ShouldNotBeNull();
        giant.Level.ShouldBe("city");
        giant.Applying.Select(c => c.Id).ShouldBe(["zj-2022-commissioner.city", "hz-district-2022-commissioner.district", "cn-2021-commissioner.local"]);
        var after = Rules.Requirement("330108", ["specialized-sme"], new DateOnly(2025, 6, 1), Regions).ShouldNotBeNull();
        after.Applying.Select(c => c.Id).ShouldBe(["zj-2022-commissioner.county", "cn-2021-commissioner.local"]);
        // Another district of Hangzhou never had it.
        Rules.Requirement("330102", ["specialized-sme"], new DateOnly(2024, 1, 1), Regions)!.Applying.Count.ShouldBe(2);
    }

    [Fact]
    public void Request_categories_are_cited_data()
    {
        Rules.Categories.Select(c => c.Id).ShouldBe(["policy", "finance", "technology", "ip", "management", "testing", "training", "digital", "legal", "other"]);
        Rules.Categories.ShouldAllBe(c => c.Cite.Length > 0 && c.Title.Length > 0);
        Rules.Category("finance")!.Title.ShouldBe("金融服务");
    }

    [Fact]
    public void Loading_is_strict_with_file_and_line()
    {
        using var temp = new TempRules();
        temp.Write("service/42/bad.yaml", """
            id: bad
            kind: commissioner-assignment
            title: 坏文件
            jurisdiction: "42"
            source: {title: 测试}
            versions:
              - id: "1"
                effectiveFrom: 2023-01-01
                cite: 测试
                assignments:
                  - {id: bad.a, title: 测试, level: town, tiers: [little-giant]}
                  - {id: bad.b, title: 测试, level: county, tiers: [litle-giant], cite: 测试}
            """);
        // YAML stops at an unknown key, so that one is in a file of its own; both files are reported at once.
        temp.Write("service/42/extra.yaml", """
            id: extra
            kind: commissioner-assignment
            title: 测试
            jurisdiction: "42"
            source: {title: 测试}
            versions:
              - id: "1"
                effectiveFrom: 2023-01-01
                cite: 测试
                assignments:
                  - {id: extra.a, title: 测试, level: county, tiers: [little-giant], cite: 测试, perFirm: 2}
            """);
        var ex = Should.Throw<RuleLoadException>(() => ServiceRules.Load(temp.Directory, RuleLibrary.LoadDefault().Tiers.Select(t => t.Id)));
        var messages = ex.Errors.Select(e => $"{e.File}:{e.Line}: {e.Message}").ToList();
        messages.ShouldContain(m => m.StartsWith("service/42/bad.yaml:11:", StringComparison.Ordinal) && m.Contains("no citation"));
        messages.ShouldContain(m => m.StartsWith("service/42/bad.yaml:12:", StringComparison.Ordinal) && m.Contains("unknown tier 'litle-giant'"));
        messages.ShouldContain(m => m.StartsWith("service/42/bad.yaml:11:", StringComparison.Ordinal) && m.Contains("'level' must be one of province, city, county, got 'town'"));
        messages.ShouldContain(m => m.StartsWith("service/42/extra.yaml:11:", StringComparison.Ordinal) && m.Contains("unknown key 'perFirm'"));
    }

    [Fact]
    public void An_unknown_tier_fails_loading()
    {
        using var temp = new TempRules();
        temp.Write("service/42/typo.yaml", """
            id: typo
            kind: commissioner-assignment
            title: 测试
            jurisdiction: "42"
            source: {title: 测试}
            versions:
              - id: "1"
                effectiveFrom: 2023-01-01
                cite: 测试
                assignments:
                  - {id: typo.a, title: 测试, level: county, tiers: [litle-giant], cite: 测试}
            """);
        var ex = Should.Throw<RuleLoadException>(() => ServiceRules.Load(temp.Directory, RuleLibrary.LoadDefault().Tiers.Select(t => t.Id)));
        ex.Errors.ShouldContain(e => e.File == "service/42/typo.yaml" && e.Line == 11 && e.Message == "unknown tier 'litle-giant'");
    }

    [Fact]
    public void Every_shipped_version_is_cited_and_dated()
    {
        Rules.Documents.Select(d => d.Id).ShouldBe(["zj-2022-commissioners", "hz-district-2022-commissioners", "hb-2023-commissioners", "cn-2021-commissioners"], ignoreOrder: true);
        Rules.Documents.SelectMany(d => d.Versions).ShouldAllBe(v => v.Info.Cite.Length > 0 && v.Info.Verification.On != null);
        Rules.Documents.SelectMany(d => d.Versions).SelectMany(v => v.Clauses).ShouldAllBe(c => c.Cite.Length > 0 && !c.Cite.Contains("seed"));
    }
}
