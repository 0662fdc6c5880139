namespace Tidu.Data.Registry;

/// <summary>What a batch upsert did: files created, files changed, files that were already identical, and refusals.</summary>
public sealed record UpsertResult(int Created, int Updated, int Unchanged, IReadOnlyList<UpsertRefusal> Refused);

/// <summary>A profile that was not written, with its index in the batch and why.</summary>
public sealed record UpsertRefusal(int Index, string CreditCode, UpsertRefusalReason Reason);

public enum UpsertRefusalReason
{
    /// <summary>The enterprise exists under a region outside the actor's scope, or the new region is outside it.</summary>
    OutsideScope,
}
