using System.Collections.Frozen;
using System.Text;

namespace Tidu.Domain.Exchange;

/// <summary>
/// A closed value set (<see cref="Vocabulary"/>) looked up by a value's UTF-8 bytes, giving the set's own string: the
/// compact reader decodes nothing and hashes nothing for an enum value. The sets are small, so a scan is enough.
/// </summary>
internal sealed class Utf8Vocabulary(FrozenSet<string> values)
{
    private readonly string[] _values = [.. values];
    private readonly byte[][] _utf8 = [.. values.Select(Encoding.UTF8.GetBytes)];

    /// <summary>The set's string whose UTF-8 is <paramref name="utf8"/>, or null when the set has none.</summary>
    public string? Find(ReadOnlySpan<byte> utf8)
    {
        for (var i = 0; i < _utf8.Length; i++)
        {
            if (utf8.SequenceEqual(_utf8[i]))
            {
                return _values[i];
            }
        }
        return null;
    }
}
