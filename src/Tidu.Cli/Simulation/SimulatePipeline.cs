using System.Collections.Concurrent;
using Tidu.Cli.Screening;
using Tidu.Domain.Exchange;
using Tidu.Domain.Regions;
using Tidu.Rules.Reforms;

namespace Tidu.Cli.Simulation;

/// <summary>
/// Streams profiles through the simulator the way <c>screen</c> does: one thread cuts the input into raw records
/// in bounded batches; each batch is parsed and compared (baseline vs reform) on all cores; the totals are added
/// in input order. Nothing per enterprise is written except the tier changes.
/// </summary>
internal sealed class SimulatePipeline(Simulator simulator, DateOnly asOf, string? region)
{
    private const int BatchSize = 2048;
    private const int BatchesInFlight = 3;

    public (SimulationTotals Totals, long Invalid, long OutOfRegion) Run(Stream input, Action<long> progress)
    {
        var totals = new SimulationTotals();
        long invalid = 0;
        long outside = 0;
        using var queue = new BlockingCollection<List<RawRecord>>(BatchesInFlight);
        var reader = RecordBatches.StartReading(input, queue, BatchSize);
        var results = new EnterpriseComparison?[BatchSize];
        var states = new byte[BatchSize]; // 0 compared, 1 invalid, 2 outside the region
        long done = 0;
        foreach (var batch in queue.GetConsumingEnumerable())
        {
            Parallel.For(0, batch.Count, i =>
            {
                var record = ProfileReader.Parse(batch[i]);
                results[i] = null;
                if (record.Profile is not { } profile)
                {
                    states[i] = 1;
                }
                else if (region is not null && !RegionTree.Shipped.MatchesFilter(profile.RegionCode, region))
                {
                    states[i] = 2;
                }
                else
                {
                    states[i] = 0;
                    results[i] = simulator.Compare(profile, asOf);
                }
            });
            for (var i = 0; i < batch.Count; i++)
            {
                switch (states[i])
                {
                    case 0:
                        totals.Add(results[i]!);
                        results[i] = null;
                        break;
                    case 1:
                        invalid++;
                        break;
                    default:
                        outside++;
                        break;
                }
            }
            done += batch.Count;
            progress(done);
        }
        reader.GetAwaiter().GetResult();
        return (totals, invalid, outside);
    }
}
