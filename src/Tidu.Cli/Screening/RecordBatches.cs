using System.Collections.Concurrent;
using Tidu.Domain.Exchange;

namespace Tidu.Cli.Screening;

/// <summary>
/// The reading side of the streaming pipelines (screen, simulate): cuts the input into batches of raw records on
/// a background task, never more than the queue's bound ahead of the evaluating side, so memory stays bounded.
/// </summary>
internal static class RecordBatches
{
    public static Task StartReading(Stream input, BlockingCollection<List<RawRecord>> queue, int batchSize) =>
        Task.Run(() =>
        {
            try
            {
                var batch = new List<RawRecord>(batchSize);
                foreach (var raw in ProfileReader.Split(input))
                {
                    batch.Add(raw);
                    if (batch.Count == batchSize)
                    {
                        queue.Add(batch);
                        batch = new List<RawRecord>(batchSize);
                    }
                }
                if (batch.Count > 0)
                {
                    queue.Add(batch);
                }
            }
            finally
            {
                queue.CompleteAdding();
            }
        });
}
