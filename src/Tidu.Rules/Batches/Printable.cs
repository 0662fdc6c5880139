using System.Globalization;
using System.Text;

namespace Tidu.Rules.Batches;

/// <summary>
/// Diagnostics quote parts of the input; hostile input can carry control and bidirectional-override characters that
/// would garble or disguise a terminal line. They are shown as \uXXXX.
/// </summary>
public static class Printable
{
    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(Unsafe))
        {
            return text;
        }
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            sb.Append(Unsafe(c) ? $"\\u{(int)c:X4}" : c.ToString());
        }
        return sb.ToString();
    }

    private static bool Unsafe(char c) => char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format;
}
