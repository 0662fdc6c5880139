using System.Text.Json;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Replay;

namespace Tidu.Cli.Output;

/// <summary>One JSON line per flipped tier of an enterprise: who, on which date, gained or lost, and the checks that flipped.</summary>
internal static class ReplayJson
{
    public static string Line(TierFlip f)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, EvaluationJsonWriter.Options))
        {
            w.WriteStartObject();
            w.WriteString("creditCode", f.Before.CreditCode);
            w.WriteString("name", f.Before.Name);
            w.WriteString("asOf", RuleText.Date(f.Before.AsOf));
            w.WriteString("tier", f.BeforeTier.Tier);
            w.WriteString("tierTitle", f.AfterTier.Title);
            w.WriteString("change", f.Gained ? "gained" : "lost");
            w.WriteStartObject("ruleSet");
            w.WriteString("id", f.AfterTier.Version.RuleSetId);
            w.WriteString("version", f.AfterTier.Version.VersionId);
            w.WriteEndObject();
            Outcome(w, "before", f.BeforeTier, f.Before.SizeClass);
            Outcome(w, "after", f.AfterTier, f.SizeClassAfter);
            w.WriteBoolean("checksKnown", f.ChecksKnown);
            w.WriteStartArray("checks");
            foreach (var c in f.Checks)
            {
                w.WriteStartObject();
                w.WriteString("id", c.Id);
                w.WriteString("title", c.Title);
                Optional(w, "cite", (c.After ?? c.Before)!.Cite);
                Check(w, "before", c.Before);
                Check(w, "after", c.After);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Outcome(Utf8JsonWriter w, string name, StoredTier t, string? sizeClass)
    {
        w.WriteStartObject(name);
        w.WriteBoolean("qualified", t.Qualified);
        if (t.Score is { } s)
        {
            w.WriteNumber("score", s);
        }
        else
        {
            w.WriteNull("score");
        }
        Optional(w, "sizeClass", sizeClass);
        w.WriteEndObject();
    }

    private static void Check(Utf8JsonWriter w, string name, StoredCheck? c)
    {
        if (c is null)
        {
            w.WriteNull(name);
            return;
        }
        w.WriteStartObject(name);
        w.WriteBoolean("passed", c.Passed);
        Optional(w, "actual", c.Actual);
        Optional(w, "required", c.Required);
        if (c.Points is { } p)
        {
            w.WriteNumber("points", p);
        }
        w.WriteEndObject();
    }

    private static void Optional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
