using Shouldly;
using Tidu.Rules.Evaluation;
using Xunit;

namespace Tidu.Rules.Tests.Support;

/// <summary>The baseline the boundary tests vary must itself qualify everywhere, or their "passes" side proves nothing.</summary>
public sealed class StrongProfileTests
{
    [Theory]
    [InlineData("2026-03-31")]
    [InlineData("2026-06-30")]
    public void Strong_profile_qualifies_for_every_national_tier(string date)
    {
        // With the two selections no criteria can earn on these dates, the strong profile meets every tier.
        var strong = Profiles.Strong();
        var result = Engine.Evaluate(strong with { Recognitions = [.. strong.Recognitions!, .. Profiles.Selections] }, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture));
        result.SizeClass.SizeClass.ShouldBe("small");
        foreach (var tier in result.Tiers)
        {
            tier.Qualified.ShouldBeTrue($"{tier.Tier} on {date}: failed {string.Join(", ", Explanations.DecisiveFailures(tier.Checks).Select(c => c.Id))}");
        }
    }
}
