using System.Globalization;
using Shouldly;
using Tidu.Rules.Model;
using Tidu.Rules.Tests.Support;
using Xunit;

namespace Tidu.Rules.Tests.Versions;

/// <summary>
/// Dated versions (工信部企业〔2022〕63号 and its 2026 revision, 工信部企业〔2026〕2号): the 2022 measures (63号) are in force for evaluations
/// dated 2022-08-01 to 2026-03-31, the 2026 revision (2号) from 2026-04-01; a date before any version is an
/// error that says so, never a silent fallback.
/// </summary>
public sealed class VersionSelectionTests
{
    private static DateOnly Date(string s) => DateOnly.Parse(s, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("specialized-sme", "2026-03-31", "2022")]
    [InlineData("specialized-sme", "2026-04-01", "2026")]
    [InlineData("specialized-sme", "2022-08-01", "2022")]
    [InlineData("little-giant", "2026-03-31", "2022")]
    [InlineData("little-giant", "2026-04-01", "2026")]
    [InlineData("little-giant", "2022-08-01", "2022")]
    public void The_version_in_force_on_the_evaluation_date_decides(string tier, string date, string version)
    {
        var result = Engine.Tier(Profiles.Strong(), Date(date), tier);
        result.Version.RuleSetId.ShouldBe(tier);
        result.Version.VersionId.ShouldBe(version);
    }

    [Fact]
    public void Specialized_sme_on_the_last_day_of_the_2022_measures_cites_63_hao()
    {
        var version = Engine.Tier(Profiles.Strong(), Date("2026-03-31"), "specialized-sme").Version;
        version.VersionId.ShouldBe("2022");
        version.Cite.ShouldContain("63号");
        version.EffectiveTo.ShouldBe(Date("2026-03-31"));
    }

    [Fact]
    public void Specialized_sme_on_the_first_day_of_the_2026_revision_cites_2_hao()
    {
        var version = Engine.Tier(Profiles.Strong(), Date("2026-04-01"), "specialized-sme").Version;
        version.VersionId.ShouldBe("2026");
        version.Cite.ShouldContain("2号");
        version.Cite.ShouldNotContain("63号");
        version.EffectiveFrom.ShouldBe(Date("2026-04-01"));
    }

    [Fact]
    public void The_same_profile_is_scored_under_2022_and_not_scored_under_2026()
    {
        Engine.Tier(Profiles.Strong(), Date("2026-03-31"), "specialized-sme").Score.ShouldNotBeNull();
        Engine.Tier(Profiles.Strong(), Date("2026-04-01"), "specialized-sme").Score.ShouldBeNull();
    }

    [Fact]
    public void The_innovative_sme_evaluation_of_63_hao_stays_in_force_after_2026_04_01()
    {
        var version = Engine.Tier(Profiles.Strong(), Date("2026-04-01"), "innovative-sme").Version;
        version.Cite.ShouldContain("63号");
    }

    [Theory]
    [InlineData("2022-07-31")]
    [InlineData("2020-01-01")]
    public void A_date_before_any_version_throws_and_names_the_rule_set(string date)
    {
        var ex = Should.Throw<RuleNotInForceException>(() => Engine.Evaluator.Evaluate(Profiles.Strong(), Date(date)));
        ex.RuleSetId.ShouldBeOneOf("innovative-sme", "specialized-sme", "little-giant", "basic-conditions");
        ex.Date.ShouldBe(Date(date));
        ex.Message.ShouldContain($"'{ex.RuleSetId}'");
        ex.Message.ShouldContain(date);
    }
}
