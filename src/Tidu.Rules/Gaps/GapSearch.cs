using Tidu.Domain.Profiles;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Facts;
using Tidu.Rules.Model;
using Tidu.Rules.Model.Conditions;
using Tidu.Rules.Values;

namespace Tidu.Rules.Gaps;

/// <summary>
/// The cheapest plans that make a failing condition pass, found on the condition tree of one tier version:
/// a failing check gets the nearest passing value of each input it reads; "all" repairs its failing members one
/// after the other, each on the profile as the earlier repairs left it; "any" and "atLeast" take the cheapest
/// members. A few plans are kept at each step (a beam), cheapest first.
/// </summary>
internal sealed class GapSearch
{
    private const int Beam = 3;
    private readonly Evaluator _evaluator;
    private readonly string _tierId;
    private readonly ScoreRepair _scores;

    public GapSearch(Evaluator evaluator, DateOnly asOf, string tierId, TierVersion version)
    {
        _evaluator = evaluator;
        AsOf = asOf;
        _tierId = tierId;
        _scores = new ScoreRepair(this, version.Score);
    }

    public DateOnly AsOf { get; }

    /// <summary>The tier's evaluation context for a (changed) profile: size class, earlier tiers, this tier's score.</summary>
    public EvaluationContext Context(EnterpriseProfile profile) => _evaluator.ContextFor(profile, AsOf, _tierId);

    /// <summary>Plans that make <paramref name="node"/> pass on <paramref name="basis"/>, cheapest first; [empty] when it passes.</summary>
    public IReadOnlyList<Plan> Repair(Condition node, EnterpriseProfile basis, EvaluationContext context)
    {
        if (node.Evaluate(context, null, null))
        {
            return [Plan.Empty];
        }
        return node switch
        {
            Include inc => Repair(inc.Target.RequireVersionOn(AsOf).Conditions, basis, context),
            Group g when g.Required == g.Members.Count => All(g.Members, basis, context),
            Group g => Some(g, basis, context),
            Check c when c.FactName == "score" => _scores.Repair(c, basis, context),
            Check c => RepairCheck(c, basis, context),
            _ => [],
        };
    }

    private List<Plan> All(IReadOnlyList<Condition> members, EnterpriseProfile basis, EvaluationContext context)
    {
        // Dimension scores before the total: points raised for a dimension count towards the total too.
        var ordered = members.OrderBy(m => m is Check { FactName: "score" } c ? (c.Args.Dimension is null ? 1 : 0) : 2).ToList();
        List<Plan> plans = [Plan.Empty];
        // A plan's profile and context are built once, however many members it passes unchanged.
        var applied = new Dictionary<Plan, (EnterpriseProfile Profile, EvaluationContext Context)>(ReferenceEqualityComparer.Instance) { [Plan.Empty] = (basis, context) };
        foreach (var member in ordered)
        {
            var next = new List<Plan>();
            foreach (var plan in plans)
            {
                if (!applied.TryGetValue(plan, out var state))
                {
                    var changed = plan.ApplyTo(basis);
                    state = applied[plan] = (changed, Context(changed));
                }
                var (p, c) = state;
                if (member.Evaluate(c, null, null))
                {
                    next.Add(plan);
                    continue;
                }
                next.AddRange(Repair(member, p, c).Select(plan.Then));
            }
            plans = Cheapest(next);
        }
        return plans;
    }

    /// <summary>any / atLeast N: the cheapest repairs of the missing number of failing members.</summary>
    private List<Plan> Some(Group g, EnterpriseProfile basis, EvaluationContext context)
    {
        var failing = g.Members.Where(m => !m.Evaluate(context, null, null)).ToList();
        var missing = g.Required - (g.Members.Count - failing.Count);
        var options = failing.Select(m => Repair(m, basis, context)).Where(o => o.Count > 0).ToList();
        if (missing == 1)
        {
            return Cheapest(options.SelectMany(o => o).ToList());
        }
        var chosen = options.OrderBy(o => o[0].Cost).Take(missing).ToList();
        return chosen.Count < missing ? [] : [chosen.Aggregate(Plan.Empty, (acc, o) => acc.Then(o[0]))];
    }

    private List<Plan> RepairCheck(Check check, EnterpriseProfile basis, EvaluationContext context)
    {
        var direction = check.Op switch { Comparison.Ge or Comparison.Gt => 1, Comparison.Le or Comparison.Lt => -1, _ => 0 };
        bool Passes(EnterpriseProfile p) => check.Test(check.Read(Probe.Context(context, p)));
        bool PassesOn(DateOnly d) => check.Test(check.Read(new EvaluationContext(basis, d) { SizeClass = context.SizeClass }));
        var plans = LeverCatalog.For(check.FactName, check.Args, context, PassesOn)
            .Select(l => LeverSearch.Solve(l, direction, Passes, basis, check.Id, check.Title))
            .OfType<Edit>()
            .Select(Plan.Of)
            .ToList();
        return plans.Count > 0 ? Cheapest(plans) : [Plan.Of(NoChange(check, check.Read(context)))];
    }

    /// <summary>No lever passes: missing data when the fact could not be read, otherwise no change found.</summary>
    private static Edit NoChange(Check check, FactValue value) => new()
    {
        Key = "check:" + check.Id,
        Path = value.IsAvailable ? null : value.MissingField,
        CheckId = check.Id,
        CheckTitle = check.Title,
        Effort = Effort.Blocked,
        Cost = EffortCost.Weight(Effort.Blocked),
        Apply = p => p,
        Blocker = new BlockerInfo(value.IsAvailable ? BlockerKind.NoChange : BlockerKind.MissingData, HasHypothesis: false, Detail: value.IsAvailable ? null : value.MissingField),
    };

    private static List<Plan> Cheapest(List<Plan> plans)
    {
        var result = new List<Plan>();
        foreach (var p in plans.OrderBy(p => p.Cost))
        {
            if (result.Count == Beam)
            {
                break;
            }
            if (!result.Any(r => r.SameAs(p)))
            {
                result.Add(p);
            }
        }
        return result;
    }
}
