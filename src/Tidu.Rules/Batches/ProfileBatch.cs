using System.Text;
using Tidu.Domain.Exchange;
using Tidu.Domain.Profiles;
using Tidu.Rules.Screening;

namespace Tidu.Rules.Batches;

/// <summary>
/// The record loop of the commands that answer record by record in input order (evaluate, gap, match): each record
/// is parsed, and each valid one computed, in isolation — an invalid record is reported with its errors, a record
/// whose processing throws is reported as failed (locator, credit code and a Chinese message; the exception goes to the
/// run's defect log) — and the run goes on. Output is written only for a record computed whole.
/// </summary>
public static class ProfileBatch
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

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

    /// <summary>
    /// The same loop as a job's shard work: the shard's records (located as in the whole file) in, each computed output
    /// written by <paramref name="write"/> into <paramref name="results"/>, the reports into <paramref name="errors"/>
    /// and the tally into <paramref name="counts"/>; returns the number of records read.
    /// </summary>
    public static long RunShard<T>(Stream input, JobShard shard, Stream results, Stream errors, Stream counts,
        Func<EnterpriseProfile, T?> compute, Action<TextWriter, T> write)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(shard);
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(write);
        var records = shard.JsonLines ? ProfileReader.SplitLines(input, shard.FirstLine) : ProfileReader.Split(input);
        BatchTally tally;
        using (var stdout = new StreamWriter(results, Utf8, 1 << 16, leaveOpen: true))
        using (var stderr = new StreamWriter(errors, Utf8, 1 << 12, leaveOpen: true))
        {
            tally = Run(records, stderr, compute, (_, output) => write(stdout, output));
        }
        tally.WriteJson(counts);
        return tally.Read;
    }

    private static void Fail(BatchTally tally, TextWriter stderr, RecordFailure failure)
    {
        tally.Failed++;
        stderr.WriteLine(Printable.Of(failure.ToString()));
    }
}
