using Shouldly;
using Tidu.Rules.Model;
using Xunit;

namespace Tidu.Rules.Tests.Jurisdictions;

/// <summary>Which regions a jurisdiction contains (GB/T 2260: province 2 digits, city 4, county 6), and how specific it is.</summary>
public sealed class JurisdictionTests
{
    [Theory]
    [InlineData("national", "330106", true)]
    [InlineData("national", "420111", true)]
    [InlineData("33", "330106", true)]
    [InlineData("33", "330212", true)]
    [InlineData("33", "420111", false)]
    [InlineData("42", "420111", true)]
    [InlineData("42", "429004", true)]      // 仙桃: county-level city directly under Hubei
    [InlineData("3301", "330106", true)]
    [InlineData("330100", "330106", true)]  // the city written as a 6-digit code
    [InlineData("3301", "330212", false)]   // 鄞州区 is in Ningbo
    [InlineData("330106", "330106", true)]
    [InlineData("330106", "330105", false)]
    [InlineData("33", "339999", true)]      // not in the shipped tree: placed by its code
    public void A_jurisdiction_contains_the_regions_below_it(string jurisdiction, string region, bool contains)
    {
        Jurisdiction.Contains(jurisdiction, region).ShouldBe(contains);
    }

    [Theory]
    [InlineData("national", 0)]
    [InlineData("33", 2)]
    [InlineData("330000", 2)]
    [InlineData("3301", 4)]
    [InlineData("330100", 4)]
    [InlineData("330106", 6)]
    public void Specificity_grows_from_national_to_county(string jurisdiction, int specificity)
    {
        Jurisdiction.Specificity(jurisdiction).ShouldBe(specificity);
    }

    [Theory]
    [InlineData("national", true)]
    [InlineData("33", true)]
    [InlineData("3301", true)]
    [InlineData("330106", true)]
    [InlineData("330", false)]
    [InlineData("zhejiang", false)]
    [InlineData("National", false)]
    [InlineData("", false)]
    public void Only_national_or_a_2_4_or_6_digit_code_is_a_jurisdiction(string jurisdiction, bool valid)
    {
        Jurisdiction.IsValid(jurisdiction).ShouldBe(valid);
    }
}
