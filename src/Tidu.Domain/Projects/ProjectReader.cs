using System.Globalization;
using System.Text.Json;

namespace Tidu.Domain.Projects;

/// <summary>
/// Reads a projects file: a JSON array of project objects, or JSON Lines (one object per line; blank lines are
/// skipped). Every invalid project is reported with its line or index, JSON path and reason; valid ones are kept.
/// </summary>
public static class ProjectReader
{
    private static readonly HashSet<string> Keys = new(["creditCode", "id", "purpose", "title", "date", "level", "market", "stage", "amounts", "flags"], StringComparer.Ordinal);

    public static (IReadOnlyList<Project> Projects, IReadOnlyList<string> Errors) Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var text = reader.ReadToEnd().TrimStart('\uFEFF');
        var projects = new List<Project>();
        var errors = new List<string>();
        if (text.TrimStart().StartsWith('['))
        {
            try
            {
                using var doc = JsonDocument.Parse(text);
                var i = 0;
                foreach (var e in doc.RootElement.EnumerateArray())
                {
                    Add(e, $"index {i++}", projects, errors);
                }
            }
            catch (JsonException ex)
            {
                errors.Add($"not valid JSON: {Exchange.JsonSyntax.Describe(ex)}");
            }
        }
        else
        {
            var lineNumber = 0;
            foreach (var line in text.Split('\n'))
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }
                try
                {
                    using var doc = JsonDocument.Parse(line);
                    Add(doc.RootElement, $"line {lineNumber}", projects, errors);
                }
                catch (JsonException ex)
                {
                    errors.Add($"line {lineNumber}: not valid JSON: {Exchange.JsonSyntax.Describe(ex)}");
                }
            }
        }
        foreach (var dup in projects.GroupBy(p => (p.CreditCode, p.Id)).Where(g => g.Count() > 1))
        {
            errors.Add($"{dup.Last().Locator}: /id: project '{dup.Key.Id}' of {dup.Key.CreditCode} is listed twice (also {dup.First().Locator}); the id names one project");
        }
        return (projects, errors);
    }

    private static void Add(JsonElement e, string locator, List<Project> projects, List<string> errors)
    {
        var before = errors.Count;
        void Error(string path, string reason) => errors.Add($"{locator}: {path}: {reason}");
        if (e.ValueKind != JsonValueKind.Object)
        {
            Error("", "a project must be a JSON object");
            return;
        }
        foreach (var p in e.EnumerateObject().Where(p => !Keys.Contains(p.Name)))
        {
            Error("/" + p.Name, "unknown key");
        }
        string? Text(string key, bool required)
        {
            if (!e.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null)
            {
                if (required)
                {
                    Error("/" + key, "required");
                }
                return null;
            }
            if (v.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(v.GetString()))
            {
                Error("/" + key, "must be a non-empty string");
                return null;
            }
            return v.GetString();
        }
        var creditCode = Text("creditCode", true);
        if (creditCode is not null && !CreditCode.IsValid(creditCode))
        {
            Error("/creditCode", $"'{creditCode}' is not a valid unified social credit code (GB 32100)");
        }
        var id = Text("id", true);
        var purpose = Text("purpose", true);
        var dateText = Text("date", true);
        DateOnly date = default;
        if (dateText is not null && !DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            Error("/date", $"'{dateText}' is not a date in the form YYYY-MM-DD");
        }
        var amounts = new Dictionary<string, decimal>(StringComparer.Ordinal);
        if (e.TryGetProperty("amounts", out var a))
        {
            if (a.ValueKind != JsonValueKind.Object)
            {
                Error("/amounts", "must be an object of amounts in 万元");
            }
            else
            {
                foreach (var p in a.EnumerateObject())
                {
                    if (p.Value.ValueKind != JsonValueKind.Number || !p.Value.TryGetDecimal(out var d) || d < 0)
                    {
                        Error("/amounts/" + p.Name, "must be a number ≥ 0 (万元)");
                    }
                    else
                    {
                        amounts[p.Name] = d;
                    }
                }
            }
        }
        var flags = new Dictionary<string, bool>(StringComparer.Ordinal);
        if (e.TryGetProperty("flags", out var f))
        {
            if (f.ValueKind != JsonValueKind.Object)
            {
                Error("/flags", "must be an object of true/false values");
            }
            else
            {
                foreach (var p in f.EnumerateObject())
                {
                    if (p.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                    {
                        Error("/flags/" + p.Name, "must be true or false");
                    }
                    else
                    {
                        flags[p.Name] = p.Value.GetBoolean();
                    }
                }
            }
        }
        var project = new Project
        {
            CreditCode = creditCode ?? "",
            Id = id ?? "",
            Purpose = purpose ?? "",
            Title = Text("title", false),
            Date = date,
            Level = Text("level", false),
            Market = Text("market", false),
            Stage = Text("stage", false),
            Amounts = amounts,
            Flags = flags,
            Locator = locator,
        };
        if (errors.Count == before)
        {
            projects.Add(project);
        }
    }
}
