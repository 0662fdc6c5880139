using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tidu.Domain.Exchange;
using Tidu.Domain.Profiles;

namespace Tidu.Rules.Gaps;

/// <summary>
/// A profile as exchange-format JSON laid out like its input (financial years in input order, so
/// <c>/financials/2</c> is the third year given), and JSON Pointers (RFC 6901) into it.
/// </summary>
public static class ProfileJson
{
    public static JsonObject Of(EnterpriseProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var inInputOrder = profile with { Financials = profile.Financials.OrderBy(f => f.InputIndex).ToList() };
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, ProfileWriter.Options))
        {
            ProfileWriter.Write(w, inInputOrder);
        }
        return JsonNode.Parse(buffer.ToArray())!.AsObject();
    }

    /// <summary>The node at <paramref name="path"/>, or null when there is none.</summary>
    public static JsonNode? At(JsonNode root, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var node = root;
        foreach (var token in Tokens(path))
        {
            node = node switch
            {
                JsonObject o => o[token],
                JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }
        return node;
    }

    /// <summary>Sets the value at <paramref name="path"/>, creating missing objects on the way.</summary>
    public static void Set(JsonNode root, string path, JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(path);
        var tokens = Tokens(path).ToList();
        var node = root;
        for (var i = 0; i < tokens.Count - 1; i++)
        {
            var child = node switch
            {
                JsonObject o => o[tokens[i]] ??= new JsonObject(),
                JsonArray a => a[int.Parse(tokens[i], CultureInfo.InvariantCulture)],
                _ => null,
            };
            node = child ?? throw new ArgumentException($"'{path}' does not lead to an object or array", nameof(path));
        }
        switch (node)
        {
            case JsonObject o:
                o[tokens[^1]] = value;
                break;
            case JsonArray a:
                a[int.Parse(tokens[^1], CultureInfo.InvariantCulture)] = value;
                break;
            default:
                throw new ArgumentException($"'{path}' does not lead to an object or array", nameof(path));
        }
    }

    /// <summary>Parses exchange-format JSON back into a profile; null (with the first error) when it is not valid input.</summary>
    public static EnterpriseProfile? Parse(JsonNode json, out string? error)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var doc = JsonDocument.Parse(json.ToJsonString());
        var record = ProfileParser.Parse(doc.RootElement, 0, "gap");
        error = record.Errors.Count > 0 ? record.Errors[0].ToString() : null;
        return record.Profile;
    }

    private static IEnumerable<string> Tokens(string path) =>
        path.Length == 0 ? [] : path[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
}
