using Shouldly;
using Xunit;

namespace Tidu.Bench.Tests;

/// <summary>
/// The three evaluators of the benchmarks — Tidu's engine, the hand-written baseline and the Microsoft RulesEngine
/// workflows — agree on the size class and, for every tier, on qualified and score, over 20,000 generated profiles and
/// 20,000 perturbed copies (missing years and fields, zero denominators, coarse industry codes, boundary dates and
/// values). The speed ratios in docs/performance.md compare these evaluators, so they must compute the same thing.
/// </summary>
public sealed class EquivalenceTests
{
    [Fact]
    public async Task Tidu_hand_written_and_RulesEngine_agree_on_generated_and_perturbed_profiles()
    {
        var report = await EquivalenceCheck.CompareAsync(20_000);

        report.Profiles.ShouldBe(40_000);
        report.Mismatches.ShouldBeEmpty(string.Join(Environment.NewLine, report.Mismatches.Take(20)));
        // Not vacuous: in both passes every tier is met by some profiles and missed by others.
        for (var pass = 0; pass < 2; pass++)
        {
            for (var t = 0; t < Outcome.TierIds.Length; t++)
            {
                report.Qualified[pass, t].ShouldBeInRange(1, 19_999, $"pass {pass}, {Outcome.TierIds[t]}");
            }
        }
    }
}
