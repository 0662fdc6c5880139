using Tidu.Domain.Display;
using Tidu.Domain.Profiles;
using Tidu.Domain.Projects;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Policies;

namespace Tidu.Rules.Reforms;

/// <summary>One side of a simulation (baseline or reform): the tier rules and the policy catalogue as loaded.</summary>
public sealed record SimulationSide(Evaluator Evaluator, AwardCalculator Awards);

/// <summary>A tier an enterprise gains or loses under the reform, with the checks whose outcome flipped.</summary>
public sealed record TierChange(string CreditCode, string Name, string RegionCode, string Tier, bool Gained, IReadOnlyList<FlippedCheck> Flipped);

public sealed record FlippedCheck(string Id, string Title, string? Baseline, string? Reform, string? Cite);

/// <summary>
/// What one side concluded for one enterprise, reduced to what the totals need: its size class, tier outcomes, the
/// amounts it could claim (Budget), and the clauses whose support has no amount to add up — services, priorities, and
/// money the text does not quantify — one entry per clause (Benefits).
/// </summary>
public sealed record SideOutcome(string? SizeClass, IReadOnlyList<(string Tier, bool Qualified)> Tiers, IReadOnlyList<(string Clause, string FundingKey, decimal Amount)> Budget,
    IReadOnlyList<string>? Benefits = null);

public sealed record EnterpriseComparison(string RegionCode, SideOutcome Baseline, SideOutcome Reform, IReadOnlyList<TierChange> Changes);

/// <summary>
/// Compares one enterprise under the baseline and the reformed rules. Budgets count the awards the enterprise
/// could claim if every tier it qualifies for were recognised on the date (projected recognitions), plus those
/// of the recognitions it holds and its projects — so a looser criterion shows up in the budget. Only when a
/// tier flips are the two evaluations explained in full, to name the checks that flipped. Thread-safe.
/// </summary>
public sealed class Simulator(SimulationSide baseline, SimulationSide reform, IReadOnlyDictionary<string, IReadOnlyList<Project>> projects)
{
    public EnterpriseComparison Compare(EnterpriseProfile profile, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var own = projects.GetValueOrDefault(profile.CreditCode) ?? [];
        var (b, be) = Side(baseline, profile, asOf, own);
        var (r, re) = Side(reform, profile, asOf, own);
        var changes = new List<TierChange>();
        for (var i = 0; i < be.Tiers.Count; i++)
        {
            var bt = be.Tiers[i];
            var rt = re.Tiers.FirstOrDefault(t => t.Tier == bt.Tier);
            if (rt is not null && rt.Qualified != bt.Qualified)
            {
                changes.Add(new TierChange(profile.CreditCode, profile.Name, profile.RegionCode, bt.Tier, rt.Qualified, Flipped(profile, asOf, bt.Tier)));
            }
        }
        return new EnterpriseComparison(profile.RegionCode, b, r, changes);
    }

    private static (SideOutcome, EnterpriseEvaluation) Side(SimulationSide side, EnterpriseProfile profile, DateOnly asOf, IReadOnlyList<Project> own)
    {
        var evaluation = side.Evaluator.Evaluate(profile, asOf, EvaluationDetail.Outcome);
        var awards = side.Awards.Match(profile, asOf, own, evaluation, projectQualifiedTiers: true);
        var budget = awards.Paid.Where(c => c.Amount is not null).Select(c => (c.Clause.Id, c.Clause.FundingKey, c.Amount!.Value)).ToList();
        var benefits = awards.Services.Concat(awards.Paid.Where(c => c.Amount is null)).Select(c => c.Clause.Id).Distinct(StringComparer.Ordinal).ToList();
        return (new SideOutcome(evaluation.SizeClass.SizeClass, evaluation.Tiers.Select(t => (t.Tier, t.Qualified)).ToList(), budget, benefits), evaluation);
    }

    /// <summary>Leaf checks and indicators of the tier whose pass/points differ between the two sides.</summary>
    private List<FlippedCheck> Flipped(EnterpriseProfile profile, DateOnly asOf, string tier)
    {
        var b = baseline.Evaluator.Evaluate(profile, asOf, EvaluationDetail.Full).Tiers.Single(t => t.Tier == tier).Checks;
        var r = reform.Evaluator.Evaluate(profile, asOf, EvaluationDetail.Full).Tiers.Single(t => t.Tier == tier).Checks;
        var byId = r.GroupBy(c => c.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var result = new List<FlippedCheck>();
        foreach (var c in b.Where(c => c.Kind is "check" or "indicator"))
        {
            if (byId.TryGetValue(c.Id, out var o) && (o.Passed != c.Passed || o.Points != c.Points || o.Required != c.Required))
            {
                result.Add(new FlippedCheck(c.Id, c.Title, Describe(c), Describe(o), o.Cite));
            }
        }
        return result;
    }

    private static string Describe(CheckResult c) =>
        (c.Passed ? "通过" : "未通过")
        + $"（实际 {(c.Actual is null ? "不可得" : DisplayNames.Value(c.Actual))}，要求 {(c.Required is { } r ? Requirements.Describe(r, c.Kind == "check" ? c.Unit : null) : c.Points is { } p ? $"得分 {p}" : "—")}）";
}
