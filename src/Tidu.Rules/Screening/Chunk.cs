using System.Buffers;
using Tidu.Domain.Exchange;

namespace Tidu.Rules.Screening;

/// <summary>
/// A piece of the input in flight, and what screening it produced: either whole lines of a JSON Lines file (a pooled
/// byte range and the number of its first line) or records cut from another format. Chunks are processed on any core
/// and written out in the order they were cut, so results keep the input order.
/// </summary>
internal sealed class Chunk : IDisposable
{
    /// <summary>JSON Lines: the bytes of whole lines (rented; the first <see cref="Length"/> are used).</summary>
    public byte[]? Lines { get; init; }

    public int Offset { get; init; }

    public int Length { get; init; }

    /// <summary>JSON Lines: the number of the first line (1-based).</summary>
    public long FirstLine { get; init; }

    /// <summary>JSON Lines: the chunk is one line longer than any buffer, already skipped; it is reported, not read.</summary>
    public bool Oversized { get; init; }

    /// <summary>Other formats (an array, pretty-printed objects): records cut by <see cref="ProfileReader.Split"/>.</summary>
    public List<RawRecord>? Records { get; init; }

    /// <summary>Result lines, in input order.</summary>
    public PooledBuffer Output { get; } = new();

    /// <summary>Invalid or failed records (ordinal within the chunk), in input order.</summary>
    public List<ReportedRecord> Reported { get; } = [];

    /// <summary>English diagnostics of records that failed unexpectedly, for the log (stderr).</summary>
    public List<string> Log { get; } = [];

    public ScreenTally Tally { get; } = new();

    /// <summary>Records in the chunk (valid, invalid and failed): the next chunk's ordinals start after them.</summary>
    public int Count { get; set; }

    public int Invalid { get; set; }

    public int Failed { get; set; }

    /// <summary>An error of the screening itself (not of a record): the run stops with it.</summary>
    public Exception? Fatal { get; set; }

    public ManualResetEventSlim Done { get; } = new(false);

    public void Dispose()
    {
        if (Lines is not null)
        {
            ArrayPool<byte>.Shared.Return(Lines);
        }
        Output.Dispose();
        Done.Dispose();
    }
}

/// <summary>One line of the errors file: the record (locator and ordinal), the JSON Pointer and the reason.</summary>
public readonly record struct ReportedRecord(int Ordinal, string Record, string Path, string Reason, string? CreditCode);
