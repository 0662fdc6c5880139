using Spectre.Console;
using Tidu.Rules.Screening;

namespace Tidu.Cli.Screening;

/// <summary>The Chinese closing table of a screening run.</summary>
internal static class SummaryTable
{
    private static readonly (string Key, string Name)[] Sizes = [("large", "大型"), ("medium", "中型"), ("small", "小型"), ("micro", "微型"), ("n/a", "不可判定")];

    public static void Write(TextWriter stdout, ScreenSummary s, DateOnly asOf, TimeSpan elapsed)
    {
        // One column per tier; a province's own tiers add columns, so the width grows with them (Spectre cannot squeeze
        // Chinese column titles below a few characters).
        var console = Output.ConsoleFor.Create(stdout, Math.Max(160, 26 * (2 + s.Tiers.Count)));
        var rate = elapsed.TotalSeconds > 0 ? (s.Valid + s.Invalid + s.Failed) / elapsed.TotalSeconds : 0;
        var failed = s.Failed > 0 ? $"，处理出错 {s.Failed} 条（已跳过，见错误文件）" : "";
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"筛查汇总（评价日期 {asOf:yyyy-MM-dd}）：有效 {s.Valid} 家，无效记录 {s.Invalid} 条{failed}，用时 {elapsed.TotalSeconds:0.0} 秒（{rate:0} 条/秒）");
        table.AddColumn("规模");
        table.AddColumn(new TableColumn("企业数").RightAligned());
        foreach (var (_, title) in s.Tiers)
        {
            table.AddColumn(new TableColumn(Markup.Escape(title) + " 符合").RightAligned());
        }
        foreach (var (key, name) in Sizes)
        {
            var row = new List<string> { name, s.BySize.GetValueOrDefault(key).ToString() };
            row.AddRange(s.Tiers.Select(t => s.Qualified.GetValueOrDefault((key, t.Id)).ToString()));
            table.AddRow(row.ToArray());
        }
        var total = new List<string> { "[bold]合计[/]", s.Valid.ToString() };
        total.AddRange(s.Tiers.Select(t => s.Qualified.Where(q => q.Key.Tier == t.Id).Sum(q => q.Value).ToString()));
        table.AddRow(total.ToArray());
        var near = new List<string> { "差一项（仅一项关键条件未满足）", "" };
        near.AddRange(s.Tiers.Select(t => s.NearMisses.GetValueOrDefault(t.Id).ToString()));
        table.AddRow(near.ToArray());
        console.Write(table);
        foreach (var (id, title) in s.Tiers)
        {
            if (s.NearMissChecks.TryGetValue(id, out var checks))
            {
                var top = checks.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(3)
                    .Select(c => $"{s.CheckTitles[c.Key]}（{c.Value} 家）");
                console.MarkupLine($"{Markup.Escape(title)} 差一项最常见的条件：{Markup.Escape(string.Join("；", top))}");
            }
        }
    }
}
