namespace Tidu.Data.Entities.Workflow;

/// <summary>
/// One step of an application's review chain, append-only: who decided what, when, why, and on which evaluation
/// and rule version. Submissions and resubmissions are steps too, so the chain reads back as it happened.
/// </summary>
public sealed class ApplicationDecision
{
    public long Id { get; set; }
    public long ApplicationId { get; set; }
    public Application Application { get; set; } = null!;

    /// <summary>submit, resubmit, approve, return, reject, recommend, publicize, object, uphold-objection, dismiss-objection, recognize.</summary>
    public required string Decision { get; set; }

    /// <summary>enterprise, county, city, province.</summary>
    public required string Level { get; set; }

    public ApplicationState FromState { get; set; }
    public ApplicationState ToState { get; set; }
    public required string Actor { get; set; }
    public DateTimeOffset At { get; set; }
    public string? Reason { get; set; }

    /// <summary>
    /// Why an approval or recommendation went on although the reviewers' evaluation did not qualify (越过预评价的理由);
    /// null on every step that did not go against the evaluation. A field of its own, so the trail can be searched for
    /// overrides and the step's reason keeps its own meaning.
    /// </summary>
    public string? OverrideReason { get; set; }

    /// <summary>The evaluation the decision was taken on (the application's pre-evaluation at that time).</summary>
    public required string EvaluationTrace { get; set; }

    public required string RuleVersion { get; set; }
}
