using Tidu.Domain.Exchange;
using Tidu.Domain.Profiles;

namespace Tidu.Rules.Batches;

/// <summary>
/// The record loop of the commands that answer record by record in input order (evaluate, gap, match): each record
/// is parsed, and each valid one computed, in isolation — an invalid record is reported with its errors, a record
/// whose processing throws is reported as failed (locator, credit code, exception type and message, a Chinese
/// message) — and the run goes on. Output is written only for a record computed whole.
/// </summary>
public static class ProfileBatch
{
    /// <param name="input">The profiles (exchange format).</param>
    /// <param name="stderr">Where invalid and failed records are reported.</param>
    /// <param name="compute">The record's whole output, or null when the record is outside the run's scope.</param>
    /// <param name="write">Writes a computed output (outside the isolation: a failure to write ends the run).</param>
    /// <param name="beforeEach">Test seam: runs first inside each record's isolation.</param>
    public static BatchTally Run<T>(Stream input, TextWriter stderr, Func<EnterpriseProfile, T?> compute, Action<EnterpriseProfile, T> write,
        Action<EnterpriseProfile>? beforeEach = null)
        where T : class =>
        Run(ProfileReader.Split(input), stderr, compute, write, beforeEach);

    /// <summary>The same loop over records already cut (a part of a file, located as in the whole file).</summary>
    public static BatchTally Run<T>(IEnumerable<RawRecord> records, TextWriter stderr, Func<EnterpriseProfile, T?> compute, Action<EnterpriseProfile, T> write,
        Action<EnterpriseProfile>? beforeEach = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(compute);
        ArgumentNullException.ThrowIfNull(write);
        var tally = new BatchTally();
        foreach (var raw in records)
        {
            tally.Read++;
            if (!RecordIsolation.TryParse(raw, out var record, out var parseFailure))
            {
                Fail(tally, stderr, parseFailure!);
                continue;
            }
            if (record.Profile is not { } profile)
            {
                tally.Invalid++;
                foreach (var e in record.Errors)
                {
                    stderr.WriteLine(Printable.Of($"invalid record {e}"));
                }
                continue;
            }
            if (!RecordIsolation.TryRun(record.Ordinal, record.Locator, profile.CreditCode, () =>
            {
                beforeEach?.Invoke(profile);
                return compute(profile);
            }, out var output, out var failure))
            {
                Fail(tally, stderr, failure!);
                continue;
            }
            if (output is null)
            {
                tally.OutOfScope++;
                continue;
            }
            write(profile, output);
            tally.Done++;
        }
        return tally;
    }

    private static void Fail(BatchTally tally, TextWriter stderr, RecordFailure failure)
    {
        tally.Failed++;
        stderr.WriteLine(Printable.Of(failure.ToString()));
    }
}
