using System.Text.Json.Nodes;
using Tidu.Data.Entities.Workflow;

namespace Tidu.Application.Workflow;

using Application = Tidu.Data.Entities.Workflow.Application;

/// <summary>
/// The evaluation reviewers decide on: the one run on the officer-verified values when an officer verified any (the
/// latest "verify" step), otherwise the pre-evaluation of the values the enterprise declared.
/// </summary>
public static class ReviewerEvaluation
{
    public const string VerifyDecision = "verify";

    /// <summary>
    /// The latest verification step since the latest (re)submission (the decisions must be loaded), or null: a
    /// resubmission declares a corrected file, and what was verified of the old one no longer applies.
    /// </summary>
    public static ApplicationDecision? LatestVerification(Application application)
    {
        ArgumentNullException.ThrowIfNull(application);
        var steps = application.Decisions.OrderBy(d => d.At).ThenBy(d => d.Id).ToList();
        var declared = steps.FindLastIndex(d => d.Decision is "submit" or "resubmit");
        return steps.Skip(declared + 1).LastOrDefault(d => d.Decision == VerifyDecision);
    }

    public static (string Trace, string RuleVersion) Of(Application application) =>
        LatestVerification(application) is { } v ? (v.EvaluationTrace, v.RuleVersion) : (application.PreEvaluation, application.PreEvaluationRuleVersion);

    /// <summary>A decision step taken on the reviewers' evaluation (declared or verified).</summary>
    public static ApplicationDecision Record(Application a, string level, string decision, ApplicationState to, string actor, DateTimeOffset at, string? reason)
    {
        ArgumentNullException.ThrowIfNull(a);
        var (trace, version) = Of(a);
        return new ApplicationDecision
        {
            Application = a,
            Level = level,
            Decision = decision,
            FromState = a.State,
            ToState = to,
            Actor = actor,
            At = at,
            Reason = reason,
            EvaluationTrace = trace,
            RuleVersion = version,
        };
    }

    /// <summary>
    /// Whether the evaluation reviewers decide on qualifies for the round's tier: the latest verification's when an officer
    /// verified values, otherwise the pre-evaluation's (the round must be loaded).
    /// </summary>
    public static bool? Qualifies(Application application)
    {
        ArgumentNullException.ThrowIfNull(application);
        return LatestVerification(application) is { } v ? Qualified(v.EvaluationTrace, application.Round.Tier) : application.PreEvaluationQualified;
    }

    /// <summary>Whether an evaluation trace (as stored) says the round's tier qualified.</summary>
    public static bool? Qualified(string trace, string tier)
    {
        var node = JsonNode.Parse(trace);
        return node?["tiers"]?[tier]?["qualified"]?.GetValue<bool>();
    }
}
