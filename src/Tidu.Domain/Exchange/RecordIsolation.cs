namespace Tidu.Domain.Exchange;

/// <summary>
/// Per-record isolation for batch runs: the work for one record runs here, and an unexpected exception becomes a
/// <see cref="RecordFailure"/> of that record instead of ending the run. Cancellation is never swallowed. The work
/// must be all-or-nothing for its record (compute the whole output, then write it), so a failure leaves no partial
/// result behind.
/// </summary>
public static class RecordIsolation
{
    /// <summary>Runs <paramref name="work"/>; false with the failure when it threw.</summary>
    public static bool TryRun<T>(long ordinal, string record, string? creditCode, Func<T> work, out T result, out RecordFailure? failure)
    {
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            result = work();
            failure = null;
            return true;
        }
#pragma warning disable CA1031 // isolating one record from the others is the point: every defect becomes that record's failure
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            result = default!;
            failure = RecordFailure.Of(ordinal, record, creditCode, ex);
            return false;
        }
    }

    /// <summary>Parses one raw record: a defect of the reader on this record is its failure, never the run's.</summary>
    public static bool TryParse(RawRecord raw, out ProfileRecord record, out RecordFailure? failure)
    {
        ArgumentNullException.ThrowIfNull(raw);
        return TryRun(raw.Ordinal, raw.Locator, null, () => ProfileReader.Parse(raw), out record, out failure);
    }
}
