using Tidu.Domain.Exchange;

namespace Tidu.Data.Registry.Bulk;

/// <summary>One input record of a bulk load: where it is in the file, and the validated profile.</summary>
public sealed record BulkRow(long Ordinal, string Locator, Domain.Profiles.EnterpriseProfile Profile);

/// <summary>A record that was not written, and why (<see cref="UpsertRefusal.Index"/> is its index in the batch).</summary>
public sealed record BulkRefusal(BulkRow Row, UpsertRefusal Refusal);

/// <summary>
/// What one committed batch did: files created, changed, already identical; files whose stored evaluation was renewed
/// without a change of data (the date moved on); refused records; files saved whose evaluation failed.
/// </summary>
public sealed record BulkBatchResult(int Created, int Updated, int Unchanged, int Reevaluated, IReadOnlyList<BulkRefusal> Refused,
    IReadOnlyList<RecordFailure> EvaluationFailures);

/// <summary>
/// How to load: the evaluation date, the name of the source (recorded in the audit entry), and — only when the file's
/// recognitions are to be written — the official basis they come from (e.g. the list's 文号); without it, a record whose
/// recognitions differ from the stored ones is refused, as in any file import.
/// </summary>
public sealed record BulkOptions(DateOnly AsOf, string Source, string? RecognitionBasis = null);
