using Spectre.Console;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Model;

namespace Tidu.Cli.Output;

/// <summary>A readable Chinese summary: one row per enterprise, one column per tier, then the failed checks.</summary>
internal sealed class TableSink(TextWriter stdout) : ResultSink
{
    private static readonly Dictionary<string, string> SizeNames = new(StringComparer.Ordinal)
    {
        ["large"] = "大型",
        ["medium"] = "中型",
        ["small"] = "小型",
        ["micro"] = "微型",
    };

    private readonly List<EnterpriseEvaluation> _rows = [];

    public override void Add(Rendered result) => _rows.Add(result.Evaluation);

    public override void Dispose()
    {
        var console = ConsoleFor.Create(stdout, 200);
        if (_rows.Count == 0)
        {
            console.WriteLine("没有可评价的企业。");
            return;
        }
        var table = new Table().Border(TableBorder.Rounded).Title($"评价结果（评价日期 {_rows[0].AsOf:yyyy-MM-dd}）");
        table.AddColumn("统一社会信用代码");
        table.AddColumn("企业名称");
        table.AddColumn("规模");
        // Tiers differ by region (Zhejiang's own tiers apply to Zhejiang enterprises only): one column per tier seen.
        var columns = _rows.SelectMany(e => e.Tiers).Select(t => (t.Tier, t.Title)).DistinctBy(t => t.Tier).ToList();
        foreach (var (_, title) in columns)
        {
            table.AddColumn(new TableColumn(Markup.Escape(title)).Centered());
        }
        foreach (var e in _rows)
        {
            var cells = new List<string>
            {
                Markup.Escape(e.CreditCode),
                Markup.Escape(e.Name),
                e.SizeClass.SizeClass is { } s ? SizeNames[s] : "[yellow]不可判定[/]",
            };
            foreach (var (id, _) in columns)
            {
                if (e.Tiers.FirstOrDefault(x => x.Tier == id) is not { } t)
                {
                    cells.Add("[grey]不适用[/]");
                    continue;
                }
                var mark = t.Qualified ? "[green]✓ 符合[/]" : "[red]✗ 不符合[/]";
                cells.Add(t.Score is { } score ? $"{mark} {score:0.##}分" : mark);
            }
            table.AddRow(cells.ToArray());
        }
        console.Write(table);
        foreach (var e in _rows)
        {
            foreach (var t in e.Tiers.Where(t => !t.Qualified))
            {
                // A value not checked against the text is flagged where it decides (docs/rule-files.md, “Verification”).
                var failed = Explanations.DecisiveFailures(t.Checks)
                    .Select(c => c.Title + (c.MissingField is not null && !c.Defaulted ? "（数据缺失）" : "") + (t.Version.Verification.For(c.Id).IsVerified ? "" : "（" + Verification.UnverifiedLabel + "）"))
                    .ToList();
                if (failed.Count > 0)
                {
                    console.MarkupLine($"[bold]{Markup.Escape(e.Name)}[/] · {Markup.Escape(t.Title)} 未满足：{Markup.Escape(string.Join("；", failed))}");
                }
                var advice = t.Checks.Where(c => c.Advice is not null).Select(c => c.Advice!).ToList();
                if (advice.Count > 0)
                {
                    console.MarkupLine($"    建议：{Markup.Escape(string.Join("；", advice))}");
                }
            }
        }
    }
}
