using Shouldly;
using Tidu.Domain.Regions;
using Tidu.Rules.Policies;
using Tidu.Rules.Tests.Support;
using Xunit;

namespace Tidu.Rules.Tests.Policies;

/// <summary>
/// 政策找企业 answers on every day from the first support clause (工信部企业〔2021〕170号, 2021-11-06) on: a day whose tier
/// criteria are not yet (or no longer) in force leaves those tiers "not assessable", never an error.
/// </summary>
public sealed class MatchDatesTests
{
    private static readonly DateOnly FirstClause = new(2021, 11, 6);

    [Fact]
    public void Every_day_from_the_first_clause_to_2027_is_answered_for_a_zhejiang_and_a_hubei_firm()
    {
        var library = Engine.Evaluator.Library;
        var calculator = new AwardCalculator(PolicyCatalog.LoadDefault(), RegionTree.Shipped);
        // A firm holding the innovative and specialized recognitions of 2024 (so recognition clauses have occasions too).
        var firms = new[] { PolicySupport.Firm(PolicySupport.District), PolicySupport.Firm(PolicySupport.Hubei) };
        var notAssessableDays = 0;
        for (var day = FirstClause; day <= new DateOnly(2027, 12, 31); day = day.AddDays(1))
        {
            AwardMatcher.Covers(library, day).ShouldBeTrue();
            var matcher = new AwardMatcher(library, calculator, day);
            foreach (var firm in firms)
            {
                var awards = matcher.Match(firm, []);
                var expected = day < new DateOnly(2022, 8, 1) ? new[] { "innovative-sme", "specialized-sme", "little-giant" } : [];
                awards.NotAssessable.Select(t => t.Tier).ShouldBe(expected, ignoreOrder: true, $"{day:yyyy-MM-dd}");
                notAssessableDays += awards.NotAssessable.Count > 0 ? 1 : 0;
            }
        }
        // 2021-11-06 … 2022-07-31 is 268 days, for two firms.
        notAssessableDays.ShouldBe(2 * 268);
    }

    [Fact]
    public void A_recognition_held_before_the_criteria_still_earns_its_clause()
    {
        // The district's tier award (in force from 2022-06-01) pays a specialized-SME recognition of 2022-07-01 on
        // 2022-07-31, the day before the 2022 criteria: the tier is not assessed, the recognition held counts.
        var day = new DateOnly(2022, 7, 31);
        var firm = PolicySupport.Firm(PolicySupport.District) with { Recognitions = [new Domain.Profiles.Recognition("specialized-sme", new DateOnly(2022, 7, 1), new DateOnly(2025, 6, 30), null)] };
        var awards = new AwardMatcher(Engine.Evaluator.Library, PolicySupport.Calculator, day).Match(firm, []);
        awards.Paid.ShouldContain(c => c.Clause.Id == "d-tier-award.specialized-sme");
        awards.NotAssessable.ShouldContain(t => t.Tier == "specialized-sme");
    }
}
