using Spectre.Console;
using Tidu.Domain.Display;
using Tidu.Rules.Replay;

namespace Tidu.Cli.Output;

/// <summary>The Chinese summary of a replay: who gains or loses which tier, and the checks that flipped.</summary>
internal static class ReplayTable
{
    public static void Write(TextWriter stdout, IReadOnlyList<TierFlip> flips, int replayed)
    {
        var console = ConsoleFor.Create(stdout, 220);
        var gained = flips.Count(f => f.Gained);
        console.WriteLine($"重放 {replayed} 条结果：{flips.Count} 项梯度结论发生变化（新增符合 {gained}，不再符合 {flips.Count - gained}）。");
        if (flips.Count == 0)
        {
            return;
        }
        var table = new Table().Border(TableBorder.Rounded).Title("结论变化的企业");
        foreach (var column in new[] { "统一社会信用代码", "企业名称", "评价日期", "梯度层级", "变化", "翻转的检查项（实际值；要求 修正前 → 修正后）" })
        {
            table.AddColumn(column);
        }
        foreach (var f in flips)
        {
            var why = f.ChecksKnown
                ? string.Join("\n", f.Checks.Select(Describe))
                : "（结果文件未包含逐项检查，无法列出原因；请用 evaluate 或 screen --explain 生成结果）";
            table.AddRow(
                Markup.Escape(f.Before.CreditCode),
                Markup.Escape(f.Before.Name),
                RuleText.Date(f.Before.AsOf),
                Markup.Escape(f.AfterTier.Title),
                f.Gained ? "[green]新增符合[/]" : "[red]不再符合[/]",
                Markup.Escape(why));
        }
        console.Write(table);
    }

    private static string Describe(CheckFlip c)
    {
        static string Mark(StoredCheck? s) => s is null ? "（无此项）" : s.Passed ? "✓" : "✗";
        if ((c.After ?? c.Before)!.Kind == "indicator")
        {
            return $"{c.Title}：实际 {Actual(c)}；{c.Before?.Points ?? 0}分 → {c.After?.Points ?? 0}分";
        }
        static string Required(StoredCheck? s) => s?.Required is { } r ? Requirements.Describe(r) : "（无）";
        return $"{c.Title}：实际 {Actual(c)}；要求 {Required(c.Before)} → {Required(c.After)}（{Mark(c.Before)} → {Mark(c.After)}）";
    }

    /// <summary>The actual value by its Chinese name (a size class, a level …), as the tables read it.</summary>
    private static string Actual(CheckFlip c)
    {
        var actual = c.After?.Actual ?? c.Before?.Actual;
        return actual is null ? "不可得" : DisplayNames.Value(actual);
    }
}
