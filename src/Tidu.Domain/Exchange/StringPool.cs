using System.Runtime.CompilerServices;
using System.Text;

namespace Tidu.Domain.Exchange;

/// <summary>
/// Strings that repeat from record to record (region and industry codes, product names, certificates, issuers) are
/// decoded once: a small open-addressed table keyed by the UTF-8 bytes returns the same string instance. One per
/// reader (not thread-safe); when full it simply stops remembering new strings.
/// </summary>
internal sealed class StringPool
{
    private const int Size = 4096;
    private const int MaxBytes = 64;
    private readonly byte[]?[] _keys = new byte[]?[Size];
    private readonly string?[] _values = new string?[Size];
    private int _count;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxBytes)
        {
            return Encoding.UTF8.GetString(utf8);
        }
        var h = Hash(utf8) & (Size - 1);
        for (var probe = 0; probe < 8; probe++)
        {
            var i = (h + probe) & (Size - 1);
            var key = _keys[i];
            if (key is null)
            {
                var s = Encoding.UTF8.GetString(utf8);
                if (_count < Size / 2)
                {
                    _keys[i] = utf8.ToArray();
                    _values[i] = s;
                    _count++;
                }
                return s;
            }
            if (utf8.SequenceEqual(key))
            {
                return _values[i]!;
            }
        }
        return Encoding.UTF8.GetString(utf8);
    }

    private static int Hash(ReadOnlySpan<byte> s)
    {
        unchecked
        {
            var h = (uint)s.Length * 2654435761u;
            foreach (var b in s)
            {
                h = (h ^ b) * 16777619u;
            }
            return (int)(h ^ (h >> 15));
        }
    }
}
