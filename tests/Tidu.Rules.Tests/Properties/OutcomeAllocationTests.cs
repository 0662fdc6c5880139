using Shouldly;
using Tidu.Domain.Profiles;
using Tidu.Domain.Regions;
using Tidu.Rules.Plans;
using Tidu.Rules.Synthetic;
using Tidu.Rules.Tests.Support;
using Xunit;

namespace Tidu.Rules.Tests.Properties;

/// <summary>
/// Outcome mode allocates nothing per evaluation once warm: the plans are compiled, the workspace's arrays sized and the
/// industry groups looked up by a first pass over the same profiles; a second pass must then allocate no byte on this
/// thread. Allocation counting is exact (not timing): one object allocated per evaluation shows up as N × its size.
/// </summary>
public sealed class OutcomeAllocationTests
{
    private const int Count = 2_000;

    private static readonly Lazy<EnterpriseProfile[]> Generated = new(() =>
    {
        var generator = new ProfileGenerator(RegionTree.Shipped.Leaves(), Engine.Evaluator.Library, 2025);
        return [.. Enumerable.Range(0, Count).Select(i => generator.Generate(7, i))];
    });

    [Theory]
    [InlineData("2026-03-31", NearMissMode.None)]
    [InlineData("2026-03-31", NearMissMode.Count)]
    [InlineData("2026-06-30", NearMissMode.None)]
    [InlineData("2026-06-30", NearMissMode.Count)]
    public void A_warm_outcome_evaluation_allocates_nothing(string date, NearMissMode nearMisses)
    {
        var profiles = Generated.Value;
        var plans = Engine.Evaluator.PlansOn(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture));
        var workspace = new PlanWorkspace();
        var warm = Run(plans, workspace, profiles, nearMisses);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var measured = Run(plans, workspace, profiles, nearMisses);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        measured.ShouldBe(warm); // the same work both times
        measured.ShouldBeGreaterThan(0); // and some tier qualified: the evaluations were not vacuous
        allocated.ShouldBe(0, $"{allocated} bytes over {profiles.Length} warm evaluations ({allocated / (double)profiles.Length:F1} B each)");
    }

    private static int Run(PlanSet plans, PlanWorkspace workspace, EnterpriseProfile[] profiles, NearMissMode nearMisses)
    {
        var qualified = 0;
        foreach (var p in profiles)
        {
            var outcome = plans.For(p.RegionCode, workspace).Evaluate(p, workspace, nearMisses);
            for (var t = 0; t < outcome.Plan.Tiers.Count; t++)
            {
                qualified += outcome.Qualified(t) ? 1 : 0;
            }
        }
        return qualified;
    }
}
