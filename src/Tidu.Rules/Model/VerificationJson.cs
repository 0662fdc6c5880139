using System.Globalization;
using System.Text.Json;

namespace Tidu.Rules.Model;

/// <summary>The JSON of a verification record (rules show, explanations, the API): one shape everywhere.</summary>
public static class VerificationJson
{
    public static void Write(Utf8JsonWriter w, string name, Verification v)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(v);
        w.WritePropertyName(name);
        Write(w, v, withValues: true);
    }

    private static void Write(Utf8JsonWriter w, Verification v, bool withValues)
    {
        w.WriteStartObject();
        w.WriteString("status", v.IsVerified ? "verified" : "unverified");
        w.WriteString("label", v.Label);
        if (v.On is { } on)
        {
            w.WriteString("on", on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        if (v.By is not null)
        {
            w.WriteString("by", v.By);
        }
        w.WriteStartArray("against");
        foreach (var a in v.Against)
        {
            w.WriteStartObject();
            w.WriteString("document", a.Document);
            if (a.Article is not null)
            {
                w.WriteString("article", a.Article);
            }
            w.WriteString("copy", Verification.CopyName(a.Copy));
            w.WriteString("where", a.Where);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (v.Note is not null)
        {
            w.WriteString("note", v.Note);
        }
        if (withValues && v.Values.Count > 0)
        {
            w.WriteStartObject("values");
            foreach (var (id, value) in v.Values.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                w.WritePropertyName(id);
                Write(w, value, withValues: false);
            }
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }
}
