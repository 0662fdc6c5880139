using System.Text.Json.Nodes;
using Shouldly;
using Tidu.Domain.Profiles;
using Tidu.Domain.Regions;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Gaps;
using Tidu.Rules.Synthetic;
using Tidu.Rules.Tests.Support;
using Xunit;

namespace Tidu.Rules.Tests.Gaps;

/// <summary>
/// Over generated profiles, on the last day of the 2022 measures and the first day of the 2026 revision: every gap
/// reported reachable qualifies once its changes are applied to the input and evaluated again; every change moves
/// an existing input; a gap of one numeric change is the nearest passing value (one step less fails).
/// </summary>
public sealed class GapPropertyTests
{
    private const int Profiles = 1000;

    private static readonly Lazy<ProfileGenerator> Generator = new(() =>
        new ProfileGenerator(RegionTree.Shipped.Leaves(), Engine.Evaluator.Library, 2025));

    private static readonly GapAnalyzer Analyzer = new(Engine.Evaluator);

    [Theory]
    [InlineData("2026-03-31", 11)]
    [InlineData("2026-04-01", 12)]
    public void Applying_a_reachable_gap_to_the_input_qualifies(string date, int seed)
    {
        var asOf = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
        int failed = 0, reachable = 0, blocked = 0, minimalChecked = 0;
        for (var i = 0; i < Profiles; i++)
        {
            var profile = Generator.Value.Generate(seed, i);
            foreach (var gap in Analyzer.FailedTiers(profile, asOf))
            {
                failed++;
                gap.Qualified.ShouldBeFalse();
                if (gap.Tier is "innovative-sme" or "specialized-sme" or "little-giant")
                {
                    gap.Version.VersionId.ShouldBe(date == "2026-03-31" || gap.Tier == "innovative-sme" ? "2022" : "2026");
                }
                foreach (var c in gap.Changes)
                {
                    JsonNode.DeepEquals(c.Current, c.Needed).ShouldBeFalse($"{c.Path}: a change must change something");
                    InputPatch.Resolves(profile, c.Path).ShouldBeTrue($"{c.Path} is not a place in the input of profile {i}");
                }
                if (gap.Blockers.Count > 0)
                {
                    blocked++;
                    gap.Reachable.ShouldBeFalse();
                    continue;
                }
                if (!gap.Reachable)
                {
                    continue;
                }
                reachable++;
                var changed = InputPatch.Apply(profile, gap.Changes);
                Engine.Tier(changed, asOf, gap.Tier).Qualified.ShouldBeTrue(
                    $"profile {i} ({date}) {gap.Tier}: changes {string.Join("; ", gap.Changes.Select(c => $"{c.Path} {c.Current}→{c.Needed}"))} do not qualify");
                if (gap.Changes is [{ Needed: JsonValue needed, Current: JsonValue current } only] && OneStepBack(only, current, needed) is { } back)
                {
                    minimalChecked++;
                    Engine.Tier(InputPatch.Apply(profile, [(only.Path, back)]), asOf, gap.Tier).Qualified.ShouldBeFalse(
                        $"profile {i} ({date}) {gap.Tier}: {only.Path} = {back} already qualifies, so {needed} is not the nearest passing value");
                }
            }
        }
        // The property is not vacuous: most gaps without a blocker are found, and single-change gaps occur.
        failed.ShouldBeGreaterThan(Profiles);
        reachable.ShouldBeGreaterThan(Profiles / 10);
        ((double)reachable / (failed - blocked)).ShouldBeGreaterThan(0.95);
        minimalChecked.ShouldBeGreaterThan(20);
    }

    /// <summary>The needed value one grid step back towards the current one (0.01 万元, one item, 0.0001 of a share).</summary>
    private static JsonValue? OneStepBack(GapChange c, JsonValue current, JsonValue needed)
    {
        if (!current.TryGetValue<decimal>(out var from) || !needed.TryGetValue<decimal>(out var to))
        {
            return null;
        }
        var step = c.Unit switch { "万元" => 0.01m, null => 0.0001m, _ => 1m };
        var back = to > from ? to - step : to + step;
        return back == from ? null : JsonValue.Create(back);
    }
}
