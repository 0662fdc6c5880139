using System.Globalization;
using System.Text.Json;
using Tidu.Rules.Evaluation;

namespace Tidu.Rules.Replay;

/// <summary>Reads Tidu's result format (the shape <see cref="EvaluationJsonWriter"/> writes) back, strictly.</summary>
public static class StoredResultReader
{
    /// <summary>Parses one result object; throws <see cref="FormatException"/> naming the field that is wrong.</summary>
    public static StoredResult Parse(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return Parse(doc.RootElement);
        }
        catch (JsonException ex)
        {
            throw new FormatException("not valid JSON: " + Tidu.Domain.Exchange.JsonSyntax.Describe(ex), ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new FormatException("not a Tidu result: " + ex.Message, ex);
        }
    }

    /// <summary>The result Tidu writes for <paramref name="evaluation"/>, read back: what a results file would hold.</summary>
    public static StoredResult From(EnterpriseEvaluation evaluation)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, EvaluationJsonWriter.Options))
        {
            EvaluationJsonWriter.Write(w, evaluation);
        }
        using var doc = JsonDocument.Parse(buffer.ToArray());
        return Parse(doc.RootElement);
    }

    private static StoredResult Parse(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("a result must be a JSON object");
        }
        var tiers = new List<StoredTier>();
        foreach (var t in Required(e, "tiers").EnumerateObject())
        {
            var v = t.Value;
            List<StoredCheck>? checks = null;
            if (v.TryGetProperty("checks", out var list))
            {
                checks = list.EnumerateArray().Select(Check).ToList();
            }
            tiers.Add(new StoredTier(t.Name, Text(v, "title") ?? t.Name, Required(v, "qualified").GetBoolean(), Number(v, "score"),
                Version(Required(v, "ruleSet")), checks));
        }
        StoredVersion? sizeVersion = null;
        if (e.TryGetProperty("sizeClassDetail", out var detail) && detail.TryGetProperty("ruleSet", out var sv))
        {
            sizeVersion = Version(sv);
        }
        return new StoredResult(Text(e, "creditCode") ?? throw Missing("creditCode"), Text(e, "name") ?? "", Date(Text(e, "asOf"), "asOf")!.Value,
            Text(e, "sizeClass"), sizeVersion, tiers);
    }

    private static StoredVersion Version(JsonElement v) =>
        new(Text(v, "id") ?? throw Missing("ruleSet.id"), Text(v, "version") ?? throw Missing("ruleSet.version"),
            Date(Text(v, "effectiveFrom"), "ruleSet.effectiveFrom")!.Value, Date(Text(v, "effectiveTo"), null), Text(v, "jurisdiction"));

    private static StoredCheck Check(JsonElement c) =>
        new(Text(c, "id") ?? throw Missing("checks[].id"), Text(c, "title") ?? "", Text(c, "kind") ?? "", Text(c, "parent"),
            Required(c, "passed").GetBoolean(), c.TryGetProperty("actual", out var a) ? Render(a) : null, Text(c, "required"), Number(c, "points"), Text(c, "cite"));

    /// <summary>A value as the result file shows it: numbers exactly as written, strings unquoted.</summary>
    private static string? Render(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => v.GetString(),
        _ => v.GetRawText(),
    };

    private static JsonElement Required(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : throw Missing(name);

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static decimal? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDecimal() : null;

    private static DateOnly? Date(string? text, string? required)
    {
        if (text is null)
        {
            return required is null ? null : throw Missing(required);
        }
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new FormatException($"'{required ?? "date"}' is not a date YYYY-MM-DD: '{text}'");
    }

    private static FormatException Missing(string field) => new($"'{field}' is missing: not a result written by tidu evaluate or tidu screen");
}
