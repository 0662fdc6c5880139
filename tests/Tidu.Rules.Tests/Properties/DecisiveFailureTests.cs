using CsCheck;
using Shouldly;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Plans;
using Tidu.Rules.Tests.Support;
using Xunit;

namespace Tidu.Rules.Tests.Properties;

/// <summary>The cheap decisive-failures mode must name exactly the failures the full explanation implies.</summary>
public sealed class DecisiveFailureTests
{
    [Fact]
    public void Decisive_failures_mode_agrees_with_the_full_explanation() =>
        Gen.Select(ProfileGenerators.Profile, ProfileGenerators.AsOf).Sample((p, d) =>
        {
            var full = Engine.Evaluator.Evaluate(p, d, EvaluationDetail.Full);
            var cheap = Engine.Evaluator.Evaluate(p, d, EvaluationDetail.DecisiveFailures);
            for (var i = 0; i < full.Tiers.Count; i++)
            {
                cheap.Tiers[i].Qualified.ShouldBe(full.Tiers[i].Qualified);
                cheap.Tiers[i].Score.ShouldBe(full.Tiers[i].Score);
                cheap.Tiers[i].Checks.Select(c => c.Id).ShouldBe(Explanations.DecisiveFailures(full.Tiers[i].Checks).Select(c => c.Id), full.Tiers[i].Tier);
            }
        }, iter: 500);

    [Fact]
    public void Outcome_mode_names_the_near_misses_the_full_explanation_implies() =>
        Gen.Select(ProfileGenerators.Profile, ProfileGenerators.AsOf).Sample((p, d) =>
        {
            var full = Engine.Evaluator.Evaluate(p, d, EvaluationDetail.Full);
            var outcome = Engine.Evaluator.PlansOn(d).For(p.RegionCode).Evaluate(p, new PlanWorkspace(), NearMissMode.Count);
            outcome.Plan.Tiers.Select(t => t.Id).ShouldBe(full.Tiers.Select(t => t.Tier));
            for (var i = 0; i < full.Tiers.Count; i++)
            {
                var expected = Engine.Evaluator.Library.Index.IsNearMiss(full.Tiers[i]) ? Explanations.DecisiveFailures(full.Tiers[i].Checks)[0].Id : null;
                outcome.NearMiss(i)?.Id.ShouldBe(expected, full.Tiers[i].Tier);
                (outcome.NearMiss(i) is null).ShouldBe(expected is null, full.Tiers[i].Tier);
            }
        }, iter: 500);

    [Fact]
    public void A_qualifying_tier_has_no_decisive_failures_and_a_failing_one_has_some() =>
        Gen.Select(ProfileGenerators.Profile, ProfileGenerators.AsOf).Sample((p, d) =>
        {
            foreach (var t in Engine.Evaluator.Evaluate(p, d, EvaluationDetail.DecisiveFailures).Tiers)
            {
                (t.Checks.Count == 0).ShouldBe(t.Qualified, t.Tier);
            }
        }, iter: 500);
}
