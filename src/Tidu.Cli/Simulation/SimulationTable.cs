using System.Globalization;
using Spectre.Console;
using Tidu.Cli.Output;
using Tidu.Domain.Display;
using Tidu.Domain.Regions;
using Tidu.Rules.Model;
using Tidu.Rules.Policies;
using Tidu.Rules.Reforms;
using Side = Tidu.Rules.Reforms.SimulationTotals.Side;

namespace Tidu.Cli.Simulation;

/// <summary>The terminal summary of <c>tidu simulate</c>: qualified counts by size class and city, budget by clause and funding level, tier changes, targets.</summary>
internal static class SimulationTable
{
    public static void Write(TextWriter stdout, Reform reform, DateOnly asOf, SimulationTotals t, PolicyCatalog catalog, RuleIndex index, IReadOnlyList<TargetProgress> targets, TimeSpan elapsed)
    {
        var console = ConsoleFor.Create(stdout, 200);
        console.Write(new Rule($"改革模拟：{Markup.Escape(reform.Title)}（{asOf:yyyy-MM-dd}，{t.Enterprises:N0} 家企业，{elapsed.TotalSeconds:0.0} 秒）").LeftJustified());
        var titles = catalog.AllClauses.GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.First().Title);
        foreach (var c in reform.Changes)
        {
            // A tier's check by its title, a policy's clause by its title; the key by its Chinese name or comparison symbol.
            var target = index.Title(c.RuleSet, c.Version, c.Target) ?? titles.GetValueOrDefault(c.Target) ?? c.Target;
            var owner = titles.ContainsKey(c.Target) ? "" : DisplayNames.Tier(c.RuleSet) + " · ";
            console.MarkupLine($"  {Markup.Escape(owner + target)}（{Markup.Escape(DisplayNames.VersionName(c.Version))}）{Markup.Escape(DisplayNames.RuleKeyChange(c.Key, c.Before, c.Value))}");
        }
        var sizes = t.QualifiedBySize.Keys.Select(k => k.SizeClass).Distinct().OrderBy(s => s, StringComparer.Ordinal).ToList();
        var bySize = new Table().Border(TableBorder.Rounded).Title("符合条件企业数（基线 → 改革）");
        bySize.AddColumn("梯度");
        bySize.AddColumn("合计");
        foreach (var s in sizes)
        {
            bySize.AddColumn(s == "n/a" ? "无法判定" : DisplayNames.SizeClass(s));
        }
        foreach (var tier in t.Tiers)
        {
            var cells = new List<string> { DisplayNames.Tier(tier), Change(t.Qualified(Side.Baseline, tier), t.Qualified(Side.Reform, tier)) };
            cells.AddRange(sizes.Select(s => Change(t.QualifiedBySize.GetValueOrDefault((Side.Baseline, tier, s)), t.QualifiedBySize.GetValueOrDefault((Side.Reform, tier, s)))));
            bySize.AddRow(cells.ToArray());
        }
        console.Write(bySize);

        // By city: the county codes of the file rolled up to their city (the JSON keeps counties).
        var byCity = new Table().Border(TableBorder.Rounded).Title("符合条件企业数（按地市，基线 → 改革）");
        byCity.AddColumn("地市");
        foreach (var tier in t.Tiers)
        {
            byCity.AddColumn(DisplayNames.Tier(tier));
        }
        foreach (var city in t.QualifiedByRegion.Keys.Select(k => CityOf(k.Region)).Distinct().Order(StringComparer.Ordinal))
        {
            var cells = new List<string> { $"{city} {RegionTree.Shipped.Find(city)?.Name}" };
            foreach (var tier in t.Tiers)
            {
                long Sum(Side side) => t.QualifiedByRegion.Where(kv => kv.Key.Side == side && kv.Key.Tier == tier && CityOf(kv.Key.Region) == city).Sum(kv => kv.Value);
                cells.Add(Change(Sum(Side.Baseline), Sum(Side.Reform)));
            }
            byCity.AddRow(cells.Select(Markup.Escape).ToArray());
        }
        console.Write(byCity);

        var budget = new Table().Border(TableBorder.Rounded).Title("奖补预算（万元；“最高”金额按上限计）");
        budget.AddColumns("条款", "资金层级", "基线", "改革", "变化");
        var clauses = catalog.AllClauses.GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.First());
        foreach (var clause in t.BudgetByClause.Keys.Select(k => k.Clause).Distinct().Order(StringComparer.Ordinal))
        {
            var b = t.BudgetByClause.GetValueOrDefault((Side.Baseline, clause)).Amount;
            var r = t.BudgetByClause.GetValueOrDefault((Side.Reform, clause)).Amount;
            budget.AddRow(Markup.Escape(clauses.TryGetValue(clause, out var pc) ? pc.Title : clause), pc is null ? "" : DisplayNames.FundingLevel(pc.FundingKey), Num(b), Num(r), Num(r - b));
        }
        foreach (var level in t.BudgetByLevel.Keys.Select(k => k.Level).Distinct().Order(StringComparer.Ordinal))
        {
            var b = t.BudgetByLevel.GetValueOrDefault((Side.Baseline, level));
            var r = t.BudgetByLevel.GetValueOrDefault((Side.Reform, level));
            budget.AddRow($"[bold]小计 {DisplayNames.FundingLevel(level)}[/]", DisplayNames.FundingLevel(level), Num(b), Num(r), Num(r - b));
        }
        budget.AddRow("[bold]合计[/]", "", Num(t.Budget(Side.Baseline)), Num(t.Budget(Side.Reform)), Num(t.Budget(Side.Reform) - t.Budget(Side.Baseline)));
        console.Write(budget);

        if (t.BenefitsByClause.Count > 0)
        {
            var benefits = new Table().Border(TableBorder.Rounded).Title("非资金支持及未载明金额的支持（享受的企业数）");
            benefits.AddColumns("条款", "内容", "基线", "改革", "变化");
            foreach (var clause in t.BenefitsByClause.Keys.Select(k => k.Clause).Distinct().Order(StringComparer.Ordinal))
            {
                var b = t.BenefitsByClause.GetValueOrDefault((Side.Baseline, clause));
                var r = t.BenefitsByClause.GetValueOrDefault((Side.Reform, clause));
                clauses.TryGetValue(clause, out var pc);
                benefits.AddRow(Markup.Escape(pc?.Title ?? clause), Markup.Escape(pc?.Benefit ?? ""), $"{b:N0}", $"{r:N0}", $"{r - b:+#,0;-#,0;0}");
            }
            console.Write(benefits);
        }

        console.MarkupLine($"梯度变化：{t.Changes.Count(c => c.Gained):N0} 家新增符合，{t.Changes.Count(c => !c.Gained):N0} 家不再符合（完整名单见 JSON 文件）");
        foreach (var c in t.Changes.Take(10))
        {
            console.MarkupLine($"  {(c.Gained ? "+" : "−")} {Markup.Escape(c.Name)}（{c.CreditCode}）{DisplayNames.Tier(c.Tier)}：{Markup.Escape(string.Join("；", c.Flipped.Select(f => $"{f.Title} {f.Baseline} → {f.Reform}")))}");
        }
        foreach (var p in targets)
        {
            var where = p.Target.Jurisdiction == "national" ? "全国" : RegionTree.Shipped.Find(p.Target.Jurisdiction.PadRight(6, '0'))?.Name ?? p.Target.Jurisdiction;
            console.MarkupLine($"{(p.Target.Kind == "actual" ? "实际" : "目标")}：{where} {DisplayNames.Tier(p.Target.Tier)} {p.Target.Count:N0}（{p.Target.Date:yyyy-MM-dd}）：文件中符合条件 {p.Baseline:N0} → {p.Reform:N0}  [grey]{Markup.Escape(p.Target.Cite)}[/]");
        }
    }

    private static string CityOf(string region) => region.Length == 6 ? region[..4] + "00" : region;

    private static string Change(long b, long r) => b == r ? b.ToString("N0", CultureInfo.InvariantCulture) : $"{b:N0} → {r:N0}";

    private static string Num(decimal v) => v.ToString("#,0.####", CultureInfo.InvariantCulture);
}
