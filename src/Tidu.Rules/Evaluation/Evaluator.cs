using Tidu.Domain.Profiles;
using Tidu.Rules.Facts;
using Tidu.Rules.Model;

namespace Tidu.Rules.Evaluation;

/// <summary>
/// Evaluates enterprises against the rule library as of a date: the size class first, then every tier in
/// order, each with the version in force on that date. Stateless and thread-safe.
/// </summary>
public sealed class Evaluator(RuleLibrary library)
{
    public RuleLibrary Library { get; } = library;

    /// <summary>Throws <see cref="RuleNotInForceException"/> when some rule set has no version on <paramref name="asOf"/>.</summary>
    public void EnsureInForce(DateOnly asOf)
    {
        Library.SizeClass.RequireVersionOn(asOf);
        foreach (var t in Library.Tiers)
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

    /// <summary>Evaluates one profile with the amount of explanation asked for.</summary>
    public EnterpriseEvaluation Evaluate(EnterpriseProfile profile, DateOnly asOf, EvaluationDetail detail)
    {
        var explain = detail == EvaluationDetail.Full;
        ArgumentNullException.ThrowIfNull(profile);
        var context = new EvaluationContext(profile, asOf);
        var size = SizeClass(context, explain);
        var tiers = new List<TierResult>(Library.Tiers.Count);
        foreach (var set in Library.Tiers)
        {
            tiers.Add(Tier(set, context, detail));
        }
        return new EnterpriseEvaluation(profile.CreditCode, profile.Name, profile.RegionCode, asOf, size, tiers);
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
        return new TierResult(set.Id, set.Title, version.Info, qualified, context.CurrentScore, subScores, version.Readings, checks);
    }
}
