using System.Globalization;
using System.Reflection;
using Tidu.Rules.Files;
using Tidu.Rules.Values;

namespace Tidu.Rules.Versions;

/// <summary>
/// Flattens a version as written in its file into <see cref="RuleItem"/>s. Scalar keys are read by reflection
/// over the file-format types, so a key added to the format later is shown and compared without changes here;
/// only the nesting (groups, cases, readings of 'best', size-class groups) is spelled out.
/// </summary>
internal sealed class VersionFlattener
{
    /// <summary>Keys that are fact arguments: together with the fact they say what is measured.</summary>
    private static readonly string[] FactArguments = ["year", "years", "kinds", "withinYears", "maxRank", "tier", "field", "matching", "levels", "roles"];

    /// <summary>Keys shown elsewhere (identity, structure) rather than as fields.</summary>
    private static readonly HashSet<string> NotFields = new(StringComparer.Ordinal)
    {
        "line", "id", "title", "cite", "all", "any", "of", "cases", "best", "countOf", "when", "sme", "medium", "small",
    };

    private readonly List<RuleItem> _items = [];

    public static IReadOnlyList<RuleItem> Flatten(VersionDto version)
    {
        var f = new VersionFlattener();
        var cite = version.Cite;
        foreach (var dim in version.Score?.Dimensions ?? [])
        {
            f.Add(dim.Id ?? "", "dimension", "dimension", "score", dim.Title ?? "", null, 0, cite, null, $"max {Num(dim.Max)}", Scalars(dim));
        }
        foreach (var indicator in version.Score?.Indicators ?? [])
        {
            f.Indicator(indicator, null, 0, cite);
        }
        if (version.Qualify is { } q)
        {
            f.Condition(q, "qualify", null, 0, cite, null);
        }
        if (version.Conditions is { } c)
        {
            f.Condition(c, "conditions", null, 0, cite, null);
        }
        foreach (var g in version.Groups ?? [])
        {
            var groupCite = g.Cite ?? cite;
            f.Add(g.Id ?? "", "size-group", "size-group", "groups", g.Title ?? "", null, 0, groupCite, null,
                g.Otherwise == true ? "otherwise" : "industries " + string.Join(", ", g.Industries ?? []), Scalars(g));
            foreach (var part in new[] { g.Sme, g.Medium, g.Small })
            {
                if (part is not null)
                {
                    f.Condition(part, "groups", g.Id, 1, groupCite, null);
                }
            }
        }
        return f._items;
    }

    private void Add(string id, string category, string kind, string section, string title, string? parent, int depth, string? cite, string? fact,
        string requirement, IEnumerable<ItemField> scalars)
    {
        var fields = new List<ItemField> { new("title", title) };
        if (parent is not null)
        {
            fields.Add(new("parent", parent));
        }
        if (cite is not null)
        {
            fields.Add(new("cite", cite));
        }
        fields.AddRange(scalars);
        _items.Add(new RuleItem(id, category, kind, section, title, parent, depth, cite, fact, requirement, fields));
    }

    private void Condition(ConditionDto d, string section, string? parent, int depth, string? inheritedCite, decimal? casePoints)
    {
        var cite = d.Cite ?? inheritedCite;
        var scalars = Scalars(d).ToList();
        if (casePoints is { } p)
        {
            scalars.Add(new("points", Num(p)));
        }
        if (d.Include is { } include)
        {
            // As the compiler does: an include without an id is known by the rule set it includes.
            Add(d.Id ?? include, "group", "include", section, d.Title ?? include, parent, depth, cite, null, "include " + include, scalars);
            return;
        }
        var members = d.All ?? d.Any ?? d.Of;
        if (members is not null)
        {
            var kind = d.All is not null ? "all" : d.Any is not null ? "any" : "atLeast";
            scalars.Add(new("members", members.Count.ToString(CultureInfo.InvariantCulture)));
            var requirement = kind switch
            {
                "all" => $"all {members.Count}",
                "any" => $"any of {members.Count}",
                _ => $"at least {d.AtLeast} of {members.Count}",
            };
            Add(d.Id ?? "", "group", kind, section, d.Title ?? "", parent, depth, cite, null, requirement, scalars);
            foreach (var m in members)
            {
                Condition(m, section, d.Id, depth + 1, cite, null);
            }
            return;
        }
        Add(d.Id ?? "", "check", "check", section, d.Title ?? "", parent, depth, cite, Signature(d, scalars), CheckRequirement(d), scalars);
    }

    private void Indicator(IndicatorDto i, string? parent, int depth, string? inheritedCite)
    {
        var cite = i.Cite ?? inheritedCite;
        var scalars = Scalars(i).ToList();
        Add(i.Id ?? "", "indicator", "indicator", "score", i.Title ?? "", parent, depth, cite, i.Fact is null ? null : Signature(i, scalars), IndicatorRequirement(i), scalars);
        foreach (var c in i.Cases ?? [])
        {
            if (c.When is not null)
            {
                Condition(c.When, "score", i.Id, depth + 1, cite, c.Points);
            }
        }
        foreach (var item in i.CountOf ?? [])
        {
            Condition(item, "score", i.Id, depth + 1, cite, null);
        }
        foreach (var reading in i.Best ?? [])
        {
            Indicator(reading, i.Id, depth + 1, cite);
        }
    }

    private static string CheckRequirement(ConditionDto d)
    {
        var unit = d.Unit is null ? "" : " " + d.Unit;
        return d switch
        {
            { Ge: { } v } => $"≥ {Num(v)}{unit}",
            { Gt: { } v } => $"> {Num(v)}{unit}",
            { Le: { } v } => $"≤ {Num(v)}{unit}",
            { Lt: { } v } => $"< {Num(v)}{unit}",
            { Is: { } b } => b ? "= true" : "= false",
            { In: { } set } => "∈ {" + string.Join(", ", set) + "}",
            { NotIn: { } set } => "∉ {" + string.Join(", ", set) + "}",
            _ => "",
        };
    }

    private static string IndicatorRequirement(IndicatorDto i) => i switch
    {
        { Bands: { } bands } => Bands(bands),
        { Cases: { } cases } => $"first matching of {cases.Count} cases, otherwise {Num(i.Otherwise)}",
        { Best: { } best } => $"the better of {best.Count} readings",
        { Per: { } per } => $"{Num(i.PointsPer)} per full {Num(per)}{(i.Unit is null ? "" : " " + i.Unit)}, at most {Num(i.Max)}",
        { CountOf: { } items } => $"{Num(i.PointsEach)} per item of {items.Count}, at most {Num(i.Max)}",
        { Map: { } map } => string.Join("; ", map.Select(kv => $"{kv.Key} → {Num(kv.Value)}")),
        { AsPoints: true } => $"as given, at most {Num(i.Max)}",
        _ => "",
    };

    /// <summary>Bands from the top down, each closed below and open above: "[0.8, ∞) → 5; [0.7, 0.8) → 3; (−∞, 0.6) → 0".</summary>
    private static string Bands(List<BandDto> bands) => string.Join("; ", bands.Select(b => (b.From, b.To) switch
    {
        ({ } f, null) => $"[{Num(f)}, ∞) → {Num(b.Points)}",
        (null, { } t) => $"(−∞, {Num(t)}) → {Num(b.Points)}",
        ({ } f, { } t) => $"[{Num(f)}, {Num(t)}) → {Num(b.Points)}",
        _ => $"(−∞, ∞) → {Num(b.Points)}",
    }));

    /// <summary>The fact and its arguments, e.g. <c>sumOverYears(field=rdExpense, years=2)</c>: what a check measures.</summary>
    private static string Signature(FactRefDto d, List<ItemField> scalars)
    {
        var names = d is ConditionDto ? FactArguments.Append("dimension") : FactArguments;
        var args = names.Select(n => scalars.FirstOrDefault(a => a.Name == n)).Where(a => a is not null).Select(a => $"{a!.Name}={a.Value}").ToList();
        return args.Count == 0 ? d.Fact ?? "" : $"{d.Fact}({string.Join(", ", args)})";
    }

    /// <summary>Every scalar key the file sets, in declaration order (base type first), as text.</summary>
    private static IEnumerable<ItemField> Scalars(object dto)
    {
        var chain = new Stack<Type>();
        for (var t = dto.GetType(); t is not null && t != typeof(object); t = t.BaseType)
        {
            chain.Push(t);
        }
        foreach (var type in chain)
        {
            foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                var name = char.ToLowerInvariant(p.Name[0]) + p.Name[1..];
                if (NotFields.Contains(name) || p.GetValue(dto) is not { } value || Render(value) is not { } text)
                {
                    continue;
                }
                yield return new ItemField(name, text);
            }
        }
    }

    private static string? Render(object value) => value switch
    {
        string s => s,
        decimal d => Num(d),
        int i => i.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        List<string> list => "[" + string.Join(", ", list) + "]",
        Dictionary<string, decimal> map => "{" + string.Join(", ", map.Select(kv => $"{kv.Key}: {Num(kv.Value)}")) + "}",
        List<BandDto> bands => Bands(bands),
        _ => null, // nested structure: shown as items of its own
    };

    private static string Num(decimal? d) => d is { } v ? v.Normalize().ToString(CultureInfo.InvariantCulture) : "?";
}
