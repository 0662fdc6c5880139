using System.Collections.Concurrent;
using System.Text.Json;
using Tidu.Domain.Exchange;
using Tidu.Rules.Evaluation;

namespace Tidu.Cli.Screening;

/// <summary>
/// Streams records through the evaluator: one thread cuts the input into raw records and hands them on in
/// batches (at most <see cref="BatchesInFlight"/> waiting, so memory stays bounded whatever the file size);
/// each batch is parsed and evaluated on all cores, then written in input order.
/// </summary>
internal sealed class ScreenPipeline(Evaluator evaluator, DateOnly asOf, bool explain)
{
    public const int BatchSize = 2048;
    public const int BatchesInFlight = 3;

    public ScreenSummary Run(Stream input, Stream results, Stream? errors, Action<long> progress)
    {
        var summary = new ScreenSummary();
        using var queue = new BlockingCollection<List<RawRecord>>(BatchesInFlight);
        var reader = RecordBatches.StartReading(input, queue, BatchSize);

        var lines = new byte[BatchSize][];
        var evaluations = new ScreenSummary.Entry?[BatchSize];
        var records = new ProfileRecord[BatchSize];
        long done = 0;
        foreach (var batch in queue.GetConsumingEnumerable())
        {
            Parallel.For(0, batch.Count, () => new MemoryStream(1024), (i, _, buffer) =>
            {
                var record = ProfileReader.Parse(batch[i]);
                records[i] = record;
                if (record.Profile is null)
                {
                    evaluations[i] = null;
                    lines[i] = [];
                    return buffer;
                }
                // The summary's near misses need the decisive failures: without --explain only those are built.
                var evaluation = evaluator.Evaluate(record.Profile, asOf, explain ? EvaluationDetail.Full : EvaluationDetail.DecisiveFailures);
                evaluations[i] = ScreenSummary.Digest(evaluation, evaluator.Library.Index);
                buffer.SetLength(0);
                using (var w = new Utf8JsonWriter(buffer, EvaluationJsonWriter.Options))
                {
                    EvaluationJsonWriter.Write(w, evaluation, explain);
                }
                buffer.WriteByte((byte)'\n');
                lines[i] = buffer.ToArray();
                return buffer;
            }, buffer => buffer.Dispose());

            for (var i = 0; i < batch.Count; i++)
            {
                if (evaluations[i] is { } e)
                {
                    results.Write(lines[i]);
                    summary.Add(e);
                }
                else
                {
                    summary.Invalid++;
                    if (errors is not null)
                    {
                        WriteErrors(errors, records[i]);
                    }
                }
                evaluations[i] = null;
            }
            done += batch.Count;
            progress(done);
        }
        reader.GetAwaiter().GetResult();
        return summary;
    }

    private static void WriteErrors(Stream errors, ProfileRecord record)
    {
        using var buffer = new MemoryStream();
        foreach (var e in record.Errors)
        {
            buffer.SetLength(0);
            using (var w = new Utf8JsonWriter(buffer, EvaluationJsonWriter.Options))
            {
                w.WriteStartObject();
                w.WriteString("record", e.Record);
                w.WriteNumber("ordinal", record.Ordinal);
                w.WriteString("path", e.Path);
                w.WriteString("reason", e.Reason);
                if (e.CreditCode is not null)
                {
                    w.WriteString("creditCode", e.CreditCode);
                }
                w.WriteEndObject();
            }
            buffer.WriteByte((byte)'\n');
            errors.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
    }
}
