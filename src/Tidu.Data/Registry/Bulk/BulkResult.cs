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

/// <summary>
/// Where a bulk load's wall time went, summed over its batches (reported by the CLI so a slow load can be read without a
/// profiler): the checks of scope and recognitions, loading the stored files, merging and evaluating, writing by the
/// provider's bulk store, sealing the audit entry and committing.
/// </summary>
public sealed class BulkTimings
{
    public TimeSpan Checks { get; set; }
    public TimeSpan LoadStored { get; set; }
    public TimeSpan MergeAndEvaluate { get; set; }
    public TimeSpan Write { get; set; }
    public TimeSpan Audit { get; set; }
    public TimeSpan Commit { get; set; }

    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"checks {Checks.TotalSeconds:F1} s, stored files {LoadStored.TotalSeconds:F1} s, merge and evaluation {MergeAndEvaluate.TotalSeconds:F1} s, "
        + $"bulk write {Write.TotalSeconds:F1} s, audit {Audit.TotalSeconds:F1} s, commit {Commit.TotalSeconds:F1} s");
}

/// <summary>A batch checked, merged and evaluated, not yet written (<see cref="BulkLoader.PrepareAsync"/>).</summary>
public sealed class PreparedBatch
{
    internal PreparedBatch(IReadOnlyList<BulkRow> rows, BulkOptions options, IReadOnlyList<BulkFile> written, BulkBatchResult result, string ruleVersions)
    {
        Rows = rows;
        Options = options;
        Written = written;
        Result = result;
        RuleVersions = ruleVersions;
    }

    internal IReadOnlyList<BulkRow> Rows { get; }
    internal BulkOptions Options { get; }
    internal IReadOnlyList<BulkFile> Written { get; }
    internal string RuleVersions { get; }

    /// <summary>What writing the batch does (counts, refusals, evaluation failures).</summary>
    public BulkBatchResult Result { get; }
}
