using System.Globalization;
using System.Text.Json.Nodes;
using Tidu.Data.Entities;
using Tidu.Data.Entities.Workflow;
using Tidu.Data.Registry;

namespace Tidu.Application.Workflow;

using Application = Tidu.Data.Entities.Workflow.Application;

/// <summary>
/// The declared file of an application and the officer-verified values laid over it. Fields are JSON Pointers into the
/// exchange-format file, with financial years addressed by their year (/financials/2025/rdExpense), not their position.
/// </summary>
public static class DeclaredValues
{
    /// <summary>Identity is not a value to verify: the application is the enterprise's whatever an officer types.</summary>
    private static readonly string[] Fixed = ["/creditCode", "/regionCode"];

    public static ApplicationDeclaration Snapshot(Application application, Enterprise enterprise, string actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(enterprise);
        return new ApplicationDeclaration
        {
            Application = application,
            EnterpriseId = enterprise.Id,
            ProfileJson = System.Text.Encoding.UTF8.GetString(ProfileMapping.ToUtf8(enterprise)),
            DeclaredBy = actor,
            DeclaredAt = at,
        };
    }

    /// <summary>The value at <paramref name="field"/> (null: not declared), or why the field names no field of the file.</summary>
    public static (JsonNode? Value, string? Error) Read(JsonObject root, string field)
    {
        var (parent, key, error) = Parent(root, field);
        return error is not null ? (null, error) : (parent is JsonObject o ? o[key!]?.DeepClone() : ((JsonArray)parent!)[int.Parse(key!, CultureInfo.InvariantCulture)]?.DeepClone(), null);
    }

    /// <summary>Sets (or, with null, removes: "not available") the value at <paramref name="field"/>; the error when it cannot.</summary>
    public static string? Write(JsonObject root, string field, JsonNode? value)
    {
        var (parent, key, error) = Parent(root, field);
        if (error is not null)
        {
            return error;
        }
        if (parent is JsonObject o)
        {
            if (value is null)
            {
                o.Remove(key!);
            }
            else
            {
                o[key!] = value.DeepClone();
            }
        }
        else
        {
            ((JsonArray)parent!)[int.Parse(key!, CultureInfo.InvariantCulture)] = value?.DeepClone();
        }
        return null;
    }

    private static (JsonNode? Parent, string? Key, string? Error) Parent(JsonObject root, string field)
    {
        if (string.IsNullOrEmpty(field) || field[0] != '/' || field.Length == 1)
        {
            return (null, null, $"'{field}' is not a JSON Pointer to a field (e.g. /financials/2025/rdExpense)");
        }
        if (Fixed.Contains(field, StringComparer.Ordinal))
        {
            return (null, null, $"{field} identifies the enterprise and is not verified");
        }
        var segments = field[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
        JsonNode current = root;
        for (var i = 0; i < segments.Length; i++)
        {
            var (key, error) = Key(current, segments[i], string.Join('/', segments[..(i + 1)]));
            if (error is not null)
            {
                return (null, null, error);
            }
            if (i == segments.Length - 1)
            {
                return (current, key, null);
            }
            var next = current is JsonObject o ? o[key!] : ((JsonArray)current)[int.Parse(key!, CultureInfo.InvariantCulture)];
            if (next is not (JsonObject or JsonArray))
            {
                return (null, null, $"the declared file has no /{string.Join('/', segments[..(i + 1)])} to hold {field}");
            }
            current = next;
        }
        return (null, null, $"'{field}' names no field");
    }

    /// <summary>The member name, or for an array the position: of the element with that year when the elements carry years.</summary>
    private static (string? Key, string? Error) Key(JsonNode container, string segment, string path)
    {
        if (container is JsonObject)
        {
            return (segment, null);
        }
        var array = (JsonArray)container;
        if (!int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return (null, $"/{path}: an array is addressed by a year or a position");
        }
        if (array.Count > 0 && array.All(e => e is JsonObject y && y["year"] is JsonValue))
        {
            var index = array.Select((e, i) => (e, i)).Where(x => x.e!["year"]!.GetValue<int>() == n).Select(x => (int?)x.i).FirstOrDefault();
            return index is { } at ? (at.ToString(CultureInfo.InvariantCulture), null) : (null, $"/{path}: the declared file has no year {n}");
        }
        return n < array.Count ? (n.ToString(CultureInfo.InvariantCulture), null) : (null, $"/{path}: position {n} is past the end");
    }

    /// <summary>The China date of an instant (the date a submission's pre-evaluation was made on).</summary>
    public static DateOnly ChinaDate(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(TimeSpan.FromHours(8)).DateTime);
}
