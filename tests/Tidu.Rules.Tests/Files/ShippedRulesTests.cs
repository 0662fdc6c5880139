using Shouldly;
using Tidu.Rules.Model;
using Tidu.Rules.Model.Conditions;
using Tidu.Rules.Model.Scoring;
using Xunit;

namespace Tidu.Rules.Tests.Files;

/// <summary>Meta-tests over every shipped rule: citations everywhere, and versions covering every date from their start.</summary>
public sealed class ShippedRulesTests
{
    private static readonly RuleLibrary Library = RuleLibrary.LoadDefault();

    private static IEnumerable<Condition> Walk(Condition c) => new[] { c }.Concat(c.Members.SelectMany(Walk));

    private static IEnumerable<Condition> CasesAndItems(Indicator i) => i switch
    {
        CasesIndicator ci => ci.Cases.SelectMany(x => Walk(x.When)),
        CountIndicator co => co.Items.SelectMany(Walk),
        BestIndicator b => b.Readings.SelectMany(CasesAndItems),
        _ => [],
    };

    [Fact]
    public void Every_check_and_indicator_carries_a_citation()
    {
        var uncited = new List<string>();
        foreach (var tier in Library.Tiers)
        {
            foreach (var v in tier.Versions)
            {
                v.Info.Cite.ShouldNotBeNullOrWhiteSpace();
                uncited.AddRange(Walk(v.Qualify).OfType<Check>().Where(c => string.IsNullOrWhiteSpace(c.Cite)).Select(c => $"{tier.Id}/{v.Info.VersionId}/{c.Id}"));
                foreach (var i in v.Score?.Indicators ?? [])
                {
                    if (string.IsNullOrWhiteSpace(i.Cite))
                    {
                        uncited.Add($"{tier.Id}/{v.Info.VersionId}/{i.Id}");
                    }
                    uncited.AddRange(CasesAndItems(i).OfType<Check>().Where(c => string.IsNullOrWhiteSpace(c.Cite)).Select(c => $"{tier.Id}/{i.Id}/{c.Id}"));
                }
            }
        }
        foreach (var set in Library.Conditions.Values)
        {
            foreach (var v in set.Versions)
            {
                uncited.AddRange(Walk(v.Conditions).OfType<Check>().Where(c => string.IsNullOrWhiteSpace(c.Cite)).Select(c => $"{set.Id}/{c.Id}"));
            }
        }
        foreach (var g in Library.SizeClass.Versions.SelectMany(v => v.Groups))
        {
            uncited.AddRange(new[] { g.Sme, g.Medium, g.Small }.SelectMany(Walk).OfType<Check>().Where(c => string.IsNullOrWhiteSpace(c.Cite)).Select(c => $"size-class/{c.Id}"));
        }
        uncited.ShouldBeEmpty();
    }

    /// <summary>Temporal coverage (after Catala): every quarter from a rule set's first day to 2030 has exactly one version.</summary>
    [Fact]
    public void Every_rule_set_has_exactly_one_version_on_each_quarter_day_from_its_start()
    {
        var sets = Library.Tiers.Select(t => (t.Id, Infos: t.Versions.Select(v => v.Info).ToList()))
            .Concat(Library.Conditions.Values.Select(c => (c.Id, Infos: c.Versions.Select(v => v.Info).ToList())))
            .Append((Library.SizeClass.Id, Infos: Library.SizeClass.Versions.Select(v => v.Info).ToList()));
        foreach (var (id, infos) in sets)
        {
            var start = infos[0].EffectiveFrom;
            for (var d = start; d <= new DateOnly(2030, 12, 31); d = d.AddMonths(3))
            {
                var day = d;
                infos.Count(v => v.EffectiveFrom <= day && (v.EffectiveTo is null || day <= v.EffectiveTo)).ShouldBe(1, $"{id} on {day:yyyy-MM-dd}");
            }
            var before = start.AddDays(-1);
            infos.Count(v => v.EffectiveFrom <= before).ShouldBe(0, $"{id} must not apply before its first day");
        }
    }

    [Fact]
    public void Every_tier_scoring_table_fills_its_dimensions_exactly()
    {
        foreach (var v in Library.Tiers.SelectMany(t => t.Versions).Where(v => v.Score is not null))
        {
            foreach (var dim in v.Score!.Dimensions)
            {
                v.Score.Indicators.Where(i => i.Dimension == dim.Id).Sum(i => i.Max).ShouldBe(dim.Max);
            }
        }
    }
}
