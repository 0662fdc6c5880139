using System.Collections;
using System.Globalization;
using System.Reflection;
using Tidu.Rules.Files;

namespace Tidu.Rules.Reforms;

/// <summary>
/// A what-if reform: a dated patch of rule parameters (a threshold, a band edge, an amount, a cap). Each change
/// addresses one value by rule set (or policy) id + version id + check/indicator/clause id + key path, and is
/// written into the parsed rule files before they are validated and compiled — so a reformed value is checked
/// exactly as if it were in the file (a band edge that opens a gap fails with the band's file and line).
/// Only numbers and yes/no values can be changed: ids, facts, citations and structure are not parameters.
/// </summary>
public sealed class Reform
{
    private readonly List<Change> _changes;

    private Reform(string file, string id, string title, DateOnly effectiveFrom, string? note, List<Change> changes)
    {
        File = file;
        Id = id;
        Title = title;
        EffectiveFrom = effectiveFrom;
        Note = note;
        _changes = changes;
    }

    public string File { get; }
    public string Id { get; }
    public string Title { get; }

    /// <summary>The day the reform would take effect; simulations on earlier dates are refused.</summary>
    public DateOnly EffectiveFrom { get; }
    public string? Note { get; }

    public IReadOnlyList<Change> Changes => _changes;

    /// <summary>One change of one value; <see cref="Applied"/> counts the rule files it was written into.</summary>
    public sealed record Change(int Line, string RuleSet, string Version, string Target, string Key, string Value, string? Note)
    {
        public int Applied { get; set; }
        public string? Before { get; set; }
    }

    /// <summary>Reads a reform file strictly; throws <see cref="RuleLoadException"/> with file:line for every problem.</summary>
    public static Reform Load(string path)
    {
        var errors = new List<RuleLoadError>();
        var name = Path.GetFileName(path);
        if (!System.IO.File.Exists(path))
        {
            throw new RuleLoadException([new RuleLoadError(name, 0, "reform file not found")]);
        }
        var dto = RuleFileReader.Read<ReformFileDto>(path, name, errors);
        if (dto is null)
        {
            throw new RuleLoadException(errors);
        }
        if (string.IsNullOrWhiteSpace(dto.Id) || string.IsNullOrWhiteSpace(dto.Title))
        {
            errors.Add(new RuleLoadError(name, dto.Line, "a reform needs an 'id' and a Chinese 'title'"));
        }
        DateOnly from = default;
        if (dto.EffectiveFrom is null || !DateOnly.TryParseExact(dto.EffectiveFrom, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out from))
        {
            errors.Add(new RuleLoadError(name, dto.Line, $"'effectiveFrom' must be an ISO date (YYYY-MM-DD), got '{dto.EffectiveFrom}'"));
        }
        var changes = new List<Change>();
        if (dto.Changes is not { Count: > 0 })
        {
            errors.Add(new RuleLoadError(name, dto.Line, "'changes' is required and must not be empty"));
        }
        foreach (var c in dto.Changes ?? [])
        {
            if (string.IsNullOrWhiteSpace(c.RuleSet) || string.IsNullOrWhiteSpace(c.Version) || string.IsNullOrWhiteSpace(c.Target) || string.IsNullOrWhiteSpace(c.Key) || c.Value is null)
            {
                errors.Add(new RuleLoadError(name, c.Line, "a change needs ruleSet, version, target, key and value"));
                continue;
            }
            if (changes.Any(x => x.RuleSet == c.RuleSet && x.Version == c.Version && x.Target == c.Target && x.Key == c.Key))
            {
                errors.Add(new RuleLoadError(name, c.Line, $"{c.RuleSet}/{c.Version}/{c.Target}/{c.Key} is changed twice"));
                continue;
            }
            changes.Add(new Change(c.Line, c.RuleSet, c.Version, c.Target, c.Key, c.Value, c.Note));
        }
        if (errors.Count > 0)
        {
            throw new RuleLoadException(errors);
        }
        return new Reform(name, dto.Id!, dto.Title!, from, dto.Note, changes);
    }

    /// <summary>Changes that matched no rule file (unknown rule set, version, target or key), as load errors.</summary>
    public IReadOnlyList<RuleLoadError> Unapplied() =>
        _changes.Where(c => c.Applied == 0)
            .Select(c => new RuleLoadError(File, c.Line, $"no rule set or policy '{c.RuleSet}' with version '{c.Version}' in the rules folder"))
            .ToList();

    /// <summary>Writes the changes addressed to <paramref name="ruleSetId"/> into its parsed versions.</summary>
    internal void ApplyTo(string? ruleSetId, IEnumerable? versions, string ruleFile, List<RuleLoadError> errors)
    {
        if (ruleSetId is null || versions is null)
        {
            return;
        }
        foreach (var change in _changes.Where(c => c.RuleSet == ruleSetId))
        {
            var version = versions.Cast<object>().FirstOrDefault(v => IdOf(v) == change.Version);
            if (version is null)
            {
                continue; // reported by Unapplied when no file has it
            }
            change.Applied++;
            var error = Patch(version, change);
            if (error is not null)
            {
                errors.Add(new RuleLoadError(File, change.Line, $"{change.RuleSet} ({ruleFile}) version {change.Version}: {error}"));
            }
        }
    }

    private static string? Patch(object version, Change change)
    {
        var target = Find(version, change.Target);
        if (target is null)
        {
            return $"no check, indicator or clause with id '{change.Target}'";
        }
        object current = target;
        var segments = change.Key.Split('.');
        for (var i = 0; i < segments.Length - 1; i++)
        {
            var next = Step(current, segments[i]);
            if (next is null)
            {
                return $"'{change.Target}' has no '{string.Join('.', segments[..(i + 1)])}'";
            }
            current = next;
        }
        var property = PropertyOf(current, segments[^1]);
        if (property is null)
        {
            return $"'{change.Target}' has no key '{change.Key}'";
        }
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        object? value;
        if (type == typeof(decimal))
        {
            value = decimal.TryParse(change.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null;
        }
        else if (type == typeof(int))
        {
            value = int.TryParse(change.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
        }
        else if (type == typeof(bool))
        {
            value = bool.TryParse(change.Value, out var b) ? b : null;
        }
        else
        {
            return $"'{change.Key}' is not a parameter (only numbers and yes/no values can be changed)";
        }
        if (value is null)
        {
            return $"'{change.Value}' is not a valid {(type == typeof(bool) ? "true/false" : type == typeof(int) ? "whole number" : "number")} for '{change.Key}'";
        }
        var before = property.GetValue(current);
        if (before is null)
        {
            // Setting an absent key would add a parameter (e.g. a second operator); the schema decides what exists.
            return $"'{change.Target}' does not set '{change.Key}' in the rule file, so there is nothing to change";
        }
        change.Before = Convert.ToString(before, CultureInfo.InvariantCulture);
        property.SetValue(current, value);
        return null;
    }

    /// <summary>Depth-first search of the parsed objects for the one whose 'id' is <paramref name="id"/>.</summary>
    private static object? Find(object node, string id)
    {
        foreach (var p in node.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var value = p.GetValue(node);
            if (value is null || value is string || p.PropertyType.IsValueType || Nullable.GetUnderlyingType(p.PropertyType) is not null)
            {
                continue;
            }
            var children = value is IList list ? list.Cast<object?>() : value is IDictionary ? [] : [value];
            foreach (var child in children.OfType<object>())
            {
                if (child is string)
                {
                    continue;
                }
                if (IdOf(child) == id)
                {
                    return child;
                }
                if (Find(child, id) is { } found)
                {
                    return found;
                }
            }
        }
        return null;
    }

    /// <summary>One step of a key path: a property, a list index, or the list element with that id.</summary>
    private static object? Step(object current, string segment)
    {
        if (current is IList list)
        {
            if (int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                return index < list.Count ? list[index] : null;
            }
            return list.Cast<object?>().FirstOrDefault(x => x is not null && IdOf(x) == segment);
        }
        return PropertyOf(current, segment)?.GetValue(current);
    }

    private static PropertyInfo? PropertyOf(object node, string name) =>
        node.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase) && p.Name != "Line" && p.CanWrite);

    private static string? IdOf(object node) =>
        node.GetType().GetProperty("Id", BindingFlags.Public | BindingFlags.Instance)?.GetValue(node) as string;
}
