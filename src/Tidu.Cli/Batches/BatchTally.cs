namespace Tidu.Cli.Batches;

/// <summary>
/// What a batch run did with its input records. Nothing is lost: every record read is counted exactly once — with a
/// result, invalid (reported with its errors), failed (reported with the internal error) or outside the run's scope.
/// </summary>
internal sealed class BatchTally
{
    public long Read { get; set; }
    public long Done { get; set; }
    public long Invalid { get; set; }
    public long Failed { get; set; }

    /// <summary>Valid records the run does not cover (e.g. registered outside <c>--jurisdiction</c>).</summary>
    public long OutOfScope { get; set; }

    /// <summary>1 when a record was invalid or failed (the others have results), else 0.</summary>
    public int ExitCode => Invalid + Failed > 0 ? ExitCodes.InvalidRecords : ExitCodes.Ok;

    /// <summary>The lines after the run on stderr: the invalid count (as before), the failures, and the full account when either occurred.</summary>
    public void WriteSummary(TextWriter stderr, string? invalidLine = null, string outOfScopeMeaning = "outside the run's scope")
    {
        ArgumentNullException.ThrowIfNull(stderr);
        if (Invalid > 0 || invalidLine is not null)
        {
            stderr.WriteLine(invalidLine ?? $"{Invalid} invalid record(s) skipped");
        }
        if (Failed > 0)
        {
            stderr.WriteLine($"{Failed} record(s) failed with an internal error (each reported above as 'failed record …'); every other record was processed");
            stderr.WriteLine($"{Failed} 条记录处理时发生内部错误（见上方各行），其余记录已照常处理。");
        }
        if (Invalid + Failed > 0)
        {
            stderr.WriteLine($"{Read} record(s) read: {Done} with results, {Invalid} invalid, {Failed} failed" + (OutOfScope > 0 ? $", {OutOfScope} {outOfScopeMeaning}" : ""));
        }
    }
}
