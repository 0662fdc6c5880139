using Shouldly;
using Tidu.Domain.Profiles;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Tests.Support;
using Xunit;

namespace Tidu.Rules.Tests.InnovativeSme;

/// <summary>
/// How an innovative SME qualifies (63号 附件1, evaluated on a date), as of 2026-03-31 (Y = 2025):
/// the basic conditions, then either one direct condition D1–D4 or the score (total ≥ 60 with innovation ≥ 20,
/// growth ≥ 15 and specialisation ≥ 15). Profiles are built to a chosen number of points per indicator, with every
/// ratio in the middle of its band, so each test moves exactly one thing across one edge.
/// </summary>
public sealed class InnovativeSmeQualificationTests
{
    private const string Tier = "innovative-sme";
    private static readonly DateOnly AsOf = Profiles.AsOf2022Rules;

    /// <summary>
    /// Strong() without any direct condition (no honours, no R&amp;D institution, no financing), scoring the given
    /// points on each of the 6 indicators. Operating revenue of 2025 is 10000; every ratio sits mid-band.
    /// </summary>
    private static EnterpriseProfile Scored(int ip, int rd, int growth, int debt, int field, int share)
    {
        var ipCounts = ip switch
        {
            20 => new IntellectualProperty { ClassIHighValue = 1, ClassISelfDeveloped = 1, ClassI = 1 },
            15 => new IntellectualProperty { ClassISelfDeveloped = 1, ClassI = 1 },
            10 => new IntellectualProperty { ClassI = 1 },
            5 => new IntellectualProperty { ClassII = 1 },
            0 => new IntellectualProperty(),
            _ => throw new ArgumentOutOfRangeException(nameof(ip)),
        };
        var rdExpense = rd switch { 20 => 800m, 15 => 400m, 10 => 250m, 5 => 150m, 0 => 50m, _ => throw new ArgumentOutOfRangeException(nameof(rd)) };
        var growthFactor = growth switch { 20 => 1.25m, 15 => 1.125m, 10 => 1.075m, 5 => 1.025m, 0 => 0.9m, _ => throw new ArgumentOutOfRangeException(nameof(growth)) };
        var liabilities = debt switch { 10 => 8000m, 5 => 13000m, 0 => 16000m, _ => throw new ArgumentOutOfRangeException(nameof(debt)) };
        bool? strategic = field switch { 10 => true, 5 => false, 0 => null, _ => throw new ArgumentOutOfRangeException(nameof(field)) };
        var mainBusiness = share switch { 20 => 9000m, 15 => 6500m, 10 => 5750m, 5 => 5250m, 0 => 4000m, _ => throw new ArgumentOutOfRangeException(nameof(share)) };

        return (Profiles.Strong() with { Honors = [], RdInstitution = null, IntellectualProperty = ipCounts })
            .WithMainProduct(m => m with { StrategicEmergingIndustry = strategic })
            .WithYear(2024, f => f with { MainBusinessRevenue = mainBusiness / growthFactor })
            .WithYear(2025, f => f with
            {
                OperatingRevenue = 10000m,
                MainBusinessRevenue = mainBusiness,
                RdExpense = rdExpense,
                TotalAssets = 20000m,
                TotalLiabilities = liabilities,
            });
    }

    /// <summary>5 points on every indicator: total 30, innovation 10, growth 10, specialisation 10 — fails the score route.</summary>
    private static EnterpriseProfile Weak() => Scored(5, 5, 5, 5, 5, 5);

    private static TierResult Result(EnterpriseProfile p) => Engine.Tier(p, AsOf, Tier);

    private static CheckResult Check(EnterpriseProfile p, string id) => Engine.Check(p, AsOf, Tier, id);

    private static EnterpriseProfile WithFinancing(EnterpriseProfile p, decimal y2023, decimal y2024, decimal y2025) =>
        p.WithYear(2023, f => f with { NewQualifiedEquityFinancing = y2023 })
            .WithYear(2024, f => f with { NewQualifiedEquityFinancing = y2024 })
            .WithYear(2025, f => f with { NewQualifiedEquityFinancing = y2025 });

    // ---- the weak baseline ---------------------------------------------------------------------------------

    [Fact]
    public void Weak_profile_scores_30_meets_no_direct_condition_and_does_not_qualify()
    {
        var p = Weak();
        Engine.SizeClass(p, AsOf).ShouldBe("small");
        var tier = Result(p);
        tier.Score.ShouldBe(30m);
        tier.SubScores.Single(s => s.Dimension == "innovation").Points.ShouldBe(10m);
        tier.SubScores.Single(s => s.Dimension == "growth").Points.ShouldBe(10m);
        tier.SubScores.Single(s => s.Dimension == "specialisation").Points.ShouldBe(10m);
        Check(p, "basic").Passed.ShouldBeTrue();
        foreach (var id in new[] { "innovative.d1", "innovative.d2", "innovative.d3", "innovative.d4", "innovative.scored" })
        {
            Check(p, id).Passed.ShouldBeFalse(id);
        }
        tier.Qualified.ShouldBeFalse();
    }

    // ---- D1 national or provincial S&T award within the last 3 years (year ≥ D.year − 3 = 2023) -----------------

    [Theory]
    [InlineData("provincial-st-award", 2025, true)]
    [InlineData("provincial-st-award", 2023, true)]
    [InlineData("provincial-st-award", 2022, false)]
    [InlineData("national-st-award", 2023, true)]
    [InlineData("national-st-award", 2022, false)]
    public void D1_an_award_of_2023_or_later_qualifies_alone(string kind, int year, bool qualifies)
    {
        var p = Weak() with { Honors = [new Honor(kind, year, null, null)] };
        Check(p, "innovative.d1").Passed.ShouldBe(qualifies);
        Result(p).Qualified.ShouldBe(qualifies);
    }

    [Fact]
    public void D1_does_not_count_an_honour_that_is_not_an_st_award()
    {
        var p = Weak() with { Honors = [new Honor("chuangke-top50", 2025, null, 1)] };
        Check(p, "innovative.d1").Passed.ShouldBeFalse();
        Result(p).Qualified.ShouldBeFalse();
    }

    // ---- D2 a valid honour: high-tech, national tech-innovation demo, IP advantage or IP demonstration -----------

    [Theory]
    [InlineData("high-tech-enterprise")]
    [InlineData("national-tech-innovation-demo")]
    [InlineData("ip-advantage")]
    [InlineData("ip-demonstration")]
    public void D2_each_listed_honour_valid_on_the_date_qualifies_alone(string kind)
    {
        var p = Weak() with { Honors = [new Honor(kind, 2024, new DateOnly(2026, 3, 31), null)] };
        Check(p, "innovative.d2").Passed.ShouldBeTrue();
        Result(p).Qualified.ShouldBeTrue();
    }

    [Fact]
    public void D2_an_honour_valid_until_the_day_before_has_expired()
    {
        var p = Weak() with { Honors = [new Honor("high-tech-enterprise", 2023, new DateOnly(2026, 3, 30), null)] };
        Check(p, "innovative.d2").Passed.ShouldBeFalse();
        Result(p).Qualified.ShouldBeFalse();
    }

    [Fact]
    public void D2_an_honour_without_valid_until_is_valid()
    {
        var p = Weak() with { Honors = [new Honor("high-tech-enterprise", 2020, null, null)] };
        Check(p, "innovative.d2").Passed.ShouldBeTrue();
        Result(p).Qualified.ShouldBeTrue();
    }

    [Theory]
    [InlineData("tech-sme")]
    [InlineData("chuangke-top500")]
    public void D2_does_not_count_other_honours(string kind)
    {
        var p = Weak() with { Honors = [new Honor(kind, 2025, new DateOnly(2027, 12, 31), null)] };
        Check(p, "innovative.d2").Passed.ShouldBeFalse();
        Result(p).Qualified.ShouldBeFalse();
    }

    // ---- D3 an R&D institution at provincial/ministerial level or above -----------------------------------------

    [Theory]
    [InlineData("national", true)]
    [InlineData("provincial", true)]
    [InlineData("city", false)]
    [InlineData("below-city", false)]
    [InlineData("none", false)]
    [InlineData(null, false)]
    public void D3_a_provincial_or_national_rd_institution_qualifies_alone(string? level, bool qualifies)
    {
        var p = Weak() with { RdInstitution = level };
        Check(p, "innovative.d3").Passed.ShouldBe(qualifies);
        Result(p).Qualified.ShouldBe(qualifies);
    }

    // ---- D4 qualified equity financing ≥ 500 over the recent 3 years (2023–2025) ----------------------------------

    [Fact]
    public void D4_financing_summing_to_exactly_500_over_2023_to_2025_qualifies_alone()
    {
        var p = WithFinancing(Weak(), 200m, 200m, 100m);
        Check(p, "innovative.d4").Passed.ShouldBeTrue();
        Result(p).Qualified.ShouldBeTrue();
    }

    [Fact]
    public void D4_financing_summing_to_499_99_does_not_qualify()
    {
        var p = WithFinancing(Weak(), 199.99m, 200m, 100m);
        Check(p, "innovative.d4").Passed.ShouldBeFalse();
        Result(p).Qualified.ShouldBeFalse();
    }

    [Fact]
    public void D4_financing_of_500_in_2023_alone_is_within_the_3_years()
    {
        var p = WithFinancing(Weak(), 500m, 0m, 0m);
        Check(p, "innovative.d4").Passed.ShouldBeTrue();
    }

    [Fact]
    public void D4_financing_of_2022_is_outside_the_3_years()
    {
        var weak = Weak();
        var y2022 = Profiles.Year(2022, 9000m, 8000m, 100m, 100m, 20000m, 8000m, 250, 100, financing: 500m, inputIndex: 3);
        var p = weak with { Financials = [y2022, .. weak.Financials] };
        Check(p, "innovative.d4").Passed.ShouldBeFalse();
        Result(p).Qualified.ShouldBeFalse();
    }

    [Fact]
    public void D4_sums_the_years_present()
    {
        var weak = Weak();
        var p = weak with { Financials = weak.Financials.Where(f => f.Year != 2024).ToList() };
        p = p.WithYear(2023, f => f with { NewQualifiedEquityFinancing = 250m }).WithYear(2025, f => f with { NewQualifiedEquityFinancing = 250m });
        Check(p, "innovative.d4").Passed.ShouldBeTrue();
    }

    // ---- the score route: total ≥ 60 with innovation ≥ 20, growth ≥ 15, specialisation ≥ 15 -------------------------

    [Theory]
    //          ip  rd  gr  debt fld shr  total inn gro spe qualifies
    [InlineData(10, 10, 15, 5, 10, 10, 60, 20, 20, 20, true)] // total exactly 60
    [InlineData(10, 10, 10, 5, 10, 10, 55, 20, 15, 20, false)] // total 55, every dimension met
    [InlineData(10, 10, 10, 5, 5, 20, 60, 20, 15, 25, true)] // innovation exactly 20, growth exactly 15
    [InlineData(15, 15, 5, 10, 5, 10, 60, 30, 15, 15, true)] // growth and specialisation exactly 15
    [InlineData(10, 5, 20, 10, 10, 20, 75, 15, 30, 30, false)] // innovation 15 < 20
    [InlineData(20, 20, 5, 5, 10, 20, 80, 40, 10, 30, false)] // growth 10 < 15
    [InlineData(20, 20, 20, 10, 5, 5, 80, 40, 30, 10, false)] // specialisation 10 < 15
    [InlineData(20, 20, 20, 10, 0, 10, 80, 40, 30, 10, false)] // field not stated scores 0: specialisation 10 < 15
    [InlineData(20, 20, 20, 10, 10, 20, 100, 40, 30, 30, true)]
    public void Score_route_needs_60_in_total_and_each_dimension_minimum(
        int ip, int rd, int growth, int debt, int field, int share, int total, int innovation, int growthDim, int specialisation, bool qualifies)
    {
        var p = Scored(ip, rd, growth, debt, field, share);
        var tier = Result(p);
        tier.Score.ShouldBe(total);
        tier.SubScores.Single(s => s.Dimension == "innovation").Points.ShouldBe(innovation);
        tier.SubScores.Single(s => s.Dimension == "growth").Points.ShouldBe(growthDim);
        tier.SubScores.Single(s => s.Dimension == "specialisation").Points.ShouldBe(specialisation);
        Check(p, "innovative.score-total").Passed.ShouldBe(total >= 60);
        Check(p, "innovative.score-innovation").Passed.ShouldBe(innovation >= 20);
        Check(p, "innovative.score-growth").Passed.ShouldBe(growthDim >= 15);
        Check(p, "innovative.score-specialisation").Passed.ShouldBe(specialisation >= 15);
        Check(p, "innovative.scored").Passed.ShouldBe(qualifies);
        tier.Qualified.ShouldBe(qualifies);
    }

    [Fact]
    public void A_direct_condition_qualifies_even_when_a_dimension_minimum_fails()
    {
        // Innovation 15 fails the score route; a provincial R&D institution (D3) still qualifies.
        var p = Scored(10, 5, 20, 10, 10, 20) with { RdInstitution = "provincial" };
        Check(p, "innovative.scored").Passed.ShouldBeFalse();
        Result(p).Qualified.ShouldBeTrue();
    }

    // ---- basic conditions: failing one blocks both routes, the score is still reported --------------------------

    [Fact]
    public void On_the_abnormal_operation_list_the_strong_profile_does_not_qualify_but_keeps_its_score()
    {
        var p = Profiles.Strong() with { Compliance = new Compliance { AbnormalOperationList = true } };
        var tier = Result(p);
        tier.Qualified.ShouldBeFalse();
        tier.Score.ShouldBe(95m);
        Check(p, "basic.not-abnormal").Passed.ShouldBeFalse();
        Check(p, "innovative.direct").Passed.ShouldBeTrue();
    }

    [Fact]
    public void A_large_enterprise_does_not_qualify_but_keeps_its_score()
    {
        // Other industry (M7310): 300 employees is not under the SME bound of 300 → large.
        var p = (Profiles.Strong() with { IndustryCode = "M7310" }).WithYear(2025, f => f with { Employees = 300 });
        Engine.SizeClass(p, AsOf).ShouldBe("large");
        var tier = Result(p);
        tier.Qualified.ShouldBeFalse();
        tier.Score.ShouldBe(95m);
        Check(p, "basic.sme").Passed.ShouldBeFalse();
    }

    [Fact]
    public void One_employee_fewer_makes_the_same_enterprise_an_sme_that_qualifies()
    {
        var p = (Profiles.Strong() with { IndustryCode = "M7310" }).WithYear(2025, f => f with { Employees = 299 });
        Engine.SizeClass(p, AsOf).ShouldBe("medium");
        Result(p).Qualified.ShouldBeTrue();
    }

    [Fact]
    public void A_failing_basic_condition_blocks_the_score_route_too()
    {
        var p = Scored(10, 10, 15, 5, 10, 10) with { Compliance = new Compliance { SeriousDishonestyList = true } };
        var tier = Result(p);
        Check(p, "innovative.scored").Passed.ShouldBeTrue();
        tier.Score.ShouldBe(60m);
        tier.Qualified.ShouldBeFalse();
    }

    public static TheoryData<string, EnterpriseProfile> FailingBasicConditions() => new()
    {
        { "basic.registered-in-mainland", Profiles.Strong() with { RegisteredInMainland = false } },
        { "basic.independent-legal-person", Profiles.Strong() with { IndependentLegalPerson = false } },
        { "basic.not-abnormal", Profiles.Strong() with { Compliance = new Compliance { AbnormalOperationList = true } } },
        { "basic.not-dishonest", Profiles.Strong() with { Compliance = new Compliance { SeriousDishonestyList = true } } },
        { "basic.not-restricted", Profiles.Strong().WithMainProduct(m => m with { RestrictedCategory = true }) },
        { "basic.no-major-incident", Profiles.Strong() with { Compliance = new Compliance { MajorIncidentWithin3Years = true } } },
        { "basic.no-violation", Profiles.Strong() with { Compliance = new Compliance { ViolationWithin3Years = true } } },
    };

    [Theory]
    [MemberData(nameof(FailingBasicConditions))]
    public void Each_basic_condition_alone_stops_the_strong_profile_and_the_score_is_still_reported(string checkId, EnterpriseProfile profile)
    {
        Check(profile, checkId).Passed.ShouldBeFalse();
        var tier = Result(profile);
        tier.Qualified.ShouldBeFalse();
        tier.Score.ShouldBe(95m);
    }

    [Fact]
    public void Absent_compliance_flags_default_to_clean()
    {
        var p = Profiles.Strong() with { Compliance = null, RegisteredInMainland = null, IndependentLegalPerson = null };
        Check(p, "basic").Passed.ShouldBeTrue();
        Result(p).Qualified.ShouldBeTrue();
    }
}
