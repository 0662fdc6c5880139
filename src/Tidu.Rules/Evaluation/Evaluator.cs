using System.Collections.Concurrent;
using Tidu.Domain.Profiles;
using Tidu.Rules.Facts;
using Tidu.Rules.Model;
using Tidu.Rules.Plans;

namespace Tidu.Rules.Evaluation;

/// <summary>
/// Evaluates enterprises against the rule library as of a date: the size class first, then every tier that applies
/// to the enterprise's region in order, each with the version in force on that date — of the most specific
/// jurisdiction's rule set in force (national → province → city → district). Stateless and thread-safe.
/// </summary>
public sealed class Evaluator(RuleLibrary library)
{
    private const int MaxPlannedDates = 256;

    [ThreadStatic]
    private static PlanWorkspace? t_workspace;

    private readonly ConcurrentDictionary<DateOnly, PlanSet> _plans = new();

    public RuleLibrary Library { get; } = library;

    /// <summary>
    /// Throws <see cref="RuleNotInForceException"/> when some rule set has no version on <paramref name="asOf"/>.
    /// Overlays are exempt: outside their dates their base applies.
    /// </summary>
    public void EnsureInForce(DateOnly asOf)
    {
        Library.SizeClass.RequireVersionOn(asOf);
        foreach (var t in Library.Tiers.Where(t => t.Extends is null))
        {
            t.RequireVersionOn(asOf);
        }
        foreach (var c in Library.Conditions.Values)
        {
            c.RequireVersionOn(asOf);
        }
    }

    /// <summary>Evaluates one profile; <paramref name="explain"/> false skips the check lists (screening needs only outcomes).</summary>
    public EnterpriseEvaluation Evaluate(EnterpriseProfile profile, DateOnly asOf, bool explain = true) =>
        Evaluate(profile, asOf, explain ? EvaluationDetail.Full : EvaluationDetail.Outcome);

    /// <summary>The compiled plans of <paramref name="asOf"/> (one per distinct selection of tiers), compiled on first use.</summary>
    public PlanSet PlansOn(DateOnly asOf)
    {
        if (_plans.TryGetValue(asOf, out var set))
        {
            return set;
        }
        if (_plans.Count >= MaxPlannedDates)
        {
            _plans.Clear(); // replays over many dates: recompiling is cheap, an unbounded cache is not
        }
        return _plans.GetOrAdd(asOf, d => new PlanSet(Library, d));
    }

    /// <summary>
    /// Evaluates one profile with the amount of explanation asked for. Outcomes (size class, qualified, scores) come from
    /// the compiled plan; the checks of an explanation are read from the same evaluation's fact slots and must agree.
    /// </summary>
    public EnterpriseEvaluation Evaluate(EnterpriseProfile profile, DateOnly asOf, EvaluationDetail detail)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var plan = PlansOn(asOf).For(profile.RegionCode);
        var workspace = t_workspace ??= new PlanWorkspace();
        var outcome = plan.Evaluate(profile, workspace, detail == EvaluationDetail.DecisiveFailures ? NearMissMode.All : NearMissMode.None);
        var context = workspace.Context;
        var version = plan.SizeVersion!;
        var size = detail == EvaluationDetail.Full && outcome.Group is not null
            ? Agreed(SizeClass(context, explain: true), outcome)
            : new SizeClassResult(outcome.SizeClass, outcome.Group?.Id, outcome.Group?.Title, version.Info, outcome.SizeClassMissingField, outcome.SizeClassMissingReason, []);
        var tiers = new List<TierResult>(plan.Tiers.Count);
        for (var t = 0; t < plan.Tiers.Count; t++)
        {
            tiers.Add(TierOf(plan, t, outcome, context, detail));
        }
        return new EnterpriseEvaluation(profile.CreditCode, profile.Name, profile.RegionCode, asOf, size, tiers);
    }

    private static SizeClassResult Agreed(SizeClassResult explained, PlanOutcome outcome) =>
        explained.SizeClass == outcome.SizeClass && explained.MissingField == outcome.SizeClassMissingField
            ? explained
            : throw new InvalidOperationException($"the explanation of the size class ({explained.SizeClass ?? explained.MissingField}) disagrees with the plan ({outcome.SizeClass ?? outcome.SizeClassMissingField})");

    private static TierResult TierOf(EvaluationPlan plan, int t, PlanOutcome outcome, EvaluationContext context, EvaluationDetail detail)
    {
        var tier = plan.Tiers[t];
        var set = tier.Set;
        var version = tier.Version!;
        var subScores = new List<SubScore>(tier.Dimensions.Count);
        for (var d = 0; d < tier.Dimensions.Count; d++)
        {
            var dim = tier.Dimensions[d];
            subScores.Add(new SubScore(dim.Id, dim.Title, outcome.SubScore(t, d), dim.Max));
        }
        var qualified = outcome.Qualified(t);
        IReadOnlyList<CheckResult> checks = detail switch
        {
            EvaluationDetail.Full => Explain(version, t, outcome, context, subScores),
            EvaluationDetail.DecisiveFailures => [.. outcome.DecisiveChecks(t).Select(x => new CheckResult { Id = x.Check.Id, Title = x.Check.Title, Kind = "check", Parent = x.Parent, Passed = false, Cite = x.Check.Cite })],
            _ => [],
        };
        context.TierQualified[set.Id] = qualified;
        return new TierResult(set.Id, set.Title, version.Info, qualified, outcome.Score(t), subScores, version.Readings, checks) { Jurisdiction = set.Jurisdiction };
    }

    /// <summary>Every check, group and indicator of one tier, read from the evaluation's slots with the plan's score in the context.</summary>
    private static List<CheckResult> Explain(TierVersion version, int t, PlanOutcome outcome, EvaluationContext context, List<SubScore> subScores)
    {
        var score = outcome.Score(t);
        context.CurrentScore = score;
        context.CurrentSubScores.Clear();
        foreach (var sub in subScores)
        {
            context.CurrentSubScores[sub.Dimension] = sub.Points;
        }
        var scoreSink = new ExplanationSink();
        var total = 0m;
        foreach (var indicator in version.Score?.Indicators ?? [])
        {
            total += indicator.Evaluate(context, scoreSink, "score");
        }
        var sink = new ExplanationSink();
        var qualified = version.Qualify.Evaluate(context, sink, null);
        if (qualified != outcome.Qualified(t) || (score is { } s && s != total))
        {
            throw new InvalidOperationException($"the explanation of '{version.Info.RuleSetId}' (qualified {qualified}, score {total}) disagrees with the plan (qualified {outcome.Qualified(t)}, score {score})");
        }
        return [.. sink.Results, .. scoreSink.Results];
    }

    private SizeClassResult SizeClass(EvaluationContext context, bool explain)
    {
        var version = Library.SizeClass.RequireVersionOn(context.AsOf);
        var (group, ambiguity) = version.GroupFor(context.Profile.IndustryCode);
        if (group is null)
        {
            context.SizeClass = null;
            context.SizeClassMissingField = "/industryCode";
            return new SizeClassResult(null, null, null, version.Info, "/industryCode", ambiguity, []);
        }
        // A missing input anywhere in the group makes the class "not available". Without an explanation the
        // checks only count missing inputs; the sink that names the field is built when one is missing.
        var before = context.MissingReads;
        var sink = explain ? new ExplanationSink() : null;
        var sme = group.Sme.Evaluate(context, sink, null);
        var medium = group.Medium.Evaluate(context, sink, null);
        var small = group.Small.Evaluate(context, sink, null);
        if (sink is null && context.MissingReads > before)
        {
            sink = new ExplanationSink();
            group.Sme.Evaluate(context, sink, null);
            group.Medium.Evaluate(context, sink, null);
            group.Small.Evaluate(context, sink, null);
        }
        var missing = sink?.FirstMissing(0);
        string? result = missing is not null ? null : !sme ? "large" : medium ? "medium" : small ? "small" : "micro";
        context.SizeClass = result;
        context.SizeClassMissingField = missing;
        return new SizeClassResult(result, group.Id, group.Title, version.Info, missing, missing is null ? null : "an input of the size-class table is not available",
            explain ? sink!.Results : []);
    }

    /// <summary>
    /// The context in which <paramref name="tierId"/>'s conditions are evaluated on <paramref name="asOf"/>: the size
    /// class, the outcomes of the tiers before it and its own score — what gap analysis probes and re-checks.
    /// </summary>
    public EvaluationContext ContextFor(EnterpriseProfile profile, DateOnly asOf, string tierId)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var context = new EvaluationContext(profile, asOf);
        SizeClass(context, explain: false);
        foreach (var set in Library.Tiers)
        {
            if (set.Id == tierId)
            {
                Score(set.RequireVersionOn(asOf), context, null);
                return context;
            }
            Tier(set, context, EvaluationDetail.Outcome);
        }
        throw new ArgumentException($"no tier rule set '{tierId}'", nameof(tierId));
    }

    /// <summary>Computes the tier's score into the context (total and per dimension) before its conditions read it.</summary>
    private static List<SubScore> Score(TierVersion version, EvaluationContext context, ExplanationSink? scoreSink)
    {
        context.CurrentScore = null;
        context.CurrentSubScores.Clear();
        var subScores = new List<SubScore>();
        if (version.Score is { } card)
        {
            decimal total = 0m;
            foreach (var dim in card.Dimensions)
            {
                context.CurrentSubScores[dim.Id] = 0m;
            }
            foreach (var indicator in card.Indicators)
            {
                var points = indicator.Evaluate(context, scoreSink, "score");
                total += points;
                context.CurrentSubScores[indicator.Dimension!] += points;
            }
            context.CurrentScore = total;
            foreach (var dim in card.Dimensions)
            {
                subScores.Add(new SubScore(dim.Id, dim.Title, context.CurrentSubScores[dim.Id], dim.Max));
            }
        }
        return subScores;
    }

    private static TierResult Tier(RuleSet<TierVersion> set, EvaluationContext context, EvaluationDetail detail)
    {
        var explain = detail == EvaluationDetail.Full;
        var version = set.RequireVersionOn(context.AsOf);
        var scoreSink = explain ? new ExplanationSink() : null;
        var subScores = Score(version, context, scoreSink);
        var sink = detail switch
        {
            EvaluationDetail.Full => new ExplanationSink(),
            EvaluationDetail.DecisiveFailures => ExplanationSink.FailuresOnly(),
            _ => null,
        };
        var qualified = version.Qualify.Evaluate(context, sink, null);
        context.TierQualified[set.Id] = qualified;
        var checks = detail switch
        {
            EvaluationDetail.Full => [.. sink!.Results, .. scoreSink!.Results],
            EvaluationDetail.DecisiveFailures => sink!.Results,
            _ => new List<CheckResult>(),
        };
        return new TierResult(set.Id, set.Title, version.Info, qualified, context.CurrentScore, subScores, version.Readings, checks) { Jurisdiction = set.Jurisdiction };
    }
}
