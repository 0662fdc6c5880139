using System.Globalization;
using System.Text.Json.Nodes;

namespace Tidu.Rules.Synthetic;

/// <summary>
/// Hostile variants of valid profiles, for robustness runs (<c>tidu generate --hostile</c>) and property tests: each
/// variant is one valid profile's JSON with one to three mutations — fields deleted, nulled or of another JSON type,
/// extreme numbers, duplicated, dropped or shuffled years, impossible dates, inputs that contradict each other (more
/// R&amp;D staff than employees, no revenue, a recognition that ends before it starts), huge lists and strings, unknown
/// properties, a property given twice. Some variants stay valid (the engine must cope), others do not (the reader
/// must say why). Deterministic: the same profile, seed and index give the same text.
/// </summary>
public static class HostileVariants
{
    /// <summary>The kinds of mutation, in the order they are numbered.</summary>
    public static readonly IReadOnlyList<string> Kinds =
    [
        "delete", "null", "retype", "extreme-number", "duplicate-year", "shuffle-years", "drop-year", "impossible-date",
        "contradiction", "huge-list", "huge-string", "unknown-property", "repeated-property", "far-year",
    ];

    private static readonly string[] ExtremeNumbers =
    [
        "0", "-0.01", "-1000000000", "1000000000", "1000000000.01", "10000000", "0.0000000000000000000000000001", "1000000000000000", "79228162514264337593543950335",
        "-79228162514264337593543950335", "79228162514264337593543950336", "1e300", "-1e300", "2147483648", "-2147483649", "1e-300",
    ];

    private static readonly string[] ImpossibleDates =
    [
        "2025-02-30", "2026-13-01", "0001-01-01", "9999-12-31", "2023-1-5", "", "2026-04-31", "20260101", "2100-01-01", "1900-02-29",
    ];

    private static readonly System.Text.Json.JsonSerializerOptions Output = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The variant of <paramref name="profile"/> number <paramref name="index"/> for <paramref name="seed"/>.</summary>
    public static (string Json, IReadOnlyList<string> Kinds) Of(Tidu.Domain.Profiles.EnterpriseProfile profile, int seed, long index) =>
        Of(Gaps.ProfileJson.Of(profile), seed, index);

    /// <summary>The variant of <paramref name="profile"/> (one profile's JSON object, not changed) number <paramref name="index"/> for <paramref name="seed"/>.</summary>
    public static (string Json, IReadOnlyList<string> Kinds) Of(JsonObject profile, int seed, long index)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var rng = new Random(ProfileGenerator.Mix(seed ^ 0x5EED, index));
        var root = profile.DeepClone().AsObject();
        var kinds = new List<string>();
        var repeat = false;
        var count = 1 + (rng.NextDouble() < 0.35 ? 1 : 0) + (rng.NextDouble() < 0.15 ? 1 : 0);
        for (var i = 0; i < count; i++)
        {
            var kind = Kinds[rng.Next(Kinds.Count)];
            kinds.Add(kind);
            if (kind == "repeated-property")
            {
                repeat = true;
                continue;
            }
            Mutate(root, kind, rng);
        }
        var json = root.ToJsonString(Output);
        // A property given twice cannot be held by a JSON object: it is written into the text.
        return (repeat ? string.Concat("{\"name\":\"重复的名称\",", json.AsSpan(1)) : json, kinds);
    }

    private static void Mutate(JsonObject root, string kind, Random rng)
    {
        switch (kind)
        {
            case "delete":
                if (Pick(Members(root), rng) is { } d)
                {
                    Remove(d.Parent, d.Key);
                }
                break;
            case "null":
                if (Pick(Members(root), rng) is { } n)
                {
                    Set(n.Parent, n.Key, null);
                }
                break;
            case "retype":
                if (Pick(Members(root), rng) is { } r)
                {
                    Set(r.Parent, r.Key, Retyped(Get(r.Parent, r.Key), rng));
                }
                break;
            case "extreme-number":
                if (Pick(Members(root).Where(m => Get(m.Parent, m.Key) is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number).ToList(), rng) is { } x)
                {
                    Set(x.Parent, x.Key, Number(ExtremeNumbers[rng.Next(ExtremeNumbers.Length)]));
                }
                break;
            case "duplicate-year":
                DuplicateYear(root, rng);
                break;
            case "shuffle-years":
                if (root["financials"] is JsonArray years && years.Count > 1)
                {
                    var items = years.Select(y => y?.DeepClone()).OrderBy(_ => rng.Next()).ToList();
                    years.Clear();
                    items.ForEach(years.Add);
                }
                break;
            case "drop-year":
                if (root["financials"] is JsonArray a && a.Count > 0)
                {
                    a.RemoveAt(rng.Next(a.Count));
                }
                break;
            case "impossible-date":
                ImpossibleDate(root, rng);
                break;
            case "contradiction":
                Contradiction(root, rng);
                break;
            case "huge-list":
                var list = new JsonArray();
                for (var i = 0; i < 300 + rng.Next(300); i++)
                {
                    list.Add(rng.NextDouble() < 0.5
                        ? new JsonObject { ["kind"] = "tech-sme", ["year"] = 2000 + (i % 30), ["validUntil"] = "2030-12-31" }
                        : new JsonObject { ["kind"] = "provincial-st-award", ["year"] = 2020, ["rank"] = 1 + i });
                }
                root["honors"] = list;
                break;
            case "huge-string":
                var text = string.Concat(Enumerable.Repeat("专精特新\u0000\u202E😀", 2000 + rng.Next(4000)));
                root[rng.NextDouble() < 0.5 ? "name" : "industryCode"] = text;
                break;
            case "unknown-property":
                root["x-" + rng.Next(1000).ToString(CultureInfo.InvariantCulture)] = new JsonObject { ["nested"] = new JsonArray(1, "二", null, true) };
                if (root["mainProduct"] is JsonObject mp)
                {
                    mp["unknownShare"] = 5;
                }
                break;
            case "far-year":
                if (root["financials"] is JsonArray f && f.Count > 0 && f[rng.Next(f.Count)] is JsonObject entry)
                {
                    entry["year"] = rng.NextDouble() < 0.5 ? 1990 : 2100;
                }
                break;
        }
    }

    private static void DuplicateYear(JsonObject root, Random rng)
    {
        var list = rng.NextDouble() < 0.7 ? root["financials"] as JsonArray : root["qualityEvaluations"] as JsonArray;
        if (list is { Count: > 0 } && list[rng.Next(list.Count)] is { } item)
        {
            list.Insert(rng.Next(list.Count + 1), item.DeepClone());
        }
    }

    private static void ImpossibleDate(JsonObject root, Random rng)
    {
        switch (rng.Next(4))
        {
            case 0:
                root[rng.NextDouble() < 0.5 ? "nicheMarketSince" : "establishedOn"] = ImpossibleDates[rng.Next(ImpossibleDates.Length)];
                break;
            case 1:
                // A real date after the evaluation dates: in the niche market "since" the future.
                root["nicheMarketSince"] = new DateOnly(2027 + rng.Next(70), 1 + rng.Next(12), 1 + rng.Next(28)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                break;
            case 2:
                // A recognition that ends before it starts, or is dated in the future.
                var start = new DateOnly(2020 + rng.Next(10), 1 + rng.Next(12), 1);
                var recognitions = root["recognitions"] as JsonArray ?? [];
                recognitions.Add(new JsonObject
                {
                    ["tier"] = rng.NextDouble() < 0.5 ? "specialized-sme" : "little-giant",
                    ["recognizedOn"] = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["validUntil"] = start.AddYears(-1 - rng.Next(3)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                });
                root["recognitions"] = recognitions;
                break;
            default:
                var honors = root["honors"] as JsonArray ?? [];
                honors.Add(new JsonObject { ["kind"] = "tech-sme", ["year"] = 2025, ["validUntil"] = ImpossibleDates[rng.Next(ImpossibleDates.Length)] });
                root["honors"] = honors;
                break;
        }
    }

    /// <summary>Values each valid on its own that contradict each other or divide by zero.</summary>
    private static void Contradiction(JsonObject root, Random rng)
    {
        var years = root["financials"] as JsonArray;
        var entry = years is { Count: > 0 } ? years[rng.Next(years.Count)] as JsonObject : null;
        switch (rng.Next(7))
        {
            case 0 when entry is not null:
                entry["operatingRevenue"] = 0;
                entry["mainBusinessRevenue"] = 0;
                break;
            case 1 when entry is not null:
                entry["rdStaff"] = 5000;
                entry["employees"] = 3;
                break;
            case 2 when entry is not null:
                entry["mainBusinessRevenue"] = 99999999;
                entry["totalAssets"] = 0;
                break;
            case 3 when entry is not null:
                entry["rdExpense"] = 88888888;
                entry["netProfit"] = -99999999;
                break;
            case 4:
                root["intellectualProperty"] = new JsonObject { ["classI"] = 1, ["classIApplied"] = 40, ["classISelfDeveloped"] = 30, ["classIHighValue"] = 20 };
                break;
            case 5:
                root["qualityEvaluations"] = new JsonArray(new JsonObject { ["year"] = 1990, ["score"] = 100 }, new JsonObject { ["year"] = 2100, ["score"] = 0 });
                break;
            default:
                root["financials"] = new JsonArray();
                break;
        }
    }

    private static JsonNode? Retyped(JsonNode? value, Random rng) => value switch
    {
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number => rng.NextDouble() < 0.5 ? JsonValue.Create(v.ToJsonString()) : JsonValue.Create(true),
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => rng.NextDouble() < 0.5 ? JsonValue.Create(42) : new JsonArray(v.DeepClone()),
        JsonValue => rng.NextDouble() < 0.5 ? JsonValue.Create("true") : JsonValue.Create(1),
        JsonArray => rng.NextDouble() < 0.5 ? new JsonObject() : JsonValue.Create("[]"),
        JsonObject => rng.NextDouble() < 0.5 ? new JsonArray() : JsonValue.Create(0),
        _ => JsonValue.Create("null"),
    };

    /// <summary>A JSON number written as given (out-of-range numbers included), as a value node.</summary>
    private static JsonNode Number(string text) => JsonNode.Parse(text)!;

    /// <summary>Every member (object property or array element) of the tree, as (container, key or index).</summary>
    private static List<(JsonNode Parent, object Key)> Members(JsonNode node)
    {
        var all = new List<(JsonNode, object)>();
        void Walk(JsonNode n)
        {
            switch (n)
            {
                case JsonObject o:
                    foreach (var (k, v) in o.ToList())
                    {
                        all.Add((o, k));
                        if (v is not null)
                        {
                            Walk(v);
                        }
                    }
                    break;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++)
                    {
                        all.Add((a, i));
                        if (a[i] is { } v)
                        {
                            Walk(v);
                        }
                    }
                    break;
            }
        }
        Walk(node);
        return all;
    }

    private static T? Pick<T>(List<T> items, Random rng) where T : struct => items.Count == 0 ? null : items[rng.Next(items.Count)];

    private static JsonNode? Get(JsonNode parent, object key) => key is string k ? parent[k] : parent[(int)key];

    private static void Set(JsonNode parent, object key, JsonNode? value)
    {
        if (key is string k)
        {
            parent[k] = value;
        }
        else
        {
            parent[(int)key] = value;
        }
    }

    private static void Remove(JsonNode parent, object key)
    {
        if (key is string k)
        {
            parent.AsObject().Remove(k);
        }
        else
        {
            parent.AsArray().RemoveAt((int)key);
        }
    }
}
