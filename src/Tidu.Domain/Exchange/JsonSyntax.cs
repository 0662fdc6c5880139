using System.Globalization;
using System.Text.Json;

namespace Tidu.Domain.Exchange;

/// <summary>
/// Where a text stops being JSON, in our own words: the line and byte (both from 1) of the first syntax error. The
/// reader's own message is left out — it is exception text, in English, and may quote the input.
/// </summary>
public static class JsonSyntax
{
    public static string Describe(JsonException ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        // The reader says "depth" only when a record nests deeper than its limit: the one kind of error worth naming.
        var what = ex.Message.Contains("depth", StringComparison.OrdinalIgnoreCase) ? "nested beyond the maximum depth" : "syntax error";
        return ex.LineNumber is { } line && ex.BytePositionInLine is { } at
            ? string.Create(CultureInfo.InvariantCulture, $"{what} at line {line + 1}, byte {at + 1}")
            : what;
    }
}
