namespace Tidu.Data.Registry;

/// <summary>What a batch upsert did: files created, files changed, files that were already identical, and refusals.</summary>
public sealed record UpsertResult(int Created, int Updated, int Unchanged, IReadOnlyList<UpsertRefusal> Refused)
{
    /// <summary>Files saved whose evaluation failed with an internal error (kept without a new stored evaluation; the daily re-evaluation retries).</summary>
    public IReadOnlyList<Tidu.Domain.Exchange.RecordFailure> EvaluationFailures { get; init; } = [];
}

/// <summary>A profile that was not written, with its index in the batch and why.</summary>
public sealed record UpsertRefusal(int Index, string CreditCode, UpsertRefusalReason Reason);

public enum UpsertRefusalReason
{
    /// <summary>The enterprise exists under a region outside the actor's scope, or the new region is outside it.</summary>
    OutsideScope,
}
