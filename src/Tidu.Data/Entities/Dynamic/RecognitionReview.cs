namespace Tidu.Data.Entities.Dynamic;

/// <summary>
/// A re-review decision (复核) on a recognition, append-only: kept (保留, validity extended) or revoked (撤销), by whom,
/// when, why, on which evaluation of the enterprise's current file and which rule version. A revocation carries the
/// last day of its re-application bar, fixed at the time of the decision from configuration.
/// </summary>
public sealed class RecognitionReview
{
    public long Id { get; set; }
    public long RecognitionId { get; set; }
    public EnterpriseRecognition Recognition { get; set; } = null!;

    /// <summary>The recognition's enterprise, kept here so the region scope filters and guards this row directly.</summary>
    public long EnterpriseId { get; set; }

    public Enterprise Enterprise { get; set; } = null!;
    public required string Tier { get; set; }

    /// <summary>keep or revoke.</summary>
    public required string Decision { get; set; }

    /// <summary>Revocation ground (docs/procedure.md "Re-review and revocation"): accident, dishonesty, fraud, failed-re-review, no-re-review; null for keep.</summary>
    public string? Ground { get; set; }

    public required string Reason { get; set; }
    public required string Actor { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>The day of the decision (China time).</summary>
    public DateOnly DecidedOn { get; set; }

    /// <summary>Whether the enterprise's current file met the tier under <see cref="RuleVersion"/> on <see cref="DecidedOn"/>.</summary>
    public bool Qualified { get; set; }

    public required string EvaluationTrace { get; set; }
    public required string RuleVersion { get; set; }

    public DateOnly? ValidUntilBefore { get; set; }
    public DateOnly? ValidUntilAfter { get; set; }

    /// <summary>Revocations: the last day (inclusive) on which the enterprise may not apply for this tier again.</summary>
    public DateOnly? BarredUntil { get; set; }
}
