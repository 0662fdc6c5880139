using System.Collections.Concurrent;
using Tidu.Domain.Exchange;

namespace Tidu.Rules.Batches;

/// <summary>
/// The reading side of a streaming pipeline (simulate): cuts the records into batches on a background task, never
/// more than the queue's bound ahead of the evaluating side, so memory stays bounded.
/// </summary>
public static class RecordBatches
{
    public static Task StartReading(IEnumerable<RawRecord> records, BlockingCollection<List<RawRecord>> queue, int batchSize) =>
        Task.Run(() =>
        {
            try
            {
                var batch = new List<RawRecord>(batchSize);
                foreach (var raw in records)
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
