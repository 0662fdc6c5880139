using System.Text.Encodings.Web;
using System.Text.Json;
using Tidu.Rules.Model;
using Tidu.Rules.Values;

namespace Tidu.Rules.Evaluation;

/// <summary>
/// Writes an <see cref="EnterpriseEvaluation"/> in Tidu's result format (one JSON object per enterprise):
/// <c>creditCode</c>, <c>sizeClass</c>, and per tier <c>qualified</c>, <c>score</c>, sub-scores, the rule
/// version with its citation, and every check. Field names are stable: files and the API share them.
/// </summary>
public static class EvaluationJsonWriter
{
    public static readonly JsonWriterOptions Options = new()
    {
        // Chinese titles stay readable in the output instead of \uXXXX escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>
    /// Writes one result object. <paramref name="ruleSets"/> says how each rule version is named: in full (the API, a
    /// JSON array) or by reference (a results file, whose <see cref="ResultFileHeader"/> describes each version once).
    /// </summary>
    public static void Write(Utf8JsonWriter w, EnterpriseEvaluation e, bool includeChecks = true, RuleSetDetail ruleSets = RuleSetDetail.Full)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(e);
        w.WriteStartObject();
        w.WriteString("creditCode", e.CreditCode);
        w.WriteString("name", e.Name);
        w.WriteString("regionCode", e.RegionCode);
        w.WriteString("asOf", e.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        if (e.SizeClass.SizeClass is { } sc)
        {
            w.WriteString("sizeClass", sc);
        }
        else
        {
            w.WriteNull("sizeClass");
        }
        w.WriteStartObject("sizeClassDetail");
        WriteOptional(w, "industryGroup", e.SizeClass.Group);
        WriteOptional(w, "industryGroupTitle", e.SizeClass.GroupTitle);
        WriteVersion(w, e.SizeClass.Version, Jurisdiction.National, ruleSets);
        WriteOptional(w, "missingField", e.SizeClass.MissingField);
        WriteOptional(w, "missingReason", e.SizeClass.MissingReason);
        if (includeChecks)
        {
            WriteChecks(w, e.SizeClass.Checks, e.SizeClass.Version.Verification);
        }
        w.WriteEndObject();
        w.WriteStartObject("tiers");
        foreach (var t in e.Tiers)
        {
            w.WriteStartObject(t.Tier);
            w.WriteBoolean("qualified", t.Qualified);
            if (t.Score is { } s)
            {
                w.WriteNumber("score", s.Normalize());
            }
            else
            {
                w.WriteNull("score");
            }
            w.WriteString("title", t.Title);
            WriteVersion(w, t.Version, t.Jurisdiction, ruleSets);
            w.WriteStartObject("subScores");
            foreach (var sub in t.SubScores)
            {
                w.WriteStartObject(sub.Dimension);
                w.WriteString("title", sub.Title);
                w.WriteNumber("points", sub.Points.Normalize());
                w.WriteNumber("max", sub.Max.Normalize());
                w.WriteEndObject();
            }
            w.WriteEndObject();
            if (includeChecks)
            {
                w.WriteStartArray("readings");
                foreach (var r in t.Readings)
                {
                    w.WriteStringValue(r);
                }
                w.WriteEndArray();
                WriteChecks(w, t.Checks, t.Version.Verification);
            }
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteVersion(Utf8JsonWriter w, RuleVersionInfo v, string jurisdiction, RuleSetDetail detail)
    {
        w.WritePropertyName("ruleSet");
        WriteVersionObject(w, v, jurisdiction, detail);
    }

    /// <summary>
    /// The <c>ruleSet</c> object of a result: which version of which rule set decided (id, jurisdiction, version and its
    /// dates — what identifies it and what a replay compares), and in full also its citation, note and verification.
    /// </summary>
    internal static void WriteVersionObject(Utf8JsonWriter w, RuleVersionInfo v, string jurisdiction, RuleSetDetail detail, string? title = null)
    {
        w.WriteStartObject();
        w.WriteString("id", v.RuleSetId);
        w.WriteString("jurisdiction", jurisdiction);
        w.WriteString("version", v.VersionId);
        WriteOptional(w, "title", title);
        w.WriteString("effectiveFrom", v.EffectiveFrom.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        WriteOptional(w, "effectiveTo", v.EffectiveTo?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        if (detail == RuleSetDetail.Full)
        {
            w.WriteString("cite", v.Cite);
            WriteOptional(w, "note", v.Note);
            VerificationJson.Write(w, "verification", v.Verification);
        }
        w.WriteEndObject();
    }

    /// <summary>The UTF-8 of a value written with the result format's options (parts shared by many lines).</summary>
    internal static byte[] Fragment(Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            write(w);
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Each check says 待核实 when its value (or its version) is unverified; verified checks carry nothing extra.</summary>
    private static void WriteChecks(Utf8JsonWriter w, IReadOnlyList<CheckResult> checks, Verification verification)
    {
        w.WriteStartArray("checks");
        foreach (var c in checks)
        {
            w.WriteStartObject();
            w.WriteString("id", c.Id);
            w.WriteString("title", c.Title);
            w.WriteString("kind", c.Kind);
            WriteOptional(w, "parent", c.Parent);
            w.WriteBoolean("passed", c.Passed);
            w.WritePropertyName("actual");
            WriteValue(w, c.Actual);
            WriteOptional(w, "required", c.Required);
            WriteOptional(w, "unit", c.Unit);
            if (c.Points is { } p)
            {
                w.WriteNumber("points", p.Normalize());
            }
            if (c.MaxPoints is { } m)
            {
                w.WriteNumber("maxPoints", m.Normalize());
            }
            WriteOptional(w, "dimension", c.Dimension);
            WriteOptional(w, "cite", c.Cite);
            WriteOptional(w, "note", c.Note);
            WriteOptional(w, "missingField", c.MissingField);
            WriteOptional(w, "missingReason", c.MissingReason);
            if (c.Defaulted)
            {
                w.WriteBoolean("defaulted", true);
            }
            WriteOptional(w, "advice", c.Advice);
            if (!verification.For(c.Id).IsVerified)
            {
                w.WriteString("verification", Verification.UnverifiedLabel);
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteValue(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case bool b: w.WriteBooleanValue(b); break;
            case decimal d: w.WriteNumberValue(d); break;
            case int i: w.WriteNumberValue(i); break;
            case string s: w.WriteStringValue(s); break;
            default: w.WriteStringValue(value.ToString()); break;
        }
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
