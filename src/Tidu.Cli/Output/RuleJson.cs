using System.Text.Json;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Versions;

namespace Tidu.Cli.Output;

/// <summary>The <c>--format json</c> shapes of <c>tidu rules list/show/diff</c>.</summary>
internal static class RuleJson
{
    private static readonly JsonWriterOptions Indented = EvaluationJsonWriter.Options with { Indented = true };

    public static void Write(TextWriter stdout, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Indented))
        {
            write(w);
        }
        stdout.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    public static void Set(Utf8JsonWriter w, RuleSetEntry set, bool withItems)
    {
        w.WriteStartObject();
        w.WriteString("id", set.Id);
        w.WriteString("kind", set.Kind);
        w.WriteString("title", set.Title);
        w.WriteString("jurisdiction", set.Jurisdiction);
        w.WriteString("file", set.File);
        w.WriteString("source", set.SourceTitle);
        Optional(w, "number", set.SourceNumber);
        w.WriteStartArray("versions");
        foreach (var v in set.Versions)
        {
            Version(w, v, withItems);
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void Version(Utf8JsonWriter w, VersionSnapshot v, bool withItems)
    {
        w.WriteStartObject();
        w.WriteString("ruleSet", v.RuleSetId);
        w.WriteString("jurisdiction", v.Jurisdiction);
        w.WriteString("version", v.VersionId);
        w.WriteString("effectiveFrom", RuleText.Date(v.EffectiveFrom));
        Optional(w, "effectiveTo", v.EffectiveTo is null ? null : RuleText.Date(v.EffectiveTo));
        w.WriteString("cite", v.Cite);
        Optional(w, "note", v.Note);
        Tidu.Rules.Model.VerificationJson.Write(w, "verification", v.Verification);
        if (withItems)
        {
            w.WriteStartArray("readings");
            foreach (var r in v.Readings)
            {
                w.WriteStringValue(r);
            }
            w.WriteEndArray();
            w.WriteStartArray("items");
            foreach (var item in v.Items)
            {
                Item(w, item);
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    public static void Item(Utf8JsonWriter w, RuleItem item)
    {
        w.WriteStartObject();
        w.WriteString("id", item.Id);
        w.WriteString("category", item.Category);
        w.WriteString("kind", item.Kind);
        w.WriteString("section", item.Section);
        w.WriteString("title", item.Title);
        Optional(w, "parent", item.Parent);
        w.WriteNumber("depth", item.Depth);
        Optional(w, "cite", item.Cite);
        Optional(w, "fact", item.Fact);
        w.WriteString("requirement", item.Requirement);
        w.WriteStartObject("fields");
        foreach (var f in item.Fields)
        {
            w.WriteString(f.Name, f.Value);
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    public static void Diff(Utf8JsonWriter w, RuleDiffResult d, DateOnly from, DateOnly to)
    {
        w.WriteStartObject();
        w.WriteString("ruleSet", d.From.RuleSetId);
        w.WriteString("jurisdiction", d.From.Jurisdiction);
        w.WriteString("fromDate", RuleText.Date(from));
        w.WriteString("toDate", RuleText.Date(to));
        w.WritePropertyName("from");
        Version(w, d.From, withItems: false);
        w.WritePropertyName("to");
        Version(w, d.To, withItems: false);
        w.WriteBoolean("sameVersion", d.SameVersion);
        Changes(w, "versionChanges", d.VersionChanges);
        Strings(w, "readingsRemoved", d.ReadingsRemoved);
        Strings(w, "readingsAdded", d.ReadingsAdded);
        w.WriteStartArray("changed");
        foreach (var c in d.Changed)
        {
            w.WriteStartObject();
            w.WriteString("id", c.After.Id);
            w.WriteString("title", c.After.Title);
            w.WriteString("matchedBy", c.MatchedBy);
            w.WriteBoolean("valueChanged", c.ValueChanged);
            w.WriteString("citeBefore", c.Before.Cite);
            w.WriteString("citeAfter", c.After.Cite);
            Changes(w, "changes", c.Changes);
            w.WritePropertyName("before");
            Item(w, c.Before);
            w.WritePropertyName("after");
            Item(w, c.After);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("removed");
        foreach (var item in d.Removed)
        {
            Item(w, item);
        }
        w.WriteEndArray();
        w.WriteStartArray("added");
        foreach (var item in d.Added)
        {
            Item(w, item);
        }
        w.WriteEndArray();
        w.WriteNumber("unchanged", d.Unchanged);
        w.WriteEndObject();
    }

    private static void Changes(Utf8JsonWriter w, string name, IReadOnlyList<FieldChange> changes)
    {
        w.WriteStartArray(name);
        foreach (var c in changes)
        {
            w.WriteStartObject();
            w.WriteString("field", c.Name);
            Nullable(w, "before", c.Before);
            Nullable(w, "after", c.After);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void Strings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }
        w.WriteEndArray();
    }

    private static void Nullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void Optional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
