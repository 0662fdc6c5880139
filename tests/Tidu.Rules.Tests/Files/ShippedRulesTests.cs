using Shouldly;
using Tidu.Rules.Model;
using Tidu.Rules.Model.Conditions;
using Tidu.Rules.Model.Scoring;
using Tidu.Rules.Versions;
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

    /// <summary>
    /// Temporal coverage (after Catala): every rule set of every file in rules/ — found by reading the folder, so a
    /// file added later is covered without touching this test — has exactly one version on each quarter start
    /// (1 January, 1 April, 1 July, 1 October) from its first day to the end of 2030, none before its first day,
    /// and hands over without a gap or an overlap on the day before and the day of every later version's start.
    /// </summary>
    [Fact]
    public void Every_rule_set_has_exactly_one_version_on_each_quarter_start_from_its_first_day_to_2030()
    {
        var catalog = RuleCatalog.LoadDefault();
        // Support clauses under policies/, service rules and holiday arrangements are other kinds of file with their own loaders.
        var files = Directory.EnumerateFiles(RuleLibrary.DefaultDirectory, "*.yaml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RuleLibrary.DefaultDirectory, f).Replace('\\', '/'))
            .Count(f => !f.StartsWith("policies/", StringComparison.Ordinal) && !f.StartsWith("service/", StringComparison.Ordinal) && !f.StartsWith("calendar/", StringComparison.Ordinal));
        catalog.Sets.Count.ShouldBe(files);
        foreach (var set in catalog.Sets)
        {
            var start = set.Versions[0].EffectiveFrom;
            foreach (var day in QuarterStarts(start, End))
            {
                set.Versions.Count(v => InForce(v, day)).ShouldBe(1, $"{set.Jurisdiction}/{set.Id} on {day:yyyy-MM-dd}");
            }
            set.Versions.Count(v => InForce(v, start.AddDays(-1))).ShouldBe(0, $"{set.Id} must not apply before its first day");
            foreach (var v in set.Versions.Skip(1))
            {
                set.Versions.Single(x => InForce(x, v.EffectiveFrom.AddDays(-1))).ShouldNotBe(v, $"{set.Id} before {v.VersionId}");
                set.Versions.Single(x => InForce(x, v.EffectiveFrom)).ShouldBe(v, $"{set.Id} on the first day of {v.VersionId}");
            }
        }
    }

    /// <summary>
    /// The engine agrees with the files: evaluating an enterprise on each quarter start from the day every rule
    /// set is in force to 2030 uses, for the size class and every tier, the one version whose dates contain that day.
    /// </summary>
    [Fact]
    public void Evaluating_on_each_quarter_start_uses_the_version_whose_dates_contain_the_day()
    {
        var catalog = RuleCatalog.LoadDefault();
        var first = catalog.Sets.Max(s => s.Versions[0].EffectiveFrom);
        var profile = Support.Profiles.Strong();
        foreach (var day in QuarterStarts(first, End))
        {
            var result = Support.Engine.Evaluate(profile, day);
            var used = result.Tiers.Select(t => t.Version).Append(result.SizeClass.Version);
            foreach (var info in used)
            {
                // Overlays may share an id across jurisdictions: the version used must be the one in force in one of them.
                var expected = catalog.Sets.Where(s => s.Id == info.RuleSetId).Select(s => s.Versions.Single(v => InForce(v, day)).VersionId).ToList();
                expected.ShouldContain(info.VersionId, $"{info.RuleSetId} on {day:yyyy-MM-dd}");
            }
        }
    }

    private static readonly DateOnly End = new(2030, 12, 31);

    private static bool InForce(VersionSnapshot v, DateOnly day) => v.EffectiveFrom <= day && (v.EffectiveTo is null || day <= v.EffectiveTo);

    /// <summary>The first day of every calendar quarter on or after <paramref name="from"/>, up to <paramref name="to"/>.</summary>
    private static IEnumerable<DateOnly> QuarterStarts(DateOnly from, DateOnly to)
    {
        var d = new DateOnly(from.Year, ((from.Month - 1) / 3 * 3) + 1, 1);
        if (d < from)
        {
            d = d.AddMonths(3);
        }
        for (; d <= to; d = d.AddMonths(3))
        {
            yield return d;
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
