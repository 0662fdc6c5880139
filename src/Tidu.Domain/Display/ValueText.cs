using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tidu.Domain.Display;

/// <summary>
/// An exchange-format value as people read it, never as JSON: a list of standards reads "国际标准·参与制定（2025年）",
/// honours and recognitions by their names, yes/no as 是/否, identifiers by their Chinese names.
/// </summary>
public static class ValueText
{
    public static string Of(JsonNode? node) => node switch
    {
        null => "—",
        JsonArray a => a.Count == 0 ? "无" : string.Join("、", a.Select(Of)),
        JsonObject o => Item(o),
        JsonValue v => Scalar(v),
        _ => "—",
    };

    private static string Scalar(JsonValue v) => v.GetValueKind() switch
    {
        JsonValueKind.True => DisplayNames.Boolean(true),
        JsonValueKind.False => DisplayNames.Boolean(false),
        JsonValueKind.Number => v.GetValue<decimal>().ToString("0.####", CultureInfo.InvariantCulture),
        JsonValueKind.String => DisplayNames.Value(v.GetValue<string>()),
        _ => "—",
    };

    /// <summary>One entry of a list of the exchange format: a standard, an honour, a recognition, a quality score.</summary>
    private static string Item(JsonObject o)
    {
        string? Text(string name) => o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        string? Number(string name) => o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<decimal>().ToString("0.##", CultureInfo.InvariantCulture) : null;
        var year = Number("year") is { } y ? $"（{y}年）" : "";
        if (Text("level") is { } level)
        {
            var role = Text("role") is { } r ? "·" + DisplayNames.StandardRole(r) : "";
            return DisplayNames.StandardLevel(level) + role + year;
        }
        if (Text("kind") is { } kind)
        {
            var rank = Number("rank") is { } rk ? $"，排名第{rk}" : "";
            return DisplayNames.Honor(kind) + year + rank;
        }
        if (Text("tier") is { } tier)
        {
            var on = Text("recognizedOn") is { } d ? $"（{d} 认定）" : "";
            return DisplayNames.Tier(tier) + on;
        }
        if (Number("score") is { } score)
        {
            return $"{score} 分{year}";
        }
        return string.Join("，", o.Select(p => Of(p.Value)));
    }
}
