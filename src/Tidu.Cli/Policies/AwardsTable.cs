using System.Globalization;
using Spectre.Console;
using Tidu.Cli.Output;
using Tidu.Domain.Display;
using Tidu.Rules.Policies;

namespace Tidu.Cli.Policies;

/// <summary>The Chinese table of <c>tidu match --format table</c>: per enterprise its claims, services and near misses, then totals per funding level.</summary>
internal static class AwardsTable
{
    public static void Write(TextWriter stdout, IReadOnlyList<EnterpriseAwards> all, DateOnly asOf)
    {
        var console = ConsoleFor.Create(stdout, 220);
        if (all.Count == 0)
        {
            console.WriteLine("没有符合地区范围的企业。");
            return;
        }
        foreach (var a in all)
        {
            console.Write(new Rule($"{Markup.Escape(a.Name)}（{a.CreditCode}，{Tidu.Domain.Regions.RegionTree.Shipped.Find(a.RegionCode)?.Name ?? a.RegionCode}）可申领 {Num(a.Total)} 万元").LeftJustified());
            if (a.Paid.Count > 0)
            {
                var table = new Table().Border(TableBorder.Rounded);
                table.AddColumns("条款", "事由", "金额（万元）", "计算", "资金层级", "依据");
                foreach (var c in a.Paid)
                {
                    table.AddRow(Markup.Escape(c.Clause.Title), Markup.Escape(c.OccasionText), c.Amount is { } v ? Num(v) : c.Clause.Amount!.Kind == FormulaKind.Unstated ? "未载明" : "个案确定",
                        Markup.Escape(c.Formula + (c.Clause.Benefit is { } b ? "：" + b : "") + string.Concat(c.Caps.Where(x => x.After < x.Before).Select(x => $"；已按{(x.Kind == "perFirmPerYear" ? "每年每企业" : "单笔")}上限 {Num(x.Limit)} 封顶"))),
                        DisplayNames.FundingLevel(c.Clause.FundingKey), Markup.Escape(c.Clause.Cite + (c.Clause.Verification.IsVerified ? "" : $"（{c.Clause.Verification.Label}）")));
                }
                console.Write(table);
            }
            foreach (var c in a.Excluded)
            {
                console.MarkupLine($"  [grey]不重复计：{Markup.Escape(c.Clause.Title)} {(c.Amount is { } v ? Num(v) : "个案")} 万元 —— 同一项目已按 {Markup.Escape(c.ExcludedBy!)} 计（{Markup.Escape(c.ExclusionCite ?? "")}）[/]");
            }
            foreach (var s in a.Services)
            {
                console.MarkupLine($"  非资金支持：{Markup.Escape(s.Clause.Title)} —— {Markup.Escape(s.Clause.Benefit ?? "")}（{Markup.Escape(s.Clause.Cite)}{(s.Clause.Verification.IsVerified ? "" : "，" + s.Clause.Verification.Label)}）");
            }
            foreach (var n in a.NearMisses)
            {
                console.MarkupLine($"  [yellow]差一项：{Markup.Escape(n.Clause.Title)}（{Markup.Escape(n.OccasionText)}）—— {Markup.Escape(string.Join("；", n.Missing))}[/]");
            }
            foreach (var t in a.NotAssessable)
            {
                console.MarkupLine($"  [grey]不作评价：{Markup.Escape(t.Title)} —— {Markup.Escape(t.Reason)}[/]");
            }
            console.WriteLine();
        }
        var totals = new Table().Border(TableBorder.Rounded).Title($"合计（{asOf:yyyy-MM-dd}，{all.Count} 家企业）");
        totals.AddColumns("资金层级", "金额（万元）");
        foreach (var g in all.SelectMany(a => a.TotalsByFundingLevel).GroupBy(kv => kv.Key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            totals.AddRow(DisplayNames.FundingLevel(g.Key), Num(g.Sum(kv => kv.Value)));
        }
        totals.AddRow("合计", Num(all.Sum(a => a.Total)));
        console.Write(totals);
    }

    private static string Num(decimal v) => v.ToString("#,0.####", CultureInfo.InvariantCulture);
}
