using System.Globalization;

namespace Tidu.Rules.Versions;

/// <summary>
/// Compares two versions of a rule set structurally. Items are paired by id within a category (checks with
/// checks, indicators with indicators); checks left over are paired by the fact they read with its arguments —
/// first those whose requirement is identical (moved or renamed), then, when exactly one remains on each side,
/// those with the same operator, then those with the same fact. What stays unpaired was removed or added.
/// </summary>
public static class RuleDiff
{
    private static readonly string[] Operators = ["ge", "gt", "le", "lt", "is", "in", "notIn"];

    public static RuleDiffResult Compare(VersionSnapshot from, VersionSnapshot to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var before = Keyed(from.Items);
        var after = Keyed(to.Items);
        var pairs = new List<(RuleItem Before, RuleItem After, string By)>();
        foreach (var (key, b) in before)
        {
            if (after.TryGetValue(key, out var a))
            {
                pairs.Add((b, a, "id"));
            }
        }
        var leftBefore = before.Where(kv => !after.ContainsKey(kv.Key)).Select(kv => kv.Value).ToList();
        var leftAfter = after.Where(kv => !before.ContainsKey(kv.Key)).Select(kv => kv.Value).ToList();
        PairByFact(leftBefore, leftAfter, pairs, b => Operators.Select(o => (o, b.Field(o))).Where(x => x.Item2 is not null).Select(x => $"{x.o} {x.Item2}").FirstOrDefault(), uniqueOnly: false);
        PairByFact(leftBefore, leftAfter, pairs, b => Operators.FirstOrDefault(o => b.Field(o) is not null), uniqueOnly: true);
        PairByFact(leftBefore, leftAfter, pairs, _ => "", uniqueOnly: true);

        var changed = new List<ItemChange>();
        var unchanged = 0;
        var order = new Dictionary<RuleItem, int>();
        for (var i = 0; i < to.Items.Count; i++)
        {
            order.TryAdd(to.Items[i], i);
        }
        foreach (var (b, a, by) in pairs.OrderBy(p => order[p.After]))
        {
            var changes = Changes(b, a);
            if (changes.Count == 0)
            {
                unchanged++;
            }
            else
            {
                changed.Add(new ItemChange(b, a, by, changes));
            }
        }
        return new RuleDiffResult(from, to, VersionChanges(from, to),
            from.Readings.Except(to.Readings).ToList(), to.Readings.Except(from.Readings).ToList(),
            changed, leftBefore, leftAfter, unchanged);
    }

    /// <summary>Items by (category, id); a repeated id (not expected: the loader forbids it per version) gets a suffix.</summary>
    private static Dictionary<(string Category, string Id), RuleItem> Keyed(IReadOnlyList<RuleItem> items)
    {
        var result = new Dictionary<(string, string), RuleItem>();
        foreach (var item in items)
        {
            var id = item.Id;
            for (var n = 2; result.ContainsKey((item.Category, id)); n++)
            {
                id = $"{item.Id}#{n}";
            }
            result[(item.Category, id)] = item;
        }
        return result;
    }

    /// <summary>Pairs leftover checks of the same section and fact whose <paramref name="key"/> agrees.</summary>
    private static void PairByFact(List<RuleItem> before, List<RuleItem> after, List<(RuleItem, RuleItem, string)> pairs, Func<RuleItem, string?> key, bool uniqueOnly)
    {
        static bool IsCheck(RuleItem i) => i.Kind == "check" && i.Fact is not null;
        var groups = before.Where(IsCheck).GroupBy(b => (b.Section, b.Fact, Key: key(b))).ToList();
        foreach (var g in groups)
        {
            var candidates = after.Where(a => IsCheck(a) && a.Section == g.Key.Section && a.Fact == g.Key.Fact && key(a) == g.Key.Key).ToList();
            if (uniqueOnly && (g.Count() != 1 || candidates.Count != 1))
            {
                continue;
            }
            foreach (var (b, a) in g.Zip(candidates))
            {
                pairs.Add((b, a, "fact"));
                before.Remove(b);
                after.Remove(a);
            }
        }
    }

    private static List<FieldChange> Changes(RuleItem before, RuleItem after)
    {
        var changes = new List<FieldChange>();
        if (before.Id != after.Id)
        {
            changes.Add(new("id", before.Id, after.Id));
        }
        if (before.Kind != after.Kind)
        {
            changes.Add(new("kind", before.Kind, after.Kind));
        }
        var names = before.Fields.Select(a => a.Name).Concat(after.Fields.Select(a => a.Name)).Distinct();
        foreach (var name in names)
        {
            var b = before.Field(name);
            var a = after.Field(name);
            if (b != a)
            {
                changes.Add(new(name, b, a));
            }
        }
        return changes;
    }

    private static List<FieldChange> VersionChanges(VersionSnapshot from, VersionSnapshot to)
    {
        static string? D(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var all = new List<FieldChange>
        {
            new("id", from.VersionId, to.VersionId),
            new("effectiveFrom", D(from.EffectiveFrom), D(to.EffectiveFrom)),
            new("effectiveTo", D(from.EffectiveTo), D(to.EffectiveTo)),
            new("cite", from.Cite, to.Cite),
            new("note", from.Note, to.Note),
            new("verification", from.Verification.Describe(), to.Verification.Describe()),
        };
        return all.Where(c => c.Before != c.After).ToList();
    }
}
