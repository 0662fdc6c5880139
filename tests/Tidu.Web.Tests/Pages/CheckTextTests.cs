using System.Text.RegularExpressions;
using Shouldly;
using Tidu.Domain.Regions;
using Tidu.Rules;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Synthetic;
using Xunit;

namespace Tidu.Web.Tests.Pages;

/// <summary>
/// Every cell of every check table reads in Chinese, whatever the enterprise: the rows of all tiers for a few hundred
/// generated enterprises of Zhejiang and Hubei (a quarter of them with a value on or next to a threshold, some with
/// inputs missing), on a date under each national version and one under the older provincial versions, are rendered as
/// the enterprise file renders them and read for lower-case Latin words — an engine token such as "none of the cases"
/// or "not available" that reached a page untranslated. A page walk sees only the enterprises it happens to open; this
/// sees every kind of row the rules can produce for these profiles.
/// </summary>
public sealed partial class CheckTextTests
{
    private const int Profiles = 300;
    private const int Seed = 20261207;

    public static TheoryData<string> Dates => ["2024-06-30", "2026-03-31", "2026-06-30"];

    [Theory]
    [MemberData(nameof(Dates))]
    public void Every_check_row_of_every_tier_reads_in_Chinese(string date)
    {
        var library = RuleLibrary.LoadDefault();
        var evaluator = new Evaluator(library);
        var generator = new ProfileGenerator(RegionTree.Shipped.Leaves(), library, lastYear: 2025, TierMix.Zhejiang.Oversampled(40));
        var asOf = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
        var findings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var rows = 0;
        for (var i = 0; i < Profiles; i++)
        {
            var evaluation = evaluator.Evaluate(generator.Generate(Seed, i), asOf, EvaluationDetail.Full);
            foreach (var tier in evaluation.Tiers)
            {
                foreach (var check in tier.Checks)
                {
                    var row = CheckRow.From(check, tier.Version, library.Index, yearAt: null);
                    rows++;
                    foreach (var (column, text) in new[] { ("评价项", row.Title), ("实际值", row.Actual), ("要求", row.Required), ("结果", row.Outcome) })
                    {
                        foreach (Match m in LatinWord().Matches(text))
                        {
                            findings.TryAdd($"{column}: {m.Value}", $"{tier.Tier} {check.Id}: “{text}”");
                        }
                    }
                }
            }
        }
        rows.ShouldBeGreaterThan(Profiles * 50, "the profiles should produce rows of every tier");
        findings.ShouldBeEmpty(string.Join(Environment.NewLine, findings.Select(f => $"{f.Key} — {f.Value}")));
    }

    /// <summary>A lower-case Latin word of two letters or more, unless it is a file extension (".csv").</summary>
    [GeneratedRegex(@"(?<![.\w])[a-z]{2,}(?![\w])")]
    private static partial Regex LatinWord();
}
