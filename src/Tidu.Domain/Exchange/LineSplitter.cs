using System.Buffers;

namespace Tidu.Domain.Exchange;

/// <summary>
/// Splits a stream into lines of bytes (without the terminating LF; a CR before it is kept and treated
/// as white space by JSON). Skips a UTF-8 byte-order mark at the start. A line longer than the limit is
/// not buffered: it is consumed up to its LF and reported as oversized.
/// </summary>
/// <paramref name="firstLine"/>: the number of the stream's first line (a part of a file starts past line 1).
internal sealed class LineSplitter(Stream stream, int maxBytes, long firstLine = 1)
{
    private readonly byte[] _chunk = new byte[1 << 16];
    private int _pos;
    private int _len;
    private long _lineNumber = firstLine - 1;
    private bool _started;
    private bool _eof;

    public int MaxBytes { get; } = maxBytes;

    public (byte[] Bytes, long Number, bool Oversized)? Next()
    {
        if (_eof && _pos >= _len)
        {
            return null;
        }
        var line = new ArrayBufferWriter<byte>();
        var oversized = false;
        while (true)
        {
            if (_pos >= _len && !Fill())
            {
                if (line.WrittenCount == 0 && !oversized)
                {
                    return null; // a final LF ends the last line; it does not start an empty one
                }
                _lineNumber++;
                return (oversized ? [] : line.WrittenMemory.ToArray(), _lineNumber, oversized);
            }
            var span = _chunk.AsSpan(_pos, _len - _pos);
            var lf = span.IndexOf((byte)'\n');
            var take = lf < 0 ? span.Length : lf;
            if (!oversized)
            {
                if (line.WrittenCount + take > MaxBytes)
                {
                    oversized = true;
                    line.ResetWrittenCount();
                }
                else
                {
                    line.Write(span[..take]);
                }
            }
            _pos += lf < 0 ? take : take + 1;
            if (lf >= 0)
            {
                _lineNumber++;
                return (oversized ? [] : line.WrittenMemory.ToArray(), _lineNumber, oversized);
            }
        }
    }

    private bool Fill()
    {
        if (_eof)
        {
            return false;
        }
        // The first read must see 3 bytes (if the stream has them) to recognise a byte-order mark: pipes return short reads.
        _len = _started ? stream.Read(_chunk, 0, _chunk.Length) : stream.ReadAtLeast(_chunk, 3, throwOnEndOfStream: false);
        _pos = 0;
        if (_len == 0)
        {
            _eof = true;
            return false;
        }
        if (!_started)
        {
            _started = true;
            if (_len >= 3 && _chunk[0] == 0xEF && _chunk[1] == 0xBB && _chunk[2] == 0xBF)
            {
                _pos = 3;
            }
        }
        return true;
    }
}
