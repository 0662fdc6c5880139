using System.Collections.Concurrent;
using System.Text.Json;
using Tidu.Domain.Exchange;
using Tidu.Rules.Evaluation;

namespace Tidu.Rules.Screening;

/// <summary>
/// Streams a file through the engine on every core: one thread cuts the input into chunks of whole lines, a worker per
/// core screens chunks (read, evaluate, write each record into the chunk's buffer), and the calling thread writes the
/// chunks' results, errors and counts in input order. At most <see cref="ChunksInFlight"/> chunks exist at any time,
/// so memory does not grow with the file.
/// </summary>
public sealed class ScreenPipeline(Evaluator evaluator, DateOnly asOf, bool explain, int maxRecordBytes = ProfileReader.DefaultMaxRecordBytes)
{
    /// <summary>Input per chunk: large enough that handing chunks around costs nothing, small enough to keep memory flat.</summary>
    private const int ChunkBytes = 1 << 20;

    /// <summary>With explanations a result line is ~30× its record: smaller chunks keep the buffers small.</summary>
    private const int ExplainedChunkBytes = 1 << 15;

    private static readonly int Workers = Math.Max(1, Environment.ProcessorCount);
    private static readonly int ChunksInFlight = (2 * Workers) + 2;

    /// <summary>
    /// Screens <paramref name="input"/>; <paramref name="log"/> receives the English diagnostics of records that failed.
    /// <paramref name="shard"/>: the input is that part of a file (<see cref="JobShards"/>), its lines numbered as in
    /// the file; none: a whole file. The errors' ordinals count from the input's first record.
    /// </summary>
    public ScreenSummary Run(Stream input, Stream results, Stream? errors, Action<long> progress, TextWriter? log = null, JobShard? shard = null)
    {
        var summary = new ScreenSummary();
        using var slots = new SemaphoreSlim(ChunksInFlight, ChunksInFlight);
        using var work = new BlockingCollection<Chunk>();
        using var ordered = new BlockingCollection<Chunk>();
        using var stop = new CancellationTokenSource();
        Exception? readFailure = null;
        var reader = new Thread(() =>
        {
            try
            {
                new ChunkSource(input, explain ? ExplainedChunkBytes : ChunkBytes, maxRecordBytes, shard).Run(chunk =>
                {
                    slots.Wait(stop.Token);
                    ordered.Add(chunk);
                    work.Add(chunk);
                });
            }
            catch (OperationCanceledException)
            {
            }
            catch (Exception ex)
            {
                readFailure = ex;
            }
            finally
            {
                work.CompleteAdding();
                ordered.CompleteAdding();
            }
        })
        { IsBackground = true, Name = "screen reader" };
        var workers = Enumerable.Range(0, Workers).Select(i => new Thread(() =>
        {
            using var worker = new ChunkWorker(evaluator, asOf, explain, maxRecordBytes);
            foreach (var chunk in work.GetConsumingEnumerable())
            {
                try
                {
                    worker.Process(chunk);
                }
                catch (Exception ex)
                {
                    chunk.Fatal = ex;
                }
                finally
                {
                    chunk.Done.Set();
                }
            }
        })
        { IsBackground = true, Name = $"screen worker {i}" }).ToList();
        reader.Start();
        workers.ForEach(w => w.Start());
        long done = 0;
        try
        {
            using var errorLine = new PooledBuffer(1024);
            using var errorWriter = new Utf8JsonWriter(errorLine, EvaluationJsonWriter.Options);
            foreach (var chunk in ordered.GetConsumingEnumerable())
            {
                using (chunk)
                {
                    chunk.Done.Wait();
                    if (chunk.Fatal is { } fatal)
                    {
                        throw new InvalidOperationException("screening failed", fatal);
                    }
                    results.Write(chunk.Output.WrittenMemory.Span);
                    foreach (var r in chunk.Reported)
                    {
                        if (errors is not null)
                        {
                            WriteError(errors, errorWriter, errorLine, r, done);
                        }
                    }
                    foreach (var line in chunk.Log)
                    {
                        log?.WriteLine($"error: {line}; the record was skipped");
                    }
                    chunk.Tally.MergeInto(summary);
                    summary.Invalid += chunk.Invalid;
                    summary.Failed += chunk.Failed;
                    done += chunk.Count;
                }
                slots.Release();
                progress(done);
            }
        }
        catch
        {
            stop.Cancel();
            work.CompleteAdding();
            throw;
        }
        finally
        {
            reader.Join();
            workers.ForEach(w => w.Join());
            while (ordered.TryTake(out var left))
            {
                left.Dispose();
            }
        }
        if (readFailure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(readFailure);
        }
        return summary;
    }

    internal static void WriteError(Stream errors, Utf8JsonWriter w, PooledBuffer line, ReportedRecord r, long ordinalBase)
    {
        line.Clear();
        w.Reset(line);
        w.WriteStartObject();
        w.WriteString("record", r.Record);
        w.WriteNumber("ordinal", ordinalBase + r.Ordinal);
        w.WriteString("path", r.Path);
        w.WriteString("reason", r.Reason);
        if (r.CreditCode is not null)
        {
            w.WriteString("creditCode", r.CreditCode);
        }
        w.WriteEndObject();
        w.Flush();
        line.Write((byte)'\n');
        errors.Write(line.WrittenMemory.Span);
    }
}
