using System.Collections.Concurrent;
using Tidu.Domain.Exchange;
using Tidu.Domain.Profiles;
using Tidu.Domain.Regions;
using Tidu.Rules.Batches;

namespace Tidu.Rules.Reforms;

/// <summary>
/// Streams profiles through the simulator the way <c>screen</c> does: one thread cuts the input into raw records
/// in bounded batches; each batch is parsed and compared (baseline vs reform) on all cores, each record in isolation
/// (a record whose processing throws is a failure of that record); the totals are added and the invalid and failed
/// records reported in input order. Nothing per enterprise is written except the tier changes. <c>tidu simulate</c> runs
/// it over the whole file, a shard of <c>tidu cluster simulate</c> over its part (<see cref="SimulateShardWork"/>).
/// </summary>
public sealed class SimulatePipeline(Simulator simulator, DateOnly asOf, string? region, Action<EnterpriseProfile>? beforeEach = null)
{
    private const int BatchSize = 2048;
    private const int BatchesInFlight = 3;

    private enum State : byte
    {
        Compared,
        Invalid,
        Outside,
        Failed,
    }

    /// <param name="input">The profiles.</param>
    /// <param name="progress">Records done so far.</param>
    /// <param name="report">Each invalid or failed record's line, in input order.</param>
    public (SimulationTotals Totals, BatchTally Tally) Run(Stream input, Action<long> progress, Action<string> report) =>
        Run(ProfileReader.Split(input), progress, report);

    /// <summary>The same over records already cut (a part of a file, located as in the whole file).</summary>
    public (SimulationTotals Totals, BatchTally Tally) Run(IEnumerable<RawRecord> input, Action<long> progress, Action<string> report)
    {
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(report);
        var totals = new SimulationTotals();
        var tally = new BatchTally();
        using var queue = new BlockingCollection<List<RawRecord>>(BatchesInFlight);
        var reader = RecordBatches.StartReading(input, queue, BatchSize);
        var results = new EnterpriseComparison?[BatchSize];
        var records = new ProfileRecord?[BatchSize];
        var failures = new RecordFailure?[BatchSize];
        var states = new State[BatchSize];
        long done = 0;
        foreach (var batch in queue.GetConsumingEnumerable())
        {
            Parallel.For(0, batch.Count, i =>
            {
                results[i] = null;
                records[i] = null;
                failures[i] = null;
                if (!RecordIsolation.TryParse(batch[i], out var record, out var parseFailure))
                {
                    (states[i], failures[i]) = (State.Failed, parseFailure);
                    return;
                }
                records[i] = record;
                if (record.Profile is not { } profile)
                {
                    states[i] = State.Invalid;
                }
                else if (region is not null && !RegionTree.Shipped.MatchesFilter(profile.RegionCode, region))
                {
                    states[i] = State.Outside;
                }
                else if (RecordIsolation.TryRun(record.Ordinal, record.Locator, profile.CreditCode, () =>
                {
                    beforeEach?.Invoke(profile);
                    return simulator.Compare(profile, asOf);
                }, out var comparison, out var failure))
                {
                    (states[i], results[i]) = (State.Compared, comparison);
                }
                else
                {
                    (states[i], failures[i]) = (State.Failed, failure);
                }
            });
            for (var i = 0; i < batch.Count; i++)
            {
                tally.Read++;
                switch (states[i])
                {
                    case State.Compared:
                        totals.Add(results[i]!);
                        tally.Done++;
                        break;
                    case State.Invalid:
                        tally.Invalid++;
                        foreach (var e in records[i]!.Errors)
                        {
                            report($"invalid record {e}");
                        }
                        break;
                    case State.Failed:
                        tally.Failed++;
                        report(failures[i]!.ToString());
                        break;
                    default:
                        tally.OutOfScope++;
                        break;
                }
                results[i] = null;
                records[i] = null;
            }
            done += batch.Count;
            progress(done);
        }
        reader.GetAwaiter().GetResult();
        return (totals, tally);
    }
}
