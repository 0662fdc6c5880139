using System.Text.Json.Nodes;
using Tidu.Data.Entities.Workflow;

namespace Tidu.Web.Workflow;

using Application = Tidu.Data.Entities.Workflow.Application;

/// <summary>An application (申报) in a list: its round, enterprise, state and whether the pre-evaluation qualified.</summary>
public sealed record ApplicationSummaryView(long Id, long RoundId, string CreditCode, string EnterpriseName, string State, int Revision, bool DeclaredTrue,
    DateTimeOffset SubmittedAt, bool PreEvaluationQualified, string PreEvaluationRuleVersion)
{
    public static ApplicationSummaryView Of(Application a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new(a.Id, a.RoundId, a.Enterprise.CreditCode, a.Enterprise.Name, a.State.ToString(), a.Revision, a.DeclaredTrue, a.SubmittedAt,
            a.PreEvaluationQualified, a.PreEvaluationRuleVersion);
    }
}

/// <summary>
/// One application with its pre-evaluation (预评价), publicity (公示) dates, certificate, objections (异议) and every
/// decision of the review chain, oldest first.
/// </summary>
public sealed record ApplicationView(long Id, long RoundId, string CreditCode, string EnterpriseName, string State, int Revision, bool DeclaredTrue,
    DateTimeOffset SubmittedAt, PreEvaluationView PreEvaluation, DateOnly? PublicityStartsOn, DateOnly? PublicityEndsOn, string? CertificateNumber,
    IReadOnlyList<ObjectionView> Objections, IReadOnlyList<DecisionView> Decisions)
{
    /// <summary>The view of <paramref name="a"/>, with <paramref name="gapJson"/>: the gap analysis answered with a submission or resubmission (null otherwise).</summary>
    public static ApplicationView Of(Application a, string? gapJson)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new(a.Id, a.RoundId, a.Enterprise.CreditCode, a.Enterprise.Name, a.State.ToString(), a.Revision, a.DeclaredTrue, a.SubmittedAt,
            new PreEvaluationView(a.PreEvaluationQualified, a.PreEvaluationRuleVersion, JsonNode.Parse(a.PreEvaluation), gapJson is null ? null : JsonNode.Parse(gapJson)),
            a.PublicityStartsOn, a.PublicityEndsOn, a.CertificateNumber,
            [.. a.Objections.OrderBy(o => o.Id).Select(ObjectionView.Of)],
            [.. a.Decisions.OrderBy(d => d.At).ThenBy(d => d.Id).Select(DecisionView.Of)]);
    }
}

/// <summary>
/// The evaluation an application was submitted with: whether it qualified for the round's tier, under which rule
/// version, its trace in the evaluation result format, and the gap analysis when the answer carries one.
/// </summary>
public sealed record PreEvaluationView(bool Qualified, string RuleVersion, JsonNode? Trace, JsonNode? Gap);

/// <summary>An objection (异议) raised during publicity and, once resolved, its outcome (upheld or dismissed).</summary>
public sealed record ObjectionView(long Id, string Reason, string RaisedBy, DateTimeOffset RaisedAt, string? Outcome, string? ResolvedBy, DateTimeOffset? ResolvedAt,
    string? ResolutionReason)
{
    public static ObjectionView Of(ApplicationObjection o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new(o.Id, o.Reason, o.RaisedBy, o.RaisedAt, o.Outcome?.ToString(), o.ResolvedBy, o.ResolvedAt, o.ResolutionReason);
    }
}

/// <summary>One decision of the review chain: which level decided what, the states before and after, who, when and why.</summary>
public sealed record DecisionView(string Decision, string Level, string From, string To, string Actor, DateTimeOffset At, string? Reason, string? OverrideReason,
    string RuleVersion)
{
    public static DecisionView Of(ApplicationDecision d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new(d.Decision, d.Level, d.FromState.ToString(), d.ToState.ToString(), d.Actor, d.At, d.Reason, d.OverrideReason, d.RuleVersion);
    }
}
