using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tidu.Domain.Exchange;
using Tidu.Domain.Profiles;
using Tidu.Rules.Gaps;

namespace Tidu.Rules.Tests.Gaps;

/// <summary>
/// Applies gap changes the way a user would: to the profile's input JSON, by path, then reads it back with the
/// exchange-format reader. Written apart from the engine's own verification on purpose — an oracle that shares
/// the code under test would agree with its mistakes.
/// </summary>
internal static class InputPatch
{
    public static JsonObject InputOf(EnterpriseProfile p)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            ProfileWriter.Write(w, p);
        }
        return JsonNode.Parse(buffer.ToArray())!.AsObject();
    }

    public static EnterpriseProfile Apply(EnterpriseProfile p, IEnumerable<GapChange> changes) => Apply(p, changes.Select(c => (c.Path, c.Needed)));

    public static EnterpriseProfile Apply(EnterpriseProfile p, IEnumerable<(string Path, JsonNode? Value)> changes)
    {
        var json = InputOf(p);
        foreach (var (path, value) in changes)
        {
            var parts = path.TrimStart('/').Split('/');
            JsonNode node = json;
            foreach (var part in parts[..^1])
            {
                node = node is JsonArray a ? a[int.Parse(part, CultureInfo.InvariantCulture)]! : (node[part] ??= new JsonObject());
            }
            if (node is JsonArray array)
            {
                array[int.Parse(parts[^1], CultureInfo.InvariantCulture)] = value?.DeepClone();
            }
            else
            {
                node[parts[^1]] = value?.DeepClone();
            }
        }
        var record = ProfileReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json.ToJsonString()))).Single();
        return record.Profile ?? throw new InvalidOperationException("the changed input is not valid: " + string.Join("; ", record.Errors));
    }

    /// <summary>Whether the input path exists in the profile's JSON (or only its last object is missing, which setting creates).</summary>
    public static bool Resolves(EnterpriseProfile p, string path)
    {
        JsonNode? node = InputOf(p);
        var parts = path.TrimStart('/').Split('/');
        foreach (var part in parts[..^1])
        {
            node = node switch
            {
                JsonArray a when int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var i) => i < a.Count ? a[i] : null,
                JsonObject o => o[part] ?? new JsonObject(),
                _ => null,
            };
            if (node is null)
            {
                return false;
            }
        }
        return node is JsonObject || (node is JsonArray a2 && int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k < a2.Count);
    }
}
