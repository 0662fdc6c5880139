using System.Globalization;
using System.Text.Json;
using Tidu.Rules.Model;

namespace Tidu.Rules.Evaluation;

/// <summary>
/// The first line of a results file (JSON Lines): <c>{"asOf":…,"ruleSets":[…]}</c>, every rule version in force on the
/// date — the size-class table and each tier rule set of every jurisdiction in the rule folder — with its title,
/// citation, note and verification. The result lines after it name their versions by reference
/// (<see cref="RuleSetDetail.Reference"/>), so a million lines do not repeat the same descriptions a million times. It
/// depends only on the rules and the date, not on the input, so it is written before the first result.
/// </summary>
public static class ResultFileHeader
{
    /// <summary>The header's first property: a line that starts with it is the header, never a result.</summary>
    public const string Marker = "{\"asOf\":";

    /// <summary>Writes the header object (no trailing newline).</summary>
    public static void Write(Utf8JsonWriter w, RuleLibrary library, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(library);
        w.WriteStartObject();
        w.WriteString("asOf", asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        w.WriteStartArray("ruleSets");
        if (library.SizeClass.VersionOn(asOf) is { } size)
        {
            EvaluationJsonWriter.WriteVersionObject(w, size.Info, Jurisdiction.National, RuleSetDetail.Full, library.SizeClass.Title);
        }
        foreach (var set in library.Tiers)
        {
            if (set.VersionOn(asOf) is { } v)
            {
                EvaluationJsonWriter.WriteVersionObject(w, v.Info, set.Jurisdiction, RuleSetDetail.Full, set.Title);
            }
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The header line's UTF-8 bytes, newline included.</summary>
    public static byte[] Line(RuleLibrary library, DateOnly asOf)
    {
        var bytes = EvaluationJsonWriter.Fragment(w => Write(w, library, asOf));
        return [.. bytes, (byte)'\n'];
    }

    /// <summary>Whether a line of a results file is its header rather than a result.</summary>
    public static bool IsHeader(string line) =>
        line is not null && line.AsSpan().TrimStart().StartsWith(Marker, StringComparison.Ordinal);
}
