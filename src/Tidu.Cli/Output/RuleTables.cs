using Spectre.Console;
using Tidu.Domain.Display;
using Tidu.Rules.Versions;

namespace Tidu.Cli.Output;

/// <summary>The Chinese tables of <c>tidu rules list/show/diff</c>.</summary>
internal static class RuleTables
{
    private const int RedirectedWidth = 220;

    public static void List(TextWriter stdout, IReadOnlyList<RuleSetEntry> sets)
    {
        var console = ConsoleFor.Create(stdout, RedirectedWidth);
        var table = new Table().Border(TableBorder.Rounded).Title("规则集");
        foreach (var column in new[] { "编号", "类型", "名称", "适用地区", "文件", "版本（有效期，依据）" })
        {
            table.AddColumn(column);
        }
        foreach (var s in sets)
        {
            var versions = string.Join("\n", s.Versions.Select(v => $"{v.VersionId}：{RuleText.Period(v)}（{v.Verification.VersionLabel}）\n  {v.Cite}"));
            table.AddRow(E(s.Id), E(RuleText.Kind(s.Kind)), E(s.Title), E(RuleText.Jurisdiction(s.Jurisdiction)), E(s.File), E(versions));
        }
        console.Write(table);
    }

    public static void Show(TextWriter stdout, RuleSetEntry set, VersionSnapshot v, DateOnly asOf)
    {
        var console = ConsoleFor.Create(stdout, RedirectedWidth);
        console.MarkupLine($"[bold]{E(set.Title)}[/]（{E(set.Id)}，{E(RuleText.Jurisdiction(set.Jurisdiction))}，{E(set.File)}）");
        console.WriteLine($"{asOf:yyyy-MM-dd} 适用版本 {v.VersionId}：{RuleText.Period(v)}");
        console.WriteLine($"依据：{v.Cite}");
        if (v.Note is not null)
        {
            console.WriteLine($"说明：{v.Note}");
        }
        console.WriteLine($"核实：{v.Verification.Describe()}");
        // A group's record is handed down to its checks: one line per record, naming every value it covers.
        foreach (var g in v.Verification.Values.GroupBy(kv => kv.Value.Describe(), StringComparer.Ordinal).OrderBy(g => g.Min(kv => kv.Key), StringComparer.Ordinal))
        {
            console.WriteLine($"  {string.Join("、", g.Select(kv => kv.Key).Order(StringComparer.Ordinal))}：{g.Key}");
        }
        foreach (var r in v.Readings)
        {
            console.WriteLine($"解读：{r}");
        }
        foreach (var section in v.Items.GroupBy(i => i.Section))
        {
            var table = new Table().Border(TableBorder.Rounded).Title(RuleText.Section(section.Key));
            foreach (var column in new[] { "项目", "编号", "事实", "要求", "依据", "核实" })
            {
                table.AddColumn(column);
            }
            var cites = section.ToDictionary(i => i.Id, i => i.Cite, StringComparer.Ordinal);
            foreach (var item in section)
            {
                // A citation is shown where it is set; below, items that inherit it leave the cell empty.
                var inherited = item.Parent is not null && cites.TryGetValue(item.Parent, out var parentCite) ? parentCite : v.Cite;
                table.AddRow(E(RuleText.Label(item)), E(item.Id), E(item.Fact ?? ""), E(RuleText.Requirement(item)), E(item.Cite == inherited ? "" : item.Cite ?? ""), v.Verification.For(item.Id).Label);
            }
            console.Write(table);
        }
    }

    public static void Diff(TextWriter stdout, RuleSetEntry set, RuleDiffResult d, DateOnly from, DateOnly to)
    {
        var console = ConsoleFor.Create(stdout, RedirectedWidth);
        console.MarkupLine($"[bold]{E(set.Title)}[/]（{E(set.Id)}，{E(RuleText.Jurisdiction(set.Jurisdiction))}）");
        console.WriteLine($"{from:yyyy-MM-dd} 适用版本 {d.From.VersionId}（{RuleText.Period(d.From)}），依据：{d.From.Cite}");
        console.WriteLine($"{to:yyyy-MM-dd} 适用版本 {d.To.VersionId}（{RuleText.Period(d.To)}），依据：{d.To.Cite}");
        if (d.SameVersion)
        {
            console.WriteLine($"两个日期适用同一版本 {d.From.VersionId}，没有差异。");
            return;
        }
        console.WriteLine($"变更 {d.Changed.Count} 项（其中数值变化 {d.Changed.Count(c => c.ValueChanged)} 项），删除 {d.Removed.Count} 项，新增 {d.Added.Count} 项，未变 {d.Unchanged} 项。");
        foreach (var c in d.VersionChanges)
        {
            console.WriteLine("版本" + DisplayNames.RuleKeyChange(c.Name, c.Before, c.After));
        }
        foreach (var r in d.ReadingsRemoved)
        {
            console.WriteLine($"删除解读：{r}");
        }
        foreach (var r in d.ReadingsAdded)
        {
            console.WriteLine($"新增解读：{r}");
        }
        if (d.Changed.Count > 0)
        {
            var table = Titled("变更的项目（数值变化在前）", "项目", "事实", "变更", "配对", "原依据", "新依据");
            foreach (var c in d.Changed.OrderByDescending(c => c.ValueChanged))
            {
                // The citations have their own columns; the title of the new version labels the row.
                var lines = c.Changes.Where(x => x.Name != "cite").Select(x => DisplayNames.RuleKeyChange(x.Name, x.Before, x.After));
                table.AddRow(E(c.After.Title), E(c.After.Fact ?? ""), E(string.Join("\n", lines)), E(RuleText.MatchedBy(c.MatchedBy)), E(c.Before.Cite ?? ""), E(c.After.Cite ?? ""));
            }
            console.Write(table);
        }
        Items(console, "删除的项目（仅在旧版本中）", "原依据", d.Removed);
        Items(console, "新增的项目（仅在新版本中）", "新依据", d.Added);
    }

    private static void Items(IAnsiConsole console, string title, string citeColumn, IReadOnlyList<RuleItem> items)
    {
        if (items.Count == 0)
        {
            return;
        }
        var table = Titled(title, "项目", "编号", "事实", "要求", citeColumn);
        foreach (var item in items)
        {
            table.AddRow(E(item.Title), E(item.Id), E(item.Fact ?? ""), E(RuleText.Requirement(item)), E(item.Cite ?? ""));
        }
        console.Write(table);
    }

    private static Table Titled(string title, params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(title);
        foreach (var c in columns)
        {
            table.AddColumn(c);
        }
        return table;
    }

    private static string E(string text) => Markup.Escape(text);
}
