using System.Text.Json;

namespace Tidu.Rules.Screening;

/// <summary>
/// A shard's counts and log lines as a small JSON file, so that a shard screened on any node can be put together with
/// the others by any other (<see cref="JobDirectory"/>). Tiers and titles travel with the counts, in their order.
/// </summary>
internal static class ScreenSummaryJson
{
    public static void Write(Stream output, ScreenSummary s, IReadOnlyList<string> log)
    {
        using var w = new Utf8JsonWriter(output);
        w.WriteStartObject();
        w.WriteNumber("valid", s.Valid);
        w.WriteNumber("invalid", s.Invalid);
        w.WriteNumber("failed", s.Failed);
        w.WriteStartArray("tiers");
        foreach (var (id, title) in s.Tiers)
        {
            w.WriteStartArray();
            w.WriteStringValue(id);
            w.WriteStringValue(title);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        WriteCounts(w, "bySize", s.BySize);
        w.WriteStartArray("qualified");
        foreach (var ((size, tier), n) in s.Qualified)
        {
            w.WriteStartArray();
            w.WriteStringValue(size);
            w.WriteStringValue(tier);
            w.WriteNumberValue(n);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        WriteCounts(w, "nearMisses", s.NearMisses);
        w.WriteStartObject("nearMissChecks");
        foreach (var (tier, checks) in s.NearMissChecks)
        {
            WriteCounts(w, tier, checks);
        }
        w.WriteEndObject();
        w.WriteStartObject("checkTitles");
        foreach (var (id, title) in s.CheckTitles)
        {
            w.WriteString(id, title);
        }
        w.WriteEndObject();
        w.WriteStartArray("log");
        foreach (var line in log)
        {
            w.WriteStringValue(line);
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static (ScreenSummary Summary, List<string> Log) Read(Stream input)
    {
        using var doc = JsonDocument.Parse(input);
        var root = doc.RootElement;
        var s = new ScreenSummary
        {
            Valid = root.GetProperty("valid").GetInt64(),
            Invalid = root.GetProperty("invalid").GetInt64(),
            Failed = root.GetProperty("failed").GetInt64(),
        };
        foreach (var tier in root.GetProperty("tiers").EnumerateArray())
        {
            s.Tiers.Add((tier[0].GetString()!, tier[1].GetString()!));
        }
        ReadCounts(root.GetProperty("bySize"), s.BySize);
        foreach (var q in root.GetProperty("qualified").EnumerateArray())
        {
            s.Qualified[(q[0].GetString()!, q[1].GetString()!)] = q[2].GetInt64();
        }
        ReadCounts(root.GetProperty("nearMisses"), s.NearMisses);
        foreach (var tier in root.GetProperty("nearMissChecks").EnumerateObject())
        {
            var checks = new Dictionary<string, long>(StringComparer.Ordinal);
            ReadCounts(tier.Value, checks);
            s.NearMissChecks[tier.Name] = checks;
        }
        foreach (var title in root.GetProperty("checkTitles").EnumerateObject())
        {
            s.CheckTitles[title.Name] = title.Value.GetString()!;
        }
        var log = root.GetProperty("log").EnumerateArray().Select(l => l.GetString()!).ToList();
        return (s, log);
    }

    private static void WriteCounts(Utf8JsonWriter w, string name, Dictionary<string, long> counts)
    {
        w.WriteStartObject(name);
        foreach (var (key, n) in counts)
        {
            w.WriteNumber(key, n);
        }
        w.WriteEndObject();
    }

    private static void ReadCounts(JsonElement element, Dictionary<string, long> counts)
    {
        foreach (var p in element.EnumerateObject())
        {
            counts[p.Name] = p.Value.GetInt64();
        }
    }
}
