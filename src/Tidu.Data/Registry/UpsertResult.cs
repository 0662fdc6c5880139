namespace Tidu.Data.Registry;

/// <summary>What a batch upsert did: files created, files changed, files that were already identical, and refusals.</summary>
public sealed record UpsertResult(int Created, int Updated, int Unchanged, IReadOnlyList<UpsertRefusal> Refused)
{
    /// <summary>Files saved whose evaluation failed with an internal error (kept without a new stored evaluation; the daily re-evaluation retries).</summary>
    public IReadOnlyList<Tidu.Domain.Exchange.RecordFailure> EvaluationFailures { get; init; } = [];
}

/// <summary>
/// A profile that was not written, with its index in the batch and why; <paramref name="Path"/> (a JSON Pointer into the
/// profile) and <paramref name="Limit"/> say which value was too long and what its column holds.
/// </summary>
public sealed record UpsertRefusal(int Index, string CreditCode, UpsertRefusalReason Reason, string? Path = null, int? Limit = null);

public enum UpsertRefusalReason
{
    /// <summary>The profile's region is outside the actor's scope (or the stored file's is).</summary>
    OutsideScope,

    /// <summary>
    /// The credit code is held by a file the actor cannot see (another region). Only reported when writing: a check
    /// (validation) answers nothing about other regions.
    /// </summary>
    HeldElsewhere,

    /// <summary>The profile's region code is not in the platform's region table.</summary>
    UnknownRegion,

    /// <summary>A text is longer than its column holds (the same limit on both database providers).</summary>
    TooLong,

    /// <summary>
    /// The profile adds, changes or drops a recognition: recognitions come from a round's decision or an official list
    /// import, never from editing or importing a file.
    /// </summary>
    RecognitionsNotEditable,

    /// <summary>The database refused the row for another reason; the batch's other rows were written.</summary>
    Rejected,
}

/// <summary>Whether a write may set an enterprise's recognitions.</summary>
public enum RecognitionWrites
{
    /// <summary>File edits and imports: the stored recognitions stay; a profile that differs from them is refused.</summary>
    Kept,

    /// <summary>The system's own writes (demo data, an audited official list import): the profile's recognitions replace the stored ones.</summary>
    Official,
}
