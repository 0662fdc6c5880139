using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Tidu.Domain.Exchange;

/// <summary>
/// Reads exchange-format files: one JSON object, a JSON array of objects, JSON Lines, or several objects one
/// after another. A UTF-8 byte-order mark is skipped. Records are yielded in input order and one at a time
/// (JSON Lines and concatenated objects are streamed; arrays element by element), so a bad record never
/// hides the good ones after it.
/// </summary>
public static class ProfileReader
{
    /// <summary>Records larger than this are rejected without being buffered whole (hostile input).</summary>
    public const int DefaultMaxRecordBytes = 1 << 20;

    /// <summary>Reads and validates every record.</summary>
    public static IEnumerable<ProfileRecord> Read(Stream stream, int maxRecordBytes = DefaultMaxRecordBytes) =>
        Split(stream, maxRecordBytes).Select(Parse);

    /// <summary>Parses and validates one raw record.</summary>
    public static ProfileRecord Parse(RawRecord raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (raw.FramingError is { } framing)
        {
            return new ProfileRecord(raw.Ordinal, raw.Locator, null, [new RecordError(raw.Locator, "", framing)]);
        }
        return ProfileParser.Parse(raw.Json.Span, raw.Ordinal, raw.Locator);
    }

    /// <summary>
    /// Whether a file whose first non-blank line is <paramref name="firstLine"/> (the bytes before its LF, after a
    /// byte-order mark) is read as JSON Lines — one record per line — as <see cref="Split"/> reads it: the line is a
    /// complete JSON value, not the start of an array, and the file is not UTF-16. A first line longer than the record
    /// limit also makes it JSON Lines (<paramref name="oversized"/>).
    /// </summary>
    public static bool IsJsonLines(ReadOnlySpan<byte> firstLine, bool oversized = false)
    {
        if (oversized)
        {
            return true;
        }
        var start = firstLine.TrimStart(" \t\r"u8);
        return !IsUtf16(start) && !(start.Length > 0 && start[0] == (byte)'[') && !IsBlank(firstLine) && IsCompleteJsonValue(firstLine);
    }

    /// <summary>Blank as a line of JSON Lines may be: spaces, tabs and CRs only (such lines are skipped, not records).</summary>
    public static bool IsBlankLine(ReadOnlySpan<byte> line) => IsBlank(line);

    private static bool IsUtf16(ReadOnlySpan<byte> start) => start.StartsWith(new byte[] { 0xFF, 0xFE }) || start.StartsWith(new byte[] { 0xFE, 0xFF });

    /// <summary>Cuts the file into records without parsing their content.</summary>
    public static IEnumerable<RawRecord> Split(Stream stream, int maxRecordBytes = DefaultMaxRecordBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var lines = new LineSplitter(stream, maxRecordBytes);
        var first = SkipBlankLines(lines);
        if (first is null)
        {
            yield return new RawRecord(0, "file", default, "the file is empty: no records");
            yield break;
        }
        var (firstLine, firstNumber, firstOversized) = first.Value;
        _ = firstNumber;
        var start = firstLine.AsSpan().TrimStart(" \t\r"u8);
        if (IsUtf16(start))
        {
            yield return new RawRecord(0, "file", default, "the file is UTF-16; save it as UTF-8");
            yield break;
        }
        if (!firstOversized && start.Length > 0 && start[0] == (byte)'[')
        {
            foreach (var r in ArrayRecords(lines, firstLine))
            {
                yield return r;
            }
            yield break;
        }
        if (firstOversized || IsCompleteJsonValue(firstLine))
        {
            foreach (var r in JsonLines(lines, first.Value))
            {
                yield return r;
            }
            yield break;
        }
        foreach (var r in ConcatenatedValues(lines, firstLine, firstNumber, maxRecordBytes))
        {
            yield return r;
        }
    }

    /// <summary>
    /// Cuts a part of a JSON Lines file (whole lines, the first of them line <paramref name="firstLine"/>) into records
    /// located as in the whole file; a part of blank lines has no records.
    /// </summary>
    public static IEnumerable<RawRecord> SplitLines(Stream stream, long firstLine, int maxRecordBytes = DefaultMaxRecordBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(firstLine, 1);
        var lines = new LineSplitter(stream, maxRecordBytes, firstLine);
        return SkipBlankLines(lines) is { } first ? JsonLines(lines, first) : [];
    }

    private static (byte[] Line, long Number, bool Oversized)? SkipBlankLines(LineSplitter lines)
    {
        while (lines.Next() is { } l)
        {
            if (l.Oversized || !IsBlank(l.Bytes))
            {
                return (l.Bytes, l.Number, l.Oversized);
            }
        }
        return null;
    }

    private static IEnumerable<RawRecord> JsonLines(LineSplitter lines, (byte[] Line, long Number, bool Oversized) first, long ordinal = 0)
    {
        yield return LineRecord(ordinal++, first.Line, first.Number, first.Oversized, lines.MaxBytes);
        while (lines.Next() is { } l)
        {
            if (!l.Oversized && IsBlank(l.Bytes))
            {
                continue;
            }
            yield return LineRecord(ordinal++, l.Bytes, l.Number, l.Oversized, lines.MaxBytes);
        }
    }

    private static RawRecord LineRecord(long ordinal, byte[] bytes, long number, bool oversized, int max) =>
        oversized
            ? new RawRecord(ordinal, $"line {number}", default, OversizedLine(max))
            : new RawRecord(ordinal, $"line {number}", bytes);

    /// <summary>The framing error of a JSON Lines record over the size limit.</summary>
    public static string OversizedLine(int maxRecordBytes) => $"record is larger than the limit of {maxRecordBytes} bytes; skipped";

    /// <summary>A JSON array: the whole text is buffered (up to the limit per element × elements) and cut element by element.</summary>
    private static IEnumerable<RawRecord> ArrayRecords(LineSplitter lines, byte[] firstLine)
    {
        var buffer = new ArrayBufferWriter<byte>();
        buffer.Write(firstLine);
        buffer.Write("\n"u8);
        while (lines.Next() is { } l)
        {
            if (l.Oversized)
            {
                yield return new RawRecord(0, $"line {l.Number}", default, $"a line is larger than the limit of {lines.MaxBytes} bytes; the array cannot be read");
                yield break;
            }
            buffer.Write(l.Bytes);
            buffer.Write("\n"u8);
        }
        var data = buffer.WrittenMemory;
        var elements = new List<(int Start, int Length)>();
        string? error = null;
        try
        {
            var reader = new Utf8JsonReader(data.Span, new JsonReaderOptions { MaxDepth = 33 });
            reader.Read(); // StartArray
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                elements.Add((start, (int)reader.BytesConsumed - start));
            }
            if (reader.TokenType != JsonTokenType.EndArray)
            {
                error = "the array is not closed (truncated file?)";
            }
            else if (!IsBlank(data.Span[(int)reader.BytesConsumed..]))
            {
                error = "unexpected content after the closing ']' of the array";
            }
        }
        catch (JsonException ex)
        {
            error = "not valid JSON: " + JsonSyntax.Describe(ex);
        }
        for (var i = 0; i < elements.Count; i++)
        {
            yield return new RawRecord(i, $"index {i}", data.Slice(elements[i].Start, elements[i].Length));
        }
        if (error is not null)
        {
            yield return new RawRecord(elements.Count, $"index {elements.Count}", default, error + "; records after this point were not read");
        }
    }

    /// <summary>One pretty-printed object, or several one after another: read value by value.</summary>
    private static IEnumerable<RawRecord> ConcatenatedValues(LineSplitter lines, byte[] firstLine, long firstNumber, int maxBytes)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var startLine = firstNumber;
        long ordinal = 0;
        var pending = new List<byte[]> { firstLine };
        var lastStart = 0;
        var lastNumber = firstNumber;
        while (true)
        {
            foreach (var p in pending)
            {
                lastStart = buffer.WrittenCount;
                buffer.Write(p);
                buffer.Write("\n"u8);
            }
            var last = pending[^1];
            pending.Clear();
            if (buffer.WrittenCount > maxBytes)
            {
                yield return new RawRecord(ordinal, $"record starting at line {startLine}", default, $"record is larger than the limit of {maxBytes} bytes; records after this point were not read");
                yield break;
            }
            if (IsCompleteJsonValue(buffer.WrittenMemory.Span))
            {
                if (lastStart > 0 && ParseError(buffer.WrittenMemory.Span) is not null && IsOneLineObject(last))
                {
                    // A cut-off record (e.g. a truncated first JSON line) ran into a complete one-line object:
                    // report the fragment alone and read the object as the next record, so it is not lost.
                    var fragment = buffer.WrittenMemory[..lastStart];
                    var singleLine = fragment.Span[..^1].IndexOf((byte)'\n') < 0;
                    var reason = "not valid JSON: " + (ParseError(fragment.Span) ?? "unexpected end of record (truncated?)");
                    if (ordinal == 0 && singleLine)
                    {
                        // A broken first line followed by one-line objects: this is JSON Lines, read it as such.
                        yield return new RawRecord(0, $"line {startLine}", default, reason);
                        foreach (var r in JsonLines(lines, (last, lastNumber, false), ordinal: 1))
                        {
                            yield return r;
                        }
                        yield break;
                    }
                    yield return new RawRecord(ordinal, $"record {ordinal + 1} (line {startLine})", default, reason);
                    ordinal++;
                    buffer.ResetWrittenCount();
                    startLine = lastNumber;
                    pending.Add(last);
                    continue;
                }
                if (ordinal == 0 && lastStart == 0 && ParseError(buffer.WrittenMemory.Span) is { } firstLineError)
                {
                    // The first line alone is already broken beyond repair: read the file as JSON Lines.
                    yield return new RawRecord(0, $"line {startLine}", default, "not valid JSON: " + firstLineError);
                    if (SkipBlankLines(lines) is { } following)
                    {
                        foreach (var r in JsonLines(lines, following, ordinal: 1))
                        {
                            yield return r;
                        }
                    }
                    yield break;
                }
                yield return new RawRecord(ordinal, $"record {ordinal + 1} (line {startLine})", buffer.WrittenMemory.ToArray());
                ordinal++;
                buffer.ResetWrittenCount();
                var next = SkipBlankLines(lines);
                if (next is null)
                {
                    yield break;
                }
                startLine = lastNumber = next.Value.Number;
                if (next.Value.Oversized)
                {
                    yield return new RawRecord(ordinal, $"line {startLine}", default, $"record is larger than the limit of {maxBytes} bytes; records after this point were not read");
                    yield break;
                }
                pending.Add(next.Value.Line);
                continue;
            }
            var more = lines.Next();
            if (more is null)
            {
                var reason = "not valid JSON: " + (ParseError(buffer.WrittenMemory.Span) ?? "unexpected end of file (truncated?)");
                yield return new RawRecord(ordinal, $"record {ordinal + 1} (line {startLine})", default, reason);
                yield break;
            }
            if (more.Value.Oversized)
            {
                yield return new RawRecord(ordinal, $"line {more.Value.Number}", default, $"record is larger than the limit of {maxBytes} bytes; records after this point were not read");
                yield break;
            }
            pending.Add(more.Value.Bytes);
            lastNumber = more.Value.Number;
        }
    }

    private static bool IsOneLineObject(ReadOnlySpan<byte> line)
    {
        var t = line.Trim(" \t\r"u8);
        return t.Length > 0 && t[0] == (byte)'{' && IsCompleteJsonValue(t) && ParseError(t) is null;
    }

    /// <summary>
    /// True when more lines cannot change what <paramref name="json"/> is: its first value is complete (with nothing
    /// or something malformed after it: a value closed early by a corrupted byte, then the rest of its line), or it is
    /// malformed already. Reading on after a closed value would swallow every following record into one error.
    /// </summary>
    private static bool IsCompleteJsonValue(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, isFinalBlock: false, default);
            if (!reader.Read())
            {
                return false;
            }
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                return reader.TrySkip() && reader.BytesConsumed > 0;
            }
            return true;
        }
        catch (JsonException)
        {
            // Malformed is "complete" in the sense that more lines will not fix it: let the parser report it.
            return true;
        }
    }

    private static string? ParseError(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 33 });
            while (reader.Read())
            {
            }
            return null;
        }
        catch (JsonException ex)
        {
            return JsonSyntax.Describe(ex);
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> s) => s.Trim(" \t\r\n"u8).IsEmpty;

}
