using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Tidu.Domain.Exchange;

/// <summary>
/// The member names of one object of the exchange format, found by their UTF-8 bytes in a small open-addressed table
/// (escaped names are unescaped first, as a JSON parser reads them). Ids are the names' positions in the list.
/// </summary>
internal sealed class NameTable
{
    private const int Size = 128;
    private readonly byte[][] _names;
    private readonly int[] _slots = new int[Size];

    public NameTable(params string[] names)
    {
        if (names.Length > 64)
        {
            throw new ArgumentException("at most 64 names (a bit each in a ulong)", nameof(names));
        }
        _names = [.. names.Select(Encoding.UTF8.GetBytes)];
        Array.Fill(_slots, -1);
        for (var id = 0; id < _names.Length; id++)
        {
            var h = Hash(_names[id]);
            while (_slots[h] >= 0)
            {
                h = (h + 1) & (Size - 1);
            }
            _slots[h] = id;
        }
    }

    public int Count => _names.Length;

    /// <summary>Which table this is, for per-reader state kept per table.</summary>
    public int Number { get; } = Interlocked.Increment(ref _tables) - 1;

    private static int _tables;

    /// <summary>
    /// The id of the property name at the reader, or −1 for a name this object does not have. <paramref name="guess"/> is
    /// tried first: files write members in one order, so the member that followed the previous one last time usually does again.
    /// </summary>
    public int Find(ref Utf8JsonReader reader, int guess)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            return Find(reader.ValueSpan, guess);
        }
        return Find(ref reader);
    }

    /// <summary>The id of an unescaped name, <paramref name="guess"/> tried first (see <see cref="Find(ref Utf8JsonReader, int)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Find(ReadOnlySpan<byte> name, int guess) => guess >= 0 && name.SequenceEqual(_names[guess]) ? guess : Find(name);

    /// <summary>The id of the property name at the reader, or −1 for a name this object does not have.</summary>
    public int Find(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            return Find(reader.ValueSpan);
        }
        Span<byte> buffer = stackalloc byte[128];
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length > buffer.Length)
        {
            return -1; // longer than any name we know, escaped or not
        }
        var written = reader.CopyString(buffer);
        return Find(buffer[..written]);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Find(ReadOnlySpan<byte> name)
    {
        if (name.Length == 0)
        {
            return -1;
        }
        var h = Hash(name);
        while (true)
        {
            var id = _slots[h];
            if (id < 0)
            {
                return -1;
            }
            if (name.SequenceEqual(_names[id]))
            {
                return id;
            }
            h = (h + 1) & (Size - 1);
        }
    }

    private static int Hash(ReadOnlySpan<byte> s) =>
        unchecked(((s.Length * 31) + (s[0] * 7) + (s[^1] * 13) + (s[s.Length / 2] * 17) + (s[s.Length / 3] * 3)) & (Size - 1));
}
