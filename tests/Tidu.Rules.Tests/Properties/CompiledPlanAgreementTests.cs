using CsCheck;
using Shouldly;
using Tidu.Domain.Profiles;
using Tidu.Domain.Regions;
using Tidu.Rules.Plans;
using Tidu.Rules.Synthetic;
using Tidu.Rules.Tests.Support;
using Xunit;

namespace Tidu.Rules.Tests.Properties;

/// <summary>
/// The plan compiled into one delegate and the plan's interpreter decide alike: size class, qualified, score,
/// sub-scores and decisive failures of every tier, on generated and perturbed profiles under both national versions
/// and in every region (the provinces' own tiers and overlays are plans of their own).
/// </summary>
public sealed class CompiledPlanAgreementTests
{
    private static readonly DateOnly[] Dates = [new(2026, 3, 31), new(2026, 4, 1), new(2026, 6, 30)];

    private static readonly Lazy<ProfileGenerator> Synthetic = new(() => new ProfileGenerator(RegionTree.Shipped.Leaves(), Engine.Evaluator.Library, 2025));

    [Fact]
    public void Compiled_and_interpreted_plans_agree_on_generated_and_perturbed_profiles() =>
        Gen.Select(ProfileGenerators.Profile, ProfileGenerators.AsOf, Gen.Enum<NearMissMode>()).Sample(Agree, iter: 1_000);

    [Fact]
    public void Compiled_and_interpreted_plans_agree_in_every_region_on_both_national_versions() =>
        Gen.Select(Gen.Int[0, 100_000], Gen.Int[0, Dates.Length - 1], Gen.Enum<NearMissMode>())
            .Sample((i, d, mode) => Agree(Synthetic.Value.Generate(11, i), Dates[d], mode), iter: 2_000);

    private static void Agree(EnterpriseProfile profile, DateOnly asOf, NearMissMode mode)
    {
        var plan = Engine.Evaluator.PlansOn(asOf).For(profile.RegionCode);
        plan.Compile();
        var compiled = plan.Evaluate(profile, new PlanWorkspace(), mode);
        var interpreted = plan.Interpret(profile, new PlanWorkspace(), mode);
        compiled.SizeClass.ShouldBe(interpreted.SizeClass);
        compiled.Group.ShouldBe(interpreted.Group);
        compiled.SizeClassMissingField.ShouldBe(interpreted.SizeClassMissingField);
        compiled.SizeClassMissingReason.ShouldBe(interpreted.SizeClassMissingReason);
        for (var t = 0; t < plan.Tiers.Count; t++)
        {
            var tier = plan.Tiers[t].Id;
            compiled.Qualified(t).ShouldBe(interpreted.Qualified(t), tier);
            compiled.Score(t).ShouldBe(interpreted.Score(t), tier);
            for (var d = 0; d < plan.Tiers[t].Dimensions.Count; d++)
            {
                compiled.SubScore(t, d).ShouldBe(interpreted.SubScore(t, d), $"{tier} {plan.Tiers[t].Dimensions[d].Id}");
            }
            compiled.DecisiveFailures(t).ShouldBe(interpreted.DecisiveFailures(t), tier);
            compiled.NearMiss(t).ShouldBe(interpreted.NearMiss(t), tier);
            compiled.DecisiveChecks(t).Select(c => c.Check.Id).ShouldBe(interpreted.DecisiveChecks(t).Select(c => c.Check.Id), tier);
        }
    }

    [Fact]
    public void A_plan_compiles_itself_after_its_first_hundred_evaluations()
    {
        // A library of its own: the shared one's plans are compiled by the other tests.
        var plan = new Evaluation.Evaluator(RuleLibrary.LoadDefault()).PlansOn(Dates[0]).For("330106");
        var workspace = new PlanWorkspace();
        for (var i = 1; i < EvaluationPlan.CompileAfter; i++)
        {
            plan.Evaluate(Profiles.Strong(), workspace);
        }
        plan.IsCompiled.ShouldBeFalse();
        plan.Evaluate(Profiles.Strong(), workspace).Qualified(0).ShouldBe(plan.Interpret(Profiles.Strong(), new PlanWorkspace()).Qualified(0));
        plan.IsCompiled.ShouldBeTrue();
    }

    [Fact]
    public void Every_plan_of_the_shipped_rules_compiles()
    {
        foreach (var date in Dates)
        {
            var plans = Engine.Evaluator.PlansOn(date);
            foreach (var region in RegionTree.Shipped.Leaves())
            {
                Should.NotThrow(() => plans.For(region.Code).Compile(), $"{region.Code} on {date}");
            }
        }
    }
}
