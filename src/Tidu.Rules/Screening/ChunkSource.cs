using System.Buffers;
using Tidu.Domain.Exchange;

namespace Tidu.Rules.Screening;

/// <summary>
/// Cuts the input into chunks on one thread. A JSON Lines file — the screening format — is read in large blocks cut
/// at line ends (a chunk is whole lines, numbered by counting line feeds); nothing is copied per record. Other formats
/// (an array, pretty-printed objects) go through <see cref="ProfileReader.Split"/> and are handed on as batches of
/// records. The blocks are the same bytes <see cref="ProfileReader"/> would read: a byte-order mark is skipped, blank
/// lines are not records, a line over the record limit is one error and is not buffered whole. A shard of a larger file
/// (<see cref="JobShards"/>) starts at its first line, so its records are located as in the whole file, and is read as
/// the whole file was judged (a shard whose first line is broken is still JSON Lines).
/// </summary>
internal sealed class ChunkSource(Stream input, int chunkBytes, int maxRecordBytes, JobShard? shard = null)
{
    /// <summary>Read buffers hold a chunk and the start of the next line: at least one record of the maximum size.</summary>
    private readonly int _capacity = Math.Max(chunkBytes * 2, maxRecordBytes + (1 << 16));

    /// <summary>Reads everything, handing each chunk to <paramref name="emit"/> in input order.</summary>
    public void Run(Action<Chunk> emit)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(_capacity);
        var filled = Fill(buffer, 0);
        var eof = filled < _capacity;
        if (!(shard?.JsonLines ?? StartsWithJsonLines(buffer.AsSpan(0, filled), eof, maxRecordBytes)))
        {
            var head = buffer.AsSpan(0, filled).ToArray();
            ArrayPool<byte>.Shared.Return(buffer);
            Split(emit, head);
            return;
        }
        var start = buffer.AsSpan(0, filled).StartsWith(Bom) ? Bom.Length : 0;
        var line = shard?.FirstLine ?? 1;
        while (true)
        {
            var length = filled - start;
            if (length == 0 && eof)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                return;
            }
            var cut = Cut(buffer.AsSpan(start, length), eof);
            if (cut < 0)
            {
                // A full buffer without a line feed: a line longer than any record may be. Reported once, skipped to its end.
                emit(new Chunk { Oversized = true, FirstLine = line });
                line++;
                var kept = SkipToLineEnd(buffer);
                eof = kept < 0;
                (start, filled) = (0, Math.Max(kept, 0));
            }
            else
            {
                var next = ArrayPool<byte>.Shared.Rent(_capacity);
                var carry = length - cut;
                buffer.AsSpan(start + cut, carry).CopyTo(next);
                var lines = buffer.AsSpan(start, cut).Count((byte)'\n');
                emit(new Chunk { Lines = buffer, Offset = start, Length = cut, FirstLine = line });
                line += lines;
                (buffer, start, filled) = (next, 0, carry);
            }
            if (!eof)
            {
                filled = Fill(buffer, filled);
                eof = filled < _capacity;
            }
        }
    }

    internal static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// Where the chunk ends: after the last line feed within the chunk size (or the first one after it, for long lines);
    /// at the end of the data at the end of the file; −1 when a full buffer holds no line feed at all.
    /// </summary>
    private int Cut(ReadOnlySpan<byte> data, bool eof)
    {
        if (eof && data.Length <= chunkBytes)
        {
            return data.Length;
        }
        var within = data[..Math.Min(chunkBytes, data.Length)].LastIndexOf((byte)'\n');
        if (within >= 0)
        {
            return within + 1;
        }
        var after = data.IndexOf((byte)'\n');
        return after >= 0 ? after + 1 : eof ? data.Length : -1;
    }

    /// <summary>Reads from <paramref name="offset"/> until the buffer is full or the input ends; returns the bytes held.</summary>
    private int Fill(byte[] buffer, int offset)
    {
        var n = offset;
        while (n < _capacity)
        {
            var read = input.Read(buffer, n, _capacity - n);
            if (read == 0)
            {
                break;
            }
            n += read;
        }
        return n;
    }

    /// <summary>Consumes the input up to the next line feed; what follows it is moved to the buffer's start (its length, or −1 at the end).</summary>
    private int SkipToLineEnd(byte[] buffer)
    {
        while (true)
        {
            var read = input.Read(buffer, 0, _capacity);
            if (read == 0)
            {
                return -1;
            }
            var lf = buffer.AsSpan(0, read).IndexOf((byte)'\n');
            if (lf >= 0)
            {
                buffer.AsSpan(lf + 1, read - lf - 1).CopyTo(buffer);
                return read - lf - 1;
            }
        }
    }

    /// <summary>Whether the file is JSON Lines, judged on its first non-blank line as <see cref="ProfileReader.Split"/> judges it.</summary>
    internal static bool StartsWithJsonLines(ReadOnlySpan<byte> data, bool eof, int maxRecordBytes)
    {
        if (data.StartsWith(Bom))
        {
            data = data[Bom.Length..];
        }
        while (!data.IsEmpty)
        {
            var lf = data.IndexOf((byte)'\n');
            var text = lf < 0 ? data : data[..lf];
            if (lf < 0 && !eof)
            {
                return text.Length > maxRecordBytes; // a first line longer than a record: JSON Lines, reported line by line
            }
            if (text.Length > maxRecordBytes)
            {
                return true;
            }
            if (!ProfileReader.IsBlankLine(text))
            {
                return ProfileReader.IsJsonLines(text);
            }
            data = lf < 0 ? default : data[(lf + 1)..];
        }
        return false; // blank or empty: the reader reports it
    }

    /// <summary>Any other format: the records <see cref="ProfileReader.Split"/> cuts, in batches.</summary>
    private void Split(Action<Chunk> emit, byte[] head)
    {
        const int batch = 512;
        using var all = new PrefixedStream(head, input);
        var records = new List<RawRecord>(batch);
        var bytes = 0;
        foreach (var raw in ProfileReader.Split(all, maxRecordBytes))
        {
            records.Add(raw);
            bytes += raw.Json.Length;
            if (records.Count == batch || bytes >= chunkBytes)
            {
                emit(new Chunk { Records = records });
                records = new List<RawRecord>(batch);
                bytes = 0;
            }
        }
        if (records.Count > 0)
        {
            emit(new Chunk { Records = records });
        }
    }

    /// <summary>The bytes already read, then the rest of the input.</summary>
    private sealed class PrefixedStream(byte[] prefix, Stream rest) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position < prefix.Length)
            {
                var n = Math.Min(count, prefix.Length - _position);
                prefix.AsSpan(_position, n).CopyTo(buffer.AsSpan(offset));
                _position += n;
                return n;
            }
            return rest.Read(buffer, offset, count);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
