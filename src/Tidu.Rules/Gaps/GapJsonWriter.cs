using System.Globalization;
using System.Text.Json;
using Tidu.Rules.Evaluation;

namespace Tidu.Rules.Gaps;

/// <summary>
/// Writes a <see cref="GapResult"/> as one JSON object: <c>creditCode</c>, <c>tier</c>, <c>qualified</c>,
/// <c>changes</c> (<c>check</c>, <c>path</c>, <c>current</c>, <c>needed</c>, <c>unit</c>, <c>effort</c>),
/// <c>blockers</c>, <c>reachable</c>, <c>verified</c> and <c>note</c>. Field names are stable.
/// </summary>
public static class GapJsonWriter
{
    public static void Write(Utf8JsonWriter w, GapResult r)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(r);
        w.WriteStartObject();
        w.WriteString("creditCode", r.CreditCode);
        w.WriteString("name", r.Name);
        w.WriteString("asOf", Date(r.AsOf));
        w.WriteString("tier", r.Tier);
        w.WriteString("title", r.Title);
        w.WriteString("ruleVersion", r.Version.VersionId);
        w.WriteBoolean("qualified", r.Qualified);
        if (r.Next)
        {
            w.WriteBoolean("next", true);
        }
        w.WriteStartArray("changes");
        foreach (var c in r.Changes)
        {
            w.WriteStartObject();
            w.WriteString("check", c.Check);
            w.WriteString("title", c.Title);
            w.WriteString("path", c.Path);
            w.WritePropertyName("current");
            Node(w, c.Current);
            w.WritePropertyName("needed");
            Node(w, c.Needed);
            Optional(w, "unit", c.Unit);
            w.WriteString("effort", Name(c.Effort.ToString()));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("blockers");
        foreach (var b in r.Blockers)
        {
            w.WriteStartObject();
            w.WriteString("check", b.Check);
            w.WriteString("title", b.Title);
            w.WriteString("kind", Name(b.Kind.ToString()));
            Optional(w, "path", b.Path);
            if (b.Current is not null)
            {
                w.WritePropertyName("current");
                Node(w, b.Current);
            }
            Optional(w, "earliest", b.Earliest is { } d ? Date(d) : null);
            Optional(w, "tier", b.Tier);
            if (b.PrerequisiteQualified is { } q)
            {
                w.WriteBoolean("prerequisiteQualified", q);
            }
            w.WriteString("note", b.Note);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteBoolean("reachable", r.Reachable);
        w.WriteBoolean("verified", r.Verified);
        w.WriteString("note", r.Note);
        w.WriteEndObject();
    }

    /// <summary>One JSON line per result, Chinese kept readable.</summary>
    public static string Line(GapResult r)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, EvaluationJsonWriter.Options))
        {
            Write(w, r);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Node(Utf8JsonWriter w, System.Text.Json.Nodes.JsonNode? node)
    {
        if (node is null)
        {
            w.WriteNullValue();
        }
        else
        {
            node.WriteTo(w);
        }
    }

    private static void Optional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    /// <summary>PascalCase enum name → kebab-case JSON value (SizeClass → size-class).</summary>
    private static string Name(string pascal) =>
        string.Concat(pascal.Select((ch, i) => char.IsUpper(ch) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(ch) : ch.ToString()));

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
