using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;

namespace Tidu.Domain.Exchange;

/// <summary>
/// Reads typed optional members of one JSON object, recording an error (with its JSON Pointer) for every
/// value of the wrong type or out of range instead of throwing, so one pass finds all errors of a record.
/// An absent member or an explicit <c>null</c> reads as "not provided".
/// </summary>
internal sealed class JsonFieldReader(List<RecordError> errors, string record)
{
    public string Record { get; } = record;

    public void Error(string path, string reason) => errors.Add(new RecordError(Record, path, reason));

    public bool HasErrors => errors.Count > 0;

    public static bool TryGet(JsonElement obj, string name, out JsonElement value)
    {
        if (obj.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }
        value = default;
        return false;
    }

    public bool IsObject(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            return true;
        }
        Error(path, $"expected an object, got {Describe(element)}");
        return false;
    }

    public string? String(JsonElement obj, string name, string path, bool required = false)
    {
        if (!TryGet(obj, name, out var v))
        {
            if (required)
            {
                Error(path, "is required");
            }
            return null;
        }
        if (v.ValueKind != JsonValueKind.String)
        {
            Error(path, $"expected a string, got {Describe(v)}");
            return null;
        }
        return v.GetString();
    }

    public string? Enum(JsonElement obj, string name, string path, FrozenSet<string> allowed)
    {
        var s = String(obj, name, path);
        if (s is not null && !allowed.Contains(s))
        {
            Error(path, $"'{Truncate(s)}' is not one of: {string.Join(", ", allowed.Order(StringComparer.Ordinal))}");
            return null;
        }
        return s;
    }

    public bool? Bool(JsonElement obj, string name, string path)
    {
        if (!TryGet(obj, name, out var v))
        {
            return null;
        }
        if (v.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return v.GetBoolean();
        }
        Error(path, $"expected true or false, got {Describe(v)}");
        return null;
    }

    public decimal? Decimal(JsonElement obj, string name, string path, decimal? min = null, decimal? max = null)
    {
        if (!TryGet(obj, name, out var v))
        {
            return null;
        }
        if (v.ValueKind != JsonValueKind.Number)
        {
            Error(path, $"expected a number, got {Describe(v)}");
            return null;
        }
        if (!v.TryGetDecimal(out var d))
        {
            Error(path, "number is out of range");
            return null;
        }
        // Without a bound of its own a number is an amount: the format's explicit limit applies (Limits).
        min ??= -Limits.MaxAmount;
        max ??= Limits.MaxAmount;
        if (min is { } lo && d < lo)
        {
            Error(path, $"must be at least {lo.ToString(CultureInfo.InvariantCulture)}, got {d.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }
        if (max is { } hi && d > hi)
        {
            Error(path, $"must be at most {hi.ToString(CultureInfo.InvariantCulture)}, got {d.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }
        return d;
    }

    public int? Int(JsonElement obj, string name, string path, int? min = null, int? max = null, bool required = false)
    {
        if (!TryGet(obj, name, out var v))
        {
            if (required)
            {
                Error(path, "is required");
            }
            return null;
        }
        return IntValue(v, path, min, max);
    }

    public int? IntValue(JsonElement v, string path, int? min = null, int? max = null)
    {
        if (v.ValueKind != JsonValueKind.Number)
        {
            Error(path, $"expected an integer, got {Describe(v)}");
            return null;
        }
        // JSON Schema's "integer" accepts 250.0: a number with a zero fraction.
        if (!v.TryGetDecimal(out var d) || d != decimal.Truncate(d) || d < int.MinValue || d > int.MaxValue)
        {
            Error(path, $"expected an integer, got {Truncate(v.GetRawText())}");
            return null;
        }
        var i = (int)d;
        // Without a bound of its own an integer is a count: the format's explicit limit applies (Limits).
        min ??= -Limits.MaxCount;
        max ??= Limits.MaxCount;
        if (min is { } lo && i < lo)
        {
            Error(path, $"must be at least {lo}, got {i}");
            return null;
        }
        if (max is { } hi && i > hi)
        {
            Error(path, $"must be at most {hi}, got {i}");
            return null;
        }
        return i;
    }

    public DateOnly? Date(JsonElement obj, string name, string path, bool required = false)
    {
        var s = String(obj, name, path, required);
        if (s is null)
        {
            return null;
        }
        if (DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        Error(path, $"'{Truncate(s)}' is not a valid date (YYYY-MM-DD)");
        return null;
    }

    public IEnumerable<(JsonElement Item, string Path)> Array(JsonElement obj, string name, string path)
    {
        if (!TryGet(obj, name, out var v))
        {
            yield break;
        }
        if (v.ValueKind != JsonValueKind.Array)
        {
            Error(path, $"expected an array, got {Describe(v)}");
            yield break;
        }
        var i = 0;
        foreach (var item in v.EnumerateArray())
        {
            yield return (item, $"{path}/{i}");
            i++;
        }
    }

    public static string Describe(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{Truncate(v.GetString() ?? "")}\"",
        JsonValueKind.Number => $"the number {Truncate(v.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => v.GetRawText(),
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    /// <summary>Hostile input may carry megabyte strings; never echo more than a few dozen characters.</summary>
    public static string Truncate(string s) => s.Length <= 40 ? s : string.Concat(s.AsSpan(0, 40), "…");
}
