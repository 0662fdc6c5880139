namespace Tidu.Data.Entities.Workflow;

/// <summary>
/// One enterprise's application (申报) in one round. The pre-evaluation made at submission is kept as it was
/// shown, with the rule version that produced it. <see cref="Revision"/> is the concurrency token: of two
/// officers deciding on the same revision, one wins and the other gets a conflict.
/// </summary>
public sealed class Application
{
    public long Id { get; set; }
    public long RoundId { get; set; }
    public Round Round { get; set; } = null!;
    public long EnterpriseId { get; set; }
    public Enterprise Enterprise { get; set; } = null!;

    /// <summary>Changed only by the application layer's lifecycle table (a step is recorded with every change).</summary>
    public ApplicationState State { get; internal set; }

    /// <summary>The enterprise declared its data true (承诺数据真实) when it (re)submitted.</summary>
    public bool DeclaredTrue { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Evaluation of the round's tier at (re)submission, as JSON (every check, actual, required, citation).</summary>
    public required string PreEvaluation { get; set; }

    public bool PreEvaluationQualified { get; set; }

    /// <summary>"ruleSetId@versionId" that produced <see cref="PreEvaluation"/>.</summary>
    public required string PreEvaluationRuleVersion { get; set; }

    public int Revision { get; set; }

    /// <summary>First and last day of publicity (China time, inclusive); null before publicity starts.</summary>
    public DateOnly? PublicityStartsOn { get; set; }

    public DateOnly? PublicityEndsOn { get; set; }

    /// <summary>Issued at recognition, unique: "{tier}-{year}-{sequence}".</summary>
    public string? CertificateNumber { get; set; }

    public List<ApplicationObjection> Objections { get; set; } = [];

    public List<ApplicationDecision> Decisions { get; set; } = [];
}
