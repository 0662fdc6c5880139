using CsCheck;
using Shouldly;
using Tidu.Domain.Profiles;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Tests.Support;
using Xunit;

namespace Tidu.Rules.Tests.Properties;

/// <summary>Laws every evaluation obeys, checked over generated profiles on both national versions.</summary>
public sealed class EnginePropertyTests
{
    private const int Iterations = 400;

    private static string Summary(EnterpriseEvaluation e) =>
        e.SizeClass.SizeClass + "|" + string.Join("|", e.Tiers.Select(t => $"{t.Tier}:{t.Qualified}:{t.Score}:{string.Join(",", t.Checks.Select(c => $"{c.Id}={c.Passed}/{c.Points}"))}"));

    [Fact]
    public void Evaluation_is_deterministic() =>
        Gen.Select(ProfileGenerators.Profile, ProfileGenerators.AsOf).Sample((p, d) =>
            Summary(Engine.Evaluate(p, d)).ShouldBe(Summary(Engine.Evaluate(p, d))), iter: Iterations);

    [Fact]
    public void Order_of_years_honours_and_recognitions_in_the_input_does_not_matter() =>
        Gen.Select(ProfileGenerators.Profile, ProfileGenerators.AsOf).Sample((p, d) =>
        {
            var reversed = p with
            {
                Honors = p.Honors!.Reverse().ToList(),
                Recognitions = p.Recognitions!.Reverse().ToList(),
                QualityEvaluations = p.QualityEvaluations!.Reverse().ToList(),
                Standards = p.Standards!.Reverse().ToList(),
            };
            Summary(Engine.Evaluate(reversed, d)).ShouldBe(Summary(Engine.Evaluate(p, d)));
        }, iter: Iterations);

    [Fact]
    public void Raising_rd_expense_never_lowers_a_score() =>
        Gen.Select(ProfileGenerators.Profile, ProfileGenerators.AsOf, Gen.Int[1, 100000]).Sample((p, d, extraCents) =>
        {
            var extra = extraCents / 100m;
            var more = p with { Financials = p.Financials.Select(f => f with { RdExpense = f.RdExpense + extra }).ToList() };
            var before = Engine.Evaluate(p, d).Tiers;
            var after = Engine.Evaluate(more, d).Tiers;
            for (var i = 0; i < before.Count; i++)
            {
                (after[i].Score ?? 0m).ShouldBeGreaterThanOrEqualTo(before[i].Score ?? 0m, before[i].Tier);
            }
        }, iter: Iterations);

    [Fact]
    public void A_qualifying_profile_still_qualifies_with_a_valid_honour_added() =>
        Gen.Select(ProfileGenerators.Profile, ProfileGenerators.AsOf, ProfileGenerators.OneOf("high-tech-enterprise", "tech-sme", "national-st-award", "chuangke-top50")).Sample((p, d, kind) =>
        {
            var with = p with { Honors = [.. p.Honors!, new Honor(kind, d.Year - 1, null, 1)] };
            var before = Engine.Evaluate(p, d).Tiers;
            var after = Engine.Evaluate(with, d).Tiers;
            for (var i = 0; i < before.Count; i++)
            {
                if (before[i].Qualified)
                {
                    after[i].Qualified.ShouldBeTrue($"{before[i].Tier} lost by adding {kind}");
                }
            }
        }, iter: Iterations);

    [Fact]
    public void Generated_profiles_reach_both_outcomes_for_every_tier()
    {
        // Guards the properties above against a generator that never qualifies (which would make them vacuous).
        var qualified = new Dictionary<string, (int Yes, int No)>();
        Gen.Select(ProfileGenerators.Profile, ProfileGenerators.AsOf).Sample((p, d) =>
        {
            foreach (var t in Engine.Evaluate(p, d).Tiers)
            {
                lock (qualified)
                {
                    var (yes, no) = qualified.GetValueOrDefault(t.Tier);
                    qualified[t.Tier] = t.Qualified ? (yes + 1, no) : (yes, no + 1);
                }
            }
        }, iter: 3000, threads: 1);
        foreach (var (tier, (yes, no)) in qualified)
        {
            yes.ShouldBeGreaterThan(0, tier);
            no.ShouldBeGreaterThan(0, tier);
        }
    }
}
