using CsCheck;
using Shouldly;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Tests.Support;
using Xunit;

namespace Tidu.Rules.Tests.Properties;

/// <summary>
/// The outcome mode (compiled plan only) and the full explanation (checks read back from the same evaluation) tell the
/// same story, over generated profiles on the dates of both national versions (before and after 2026-04-01).
/// </summary>
public sealed class ExplanationAgreementTests
{
    private const int Iterations = 500;

    [Fact]
    public void Outcome_mode_and_full_explanation_agree_on_size_class_qualification_and_scores() =>
        Gen.Select(ProfileGenerators.Profile, ProfileGenerators.AsOf).Sample((p, d) =>
        {
            var outcome = Engine.Evaluator.Evaluate(p, d, EvaluationDetail.Outcome);
            var full = Engine.Evaluator.Evaluate(p, d, EvaluationDetail.Full);
            full.SizeClass.SizeClass.ShouldBe(outcome.SizeClass.SizeClass);
            full.SizeClass.MissingField.ShouldBe(outcome.SizeClass.MissingField);
            full.Tiers.Select(t => t.Tier).ShouldBe(outcome.Tiers.Select(t => t.Tier));
            for (var i = 0; i < full.Tiers.Count; i++)
            {
                var (o, f) = (outcome.Tiers[i], full.Tiers[i]);
                o.Checks.ShouldBeEmpty();
                f.Qualified.ShouldBe(o.Qualified, f.Tier);
                f.Score.ShouldBe(o.Score, f.Tier);
                f.Version.ShouldBe(o.Version, f.Tier);
                f.SubScores.ShouldBe(o.SubScores, f.Tier);
            }
        }, iter: Iterations);

    [Fact]
    public void The_explained_checks_add_up_to_the_outcome() =>
        Gen.Select(ProfileGenerators.Profile, ProfileGenerators.AsOf).Sample((p, d) =>
        {
            var outcome = Engine.Evaluator.Evaluate(p, d, EvaluationDetail.Outcome);
            var full = Engine.Evaluator.Evaluate(p, d, EvaluationDetail.Full);
            for (var i = 0; i < full.Tiers.Count; i++)
            {
                var (o, f) = (outcome.Tiers[i], full.Tiers[i]);
                // The top of the qualification tree passes exactly when the outcome says qualified.
                var top = f.Checks.Where(c => c.Parent is null).ToList();
                top.Count.ShouldBe(1, f.Tier);
                top[0].Passed.ShouldBe(o.Qualified, f.Tier);
                // The indicators' points sum to the score and, per dimension, to the sub-scores.
                var indicators = f.Checks.Where(c => c.Kind == "indicator").ToList();
                if (o.Score is { } score)
                {
                    indicators.Sum(c => c.Points ?? 0m).ShouldBe(score, f.Tier);
                    foreach (var sub in o.SubScores)
                    {
                        indicators.Where(c => c.Dimension == sub.Dimension).Sum(c => c.Points ?? 0m).ShouldBe(sub.Points, $"{f.Tier} {sub.Dimension}");
                    }
                }
                else
                {
                    indicators.ShouldBeEmpty(f.Tier);
                }
            }
        }, iter: Iterations);

    [Fact]
    public void Both_national_versions_are_reached_by_the_generated_dates()
    {
        // Guards the properties above against dates that all fall under one version.
        var versions = new HashSet<string>(StringComparer.Ordinal);
        ProfileGenerators.AsOf.Sample(d =>
        {
            var version = Engine.Evaluate(Profiles.Strong(), d).Tiers.Single(t => t.Tier == "specialized-sme").Version.VersionId;
            lock (versions)
            {
                versions.Add(version);
            }
        }, iter: 100, threads: 1);
        versions.Order(StringComparer.Ordinal).ShouldBe(["2022", "2026"]);
    }
}
