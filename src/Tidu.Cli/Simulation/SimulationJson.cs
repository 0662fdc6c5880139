using System.Globalization;
using System.Text.Json;
using Tidu.Cli.Batches;
using Tidu.Rules.Batches;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Policies;
using Tidu.Rules.Reforms;
using Side = Tidu.Rules.Reforms.SimulationTotals.Side;

namespace Tidu.Cli.Simulation;

/// <summary>The JSON result file of <c>tidu simulate</c> (docs/policies.md).</summary>
internal static class SimulationJson
{
    public static void Write(Stream output, Reform reform, DateOnly asOf, string? region, SimulationTotals t, BatchTally records, PolicyCatalog catalog, IReadOnlyList<TargetProgress> targets)
    {
        using var w = new Utf8JsonWriter(output, EvaluationJsonWriter.Options with { Indented = true });
        w.WriteStartObject();
        w.WriteStartObject("reform");
        w.WriteString("id", reform.Id);
        w.WriteString("title", reform.Title);
        w.WriteString("effectiveFrom", reform.EffectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        w.WriteStartArray("changes");
        foreach (var c in reform.Changes)
        {
            w.WriteStartObject();
            w.WriteString("ruleSet", c.RuleSet);
            w.WriteString("version", c.Version);
            w.WriteString("target", c.Target);
            w.WriteString("key", c.Key);
            w.WriteString("before", c.Before);
            w.WriteString("after", c.Value);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteString("asOf", asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        w.WriteString("jurisdiction", region);
        w.WriteNumber("enterprises", t.Enterprises);
        w.WriteNumber("invalidRecords", records.Invalid);
        w.WriteNumber("failedRecords", records.Failed);
        w.WriteStartArray("tiers");
        foreach (var tier in t.Tiers)
        {
            w.WriteStartObject();
            w.WriteString("tier", tier);
            Pair(w, "qualified", t.Qualified(Side.Baseline, tier), t.Qualified(Side.Reform, tier));
            w.WriteStartObject("bySizeClass");
            foreach (var size in t.QualifiedBySize.Keys.Where(k => k.Tier == tier).Select(k => k.SizeClass).Distinct().Order(StringComparer.Ordinal))
            {
                Pair(w, size, t.QualifiedBySize.GetValueOrDefault((Side.Baseline, tier, size)), t.QualifiedBySize.GetValueOrDefault((Side.Reform, tier, size)));
            }
            w.WriteEndObject();
            w.WriteStartObject("byRegion");
            foreach (var r in t.QualifiedByRegion.Keys.Where(k => k.Tier == tier).Select(k => k.Region).Distinct().Order(StringComparer.Ordinal))
            {
                Pair(w, r, t.QualifiedByRegion.GetValueOrDefault((Side.Baseline, tier, r)), t.QualifiedByRegion.GetValueOrDefault((Side.Reform, tier, r)));
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("budget");
        w.WriteStartArray("byClause");
        var titles = catalog.AllClauses.GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.First());
        foreach (var clause in t.BudgetByClause.Keys.Select(k => k.Clause).Distinct().Order(StringComparer.Ordinal))
        {
            var b = t.BudgetByClause.GetValueOrDefault((Side.Baseline, clause));
            var r = t.BudgetByClause.GetValueOrDefault((Side.Reform, clause));
            w.WriteStartObject();
            w.WriteString("clause", clause);
            if (titles.TryGetValue(clause, out var pc))
            {
                w.WriteString("title", pc.Title);
                w.WriteString("fundingLevel", pc.FundingKey);
                w.WriteString("cite", pc.Cite);
            }
            w.WriteStartObject("baseline");
            w.WriteNumber("claims", b.Claims);
            w.WriteNumber("amount", b.Amount);
            w.WriteEndObject();
            w.WriteStartObject("reform");
            w.WriteNumber("claims", r.Claims);
            w.WriteNumber("amount", r.Amount);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("byFundingLevel");
        foreach (var level in t.BudgetByLevel.Keys.Select(k => k.Level).Distinct().Order(StringComparer.Ordinal))
        {
            Pair(w, level, t.BudgetByLevel.GetValueOrDefault((Side.Baseline, level)), t.BudgetByLevel.GetValueOrDefault((Side.Reform, level)));
        }
        w.WriteEndObject();
        Pair(w, "total", t.Budget(Side.Baseline), t.Budget(Side.Reform));
        w.WriteEndObject();
        // Support without an amount to add up (services, priorities, money the text does not quantify): enterprises per clause.
        w.WriteStartArray("benefits");
        foreach (var clause in t.BenefitsByClause.Keys.Select(k => k.Clause).Distinct().Order(StringComparer.Ordinal))
        {
            w.WriteStartObject();
            w.WriteString("clause", clause);
            if (titles.TryGetValue(clause, out var pc))
            {
                w.WriteString("title", pc.Title);
                w.WriteString("support", pc.Support == Tidu.Rules.Policies.SupportKind.Service ? "service" : "award");
                w.WriteString("benefit", pc.Benefit);
                w.WriteString("cite", pc.Cite);
            }
            var (b, r) = (t.BenefitsByClause.GetValueOrDefault((Side.Baseline, clause)), t.BenefitsByClause.GetValueOrDefault((Side.Reform, clause)));
            w.WriteNumber("baseline", b);
            w.WriteNumber("reform", r);
            w.WriteNumber("change", r - b);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("changes");
        foreach (var c in t.Changes)
        {
            w.WriteStartObject();
            w.WriteString("creditCode", c.CreditCode);
            w.WriteString("name", c.Name);
            w.WriteString("regionCode", c.RegionCode);
            w.WriteString("tier", c.Tier);
            w.WriteString("change", c.Gained ? "gained" : "lost");
            w.WriteStartArray("flipped");
            foreach (var f in c.Flipped)
            {
                w.WriteStartObject();
                w.WriteString("id", f.Id);
                w.WriteString("title", f.Title);
                w.WriteString("baseline", f.Baseline);
                w.WriteString("reform", f.Reform);
                w.WriteString("cite", f.Cite);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("targets");
        foreach (var p in targets)
        {
            w.WriteStartObject();
            w.WriteString("jurisdiction", p.Target.Jurisdiction);
            w.WriteString("tier", p.Target.Tier);
            w.WriteString("kind", p.Target.Kind);
            w.WriteString("comparator", p.Target.Comparator);
            w.WriteNumber("count", p.Target.Count);
            w.WriteString("date", p.Target.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteString("cite", p.Target.Cite);
            Pair(w, "qualified", p.Baseline, p.Reform);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Pair(Utf8JsonWriter w, string name, decimal baseline, decimal reform)
    {
        w.WriteStartObject(name);
        w.WriteNumber("baseline", baseline);
        w.WriteNumber("reform", reform);
        w.WriteNumber("change", reform - baseline);
        w.WriteEndObject();
    }
}
