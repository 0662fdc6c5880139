using System.Globalization;
using Shouldly;
using Tidu.Domain.Profiles;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Tests.Support;
using Xunit;
using static Tidu.Rules.Tests.Support.Numbers;

namespace Tidu.Rules.Tests.KeyLittleGiant;

/// <summary>
/// Zhejiang's key little giant (浙经信企业〔2021〕112号) for the strong profile in 西湖区 (330106), moved five years back
/// and evaluated on the first day of the call, 2021-07-22 (Y = 2020 holds the figures written for 2025). Each condition
/// on both sides of its edge; 以上/不低于 include the number. The call closed on 2021-07-23: from 2021-07-24 only an
/// enterprise already selected is a key little giant. The national rule sets begin on 2022-08-01, so the tier is
/// evaluated alone on call days.
/// </summary>
public sealed class KeyLittleGiantTests
{
    private const string Tier = "key-little-giant";

    private static DateOnly Date(string s) => DateOnly.Parse(s, CultureInfo.InvariantCulture);

    /// <summary>The first day of the 112号 call (2021-07-22): the profiles are moved five years back, so Y = 2020 holds the figures written for 2025.</summary>
    private static readonly DateOnly CallDay = new(2021, 7, 22);

    private const int Back = -5;

    private static CheckResult Check(EnterpriseProfile p, string id) => Engine.TierAlone(p.Shifted(Back), CallDay, Tier).Checks.Single(c => c.Id == id);

    private static bool Qualified(EnterpriseProfile p) => Engine.TierAlone(p.Shifted(Back), CallDay, Tier).Qualified;

    private static EnterpriseProfile WithLittleGiant(EnterpriseProfile p, Recognition? littleGiant) =>
        p with { Recognitions = [.. p.Recognitions!.Where(r => r.Tier != "little-giant"), .. littleGiant is null ? Array.Empty<Recognition>() : [littleGiant]] };

    private static EnterpriseProfile Without(EnterpriseProfile p, params string[] criteria) =>
        p with { VerifiedCriteria = p.VerifiedCriteria!.Except(criteria).ToList() };

    [Fact]
    public void Strong_profile_qualifies_on_both_days_of_the_call()
    {
        Qualified(Profiles.Strong()).ShouldBeTrue();
        Engine.TierAlone(Profiles.Strong().Shifted(Back), new DateOnly(2021, 7, 23), Tier).Qualified.ShouldBeTrue();
    }

    [Fact]
    public void The_day_after_the_call_closed_only_a_selected_enterprise_is_one()
    {
        var closed = new DateOnly(2021, 7, 24);
        var result = Engine.TierAlone(Profiles.Strong().Shifted(Back), closed, Tier);
        result.Qualified.ShouldBeFalse();
        result.Checks.Single(c => c.Id == "key-little-giant.selected").Title.ShouldContain("2021-07-23截止");
        var selected = Profiles.Strong().Shifted(Back) with
        {
            Recognitions = [.. Profiles.Strong().Shifted(Back).Recognitions!, new Recognition("key-little-giant", new DateOnly(2021, 9, 1), new DateOnly(2024, 8, 31), "33")],
        };
        Engine.TierAlone(selected, closed, Tier).Qualified.ShouldBeFalse(); // selected later: not yet held on 2021-07-24
        Engine.TierAlone(selected, new DateOnly(2021, 9, 1), Tier).Qualified.ShouldBeTrue();
    }

    [Fact]
    public void In_2026_the_tier_is_the_selection_held_not_the_2021_criteria()
    {
        Engine.Tier(Profiles.Strong(), Profiles.AsOf2026Rules, Tier).Qualified.ShouldBeFalse();
        var held = Profiles.Strong() with
        {
            Recognitions = [.. Profiles.Strong().Recognitions!, new Recognition("key-little-giant", new DateOnly(2024, 7, 1), new DateOnly(2027, 6, 30), "33")],
        };
        var result = Engine.Tier(held, Profiles.AsOf2026Rules, Tier);
        result.Qualified.ShouldBeTrue();
        result.Version.VersionId.ShouldBe("closed");
    }

    // ---- 1. basic: a recognised little giant, not listed on the excluded boards ----

    [Theory]
    [InlineData("2026-07-22", true)]  // moved five years back: valid until the call day itself
    [InlineData("2026-07-21", false)]
    public void Little_giant_recognition_must_be_valid_on_D(string validUntil, bool passes)
    {
        var p = WithLittleGiant(Profiles.Strong(), new Recognition("little-giant", new DateOnly(2023, 7, 1), Date(validUntil), "national"));
        Check(p, "key-little-giant.holds-little-giant").Passed.ShouldBe(passes);
        Qualified(p).ShouldBe(passes);
    }

    [Fact]
    public void Without_the_little_giant_title_the_tier_fails()
    {
        // The little-giant criteria of 2021 are not encoded (the 2022 measures begin on 2022-08-01), so no advice.
        var p = WithLittleGiant(Profiles.Strong(), null);
        var check = Check(p, "key-little-giant.holds-little-giant");
        check.Passed.ShouldBeFalse();
        Qualified(p).ShouldBeFalse();
    }

    [Theory]
    [InlineData(null, true)] // absent = not listed
    [InlineData("none", true)]
    [InlineData("neeq", true)] // 新三板挂牌企业可以
    [InlineData("bse", true)]  // not named by the 2021 text (reading in the rule file)
    [InlineData("sse-main", false)]
    [InlineData("sse-star", false)]
    [InlineData("szse-main", false)]
    [InlineData("szse-sme", false)]
    [InlineData("szse-chinext", false)]
    [InlineData("overseas", false)]
    public void Listing_on_the_named_boards_or_abroad_excludes(string? listing, bool passes)
    {
        var p = Profiles.Strong() with { Listing = listing };
        Check(p, "key-little-giant.not-listed").Passed.ShouldBe(passes);
        Qualified(p).ShouldBe(passes);
    }

    // ---- 2. industry: any one of four ----

    private static EnterpriseProfile NoIndustryRoute() =>
        Without(Profiles.Strong(), "key-little-giant.key-core-technology", "key-little-giant.leader-co-innovation")
            .WithMainProduct(m => m with { KeyField = false, ChainContribution = "basics" });

    [Fact]
    public void Without_any_industry_route_the_tier_fails()
    {
        Qualified(NoIndustryRoute()).ShouldBeFalse();
        Check(NoIndustryRoute(), "key-little-giant.industry").Passed.ShouldBeFalse();
    }

    [Theory]
    [InlineData("key-field")]
    [InlineData("chain")]
    [InlineData("key-little-giant.key-core-technology")]
    [InlineData("key-little-giant.leader-co-innovation")]
    public void Each_industry_route_alone_suffices(string route)
    {
        var p = route switch
        {
            "key-field" => NoIndustryRoute().WithMainProduct(m => m with { KeyField = true }),
            "chain" => NoIndustryRoute().WithMainProduct(m => m with { ChainContribution = "key-results" }),
            _ => NoIndustryRoute() with { VerifiedCriteria = [.. NoIndustryRoute().VerifiedCriteria!, route] },
        };
        Qualified(p).ShouldBeTrue();
    }

    [Fact]
    public void Unassessed_qualitative_routes_are_not_available_and_name_the_field()
    {
        var p = NoIndustryRoute() with { VerifiedCriteria = null };
        var check = Check(p, "key-little-giant.leader-co-innovation");
        check.Passed.ShouldBeFalse();
        check.MissingField.ShouldBe("/verifiedCriteria");
    }

    // ---- 3. main-business share ≥ 70% ----

    [Theory]
    [InlineData("8470", true)] // exactly 70% of 12100
    [InlineData("8469.99", false)]
    public void Main_business_share_needs_70_percent(string mainBusiness2025, bool passes)
    {
        // Every year at 70% so main-business growth stays positive: only the share is at stake.
        var p = Profiles.Strong()
            .WithYear(2023, f => f with { MainBusinessRevenue = 7000m })
            .WithYear(2024, f => f with { MainBusinessRevenue = 7700m })
            .WithYear(2025, f => f with { MainBusinessRevenue = D(mainBusiness2025) });
        Check(p, "key-little-giant.main-business-share").Passed.ShouldBe(passes);
        Qualified(p).ShouldBe(passes);
    }

    // ---- 4. innovation: R&D ≥ 4% in each of Y−1 and Y, and one of three ----

    [Theory]
    [InlineData("484", true)] // exactly 4% of 12100
    [InlineData("483.99", false)]
    public void Rd_ratio_of_Y_needs_4_percent(string rd2025, bool passes)
    {
        var p = Profiles.Strong().WithYear(2025, f => f with { RdExpense = D(rd2025) });
        Check(p, "key-little-giant.rd-ratio-y").Passed.ShouldBe(passes);
        Qualified(p).ShouldBe(passes);
    }

    [Theory]
    [InlineData("440", true)] // exactly 4% of 11000
    [InlineData("439.99", false)]
    public void Rd_ratio_of_Y_minus_1_needs_4_percent(string rd2024, bool passes)
    {
        var p = Profiles.Strong().WithYear(2024, f => f with { RdExpense = D(rd2024) });
        Check(p, "key-little-giant.rd-ratio-y1").Passed.ShouldBe(passes);
        Qualified(p).ShouldBe(passes);
    }

    private static EnterpriseProfile NoInnovationRoute() =>
        Profiles.Strong() with
        {
            IntellectualProperty = Profiles.Strong().IntellectualProperty! with { InventionPatents = 1 },
            RdInstitution = "none",
            Standards = [],
        };

    [Fact]
    public void Without_patents_institution_or_standards_the_tier_fails()
    {
        Check(NoInnovationRoute(), "key-little-giant.innovation.one-of").Passed.ShouldBeFalse();
        Qualified(NoInnovationRoute()).ShouldBeFalse();
    }

    [Theory]
    [InlineData(2, true)]
    [InlineData(1, false)]
    public void Two_valid_invention_patents_suffice(int patents, bool passes)
    {
        var p = NoInnovationRoute() with { IntellectualProperty = Profiles.Strong().IntellectualProperty! with { InventionPatents = patents } };
        Qualified(p).ShouldBe(passes);
    }

    [Theory]
    [InlineData("below-city", true)]
    [InlineData("national", true)]
    [InlineData("none", false)]
    public void An_rd_institution_at_any_level_suffices(string level, bool passes)
    {
        Qualified(NoInnovationRoute() with { RdInstitution = level }).ShouldBe(passes);
    }

    [Theory]
    [InlineData("international", "participate", true)]
    [InlineData("national", "participate", true)]
    [InlineData("industry", "lead", true)]
    [InlineData("local", "lead", false)]
    [InlineData("group", "lead", false)]
    public void An_international_national_or_industry_standard_suffices(string level, string role, bool passes)
    {
        Qualified(NoInnovationRoute() with { Standards = [new StandardEntry(level, role, 2024)] }).ShouldBe(passes);
    }

    // ---- 5. quality or environment management certification ----

    [Theory]
    [InlineData("ISO9001", true)]
    [InlineData("iso 9001:2015", true)]
    [InlineData("ISO14001", true)]
    [InlineData("IATF 16949", true)]
    [InlineData("ISO45001", false)]
    [InlineData("ISO27001", false)]
    public void Quality_or_environment_certification_is_required(string certificate, bool passes)
    {
        var p = Profiles.Strong() with { Quality = Profiles.Strong().Quality! with { ManagementSystemCertifications = [certificate] } };
        Check(p, "key-little-giant.certification").Passed.ShouldBe(passes);
        Qualified(p).ShouldBe(passes);
    }

    // ---- 6. growth: main-business revenue grew in Y, or a listing plan ----

    [Theory]
    [InlineData("9900", null, false)]   // flat: 2025 = 2024, no growth
    [InlineData("9900.01", null, true)]
    [InlineData("9900", "filed", true)]
    [InlineData("9900", "tutoring", true)]
    [InlineData("9900", "none", false)]
    public void Main_business_must_grow_or_a_listing_plan_must_exist(string mainBusiness2025, string? plan, bool passes)
    {
        var p = Profiles.Strong().WithYear(2025, f => f with { MainBusinessRevenue = D(mainBusiness2025) }) with { ListingPlan = plan };
        Check(p, "key-little-giant.growth").Passed.ShouldBe(passes);
        Qualified(p).ShouldBe(passes);
    }

    // ---- 7. lawful and honest ----

    [Theory]
    [InlineData("dishonest")]
    [InlineData("violation")]
    [InlineData("incident")]
    [InlineData("wages")]
    [InlineData("punishment")]
    public void Any_compliance_breach_excludes(string breach)
    {
        var c = breach switch
        {
            "dishonest" => new Compliance { SeriousDishonestyList = true },
            "violation" => new Compliance { ViolationWithin3Years = true },
            "incident" => new Compliance { MajorIncidentWithin3Years = true },
            "wages" => new Compliance { WageArrears = true },
            _ => new Compliance { JointPunishment = true },
        };
        Qualified(Profiles.Strong() with { Compliance = c }).ShouldBeFalse();
        Qualified(Profiles.Strong() with { Compliance = new Compliance() }).ShouldBeTrue();
    }
}
