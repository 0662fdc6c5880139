using System.Text;
using System.Text.Json;
using Tidu.Domain.Exchange;
using Tidu.Rules.Batches;
using Tidu.Rules.Screening;

namespace Tidu.Rules.Reforms;

/// <summary>
/// A reform simulation as a job's shard work: the pipeline of <c>tidu simulate</c> over the shard's records (located
/// as in the whole file), its invalid and failed records' lines as the shard's errors, and its counts with the
/// shard's totals — which add up, shard after shard (<see cref="SimulationTotals.Add(SimulationTotals)"/>), to one
/// run's. Nothing per record is written to the results.
/// </summary>
public sealed class SimulateShardWork(SimulatePipeline pipeline) : IShardWork
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public long Run(Stream input, JobShard shard, Stream results, Stream errors, Stream counts)
    {
        ArgumentNullException.ThrowIfNull(shard);
        var records = shard.JsonLines ? ProfileReader.SplitLines(input, shard.FirstLine) : ProfileReader.Split(input);
        SimulationTotals totals;
        BatchTally tally;
        using (var stderr = new StreamWriter(errors, Utf8, 1 << 12, leaveOpen: true))
        {
            (totals, tally) = pipeline.Run(records, _ => { }, line => stderr.WriteLine(Printable.Of(line)));
        }
        using var w = new Utf8JsonWriter(counts);
        w.WriteStartObject();
        tally.WriteProperties(w);
        w.WritePropertyName("totals");
        SimulationTotalsJson.Write(w, totals);
        w.WriteEndObject();
        return tally.Read;
    }

    /// <summary>A shard's counts and totals, as <see cref="Run"/> wrote them.</summary>
    public static (SimulationTotals Totals, BatchTally Tally) ReadCounts(Stream counts)
    {
        using var doc = JsonDocument.Parse(counts);
        return (SimulationTotalsJson.Read(doc.RootElement.GetProperty("totals")), BatchTally.Of(doc.RootElement));
    }
}
