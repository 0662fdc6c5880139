using Shouldly;
using Tidu.Domain.Profiles;
using Xunit;
using static Tidu.Rules.Tests.Policies.PolicySupport;

namespace Tidu.Rules.Tests.Policies;

/// <summary>
/// The central fund for key little giants (财建〔2024〕148号) runs for 2024–2026 as the reports state it: a selection
/// (a project of purpose key-little-giant-fund) counts from 2024-01-01 to 2026-12-31, both days included, and not a day
/// outside. Each edge is tested on both sides.
/// </summary>
public sealed class KeyLittleGiantFundDatesTests
{
    private const string Fund = "cn-key-little-giant-fund";
    private static readonly Recognition Giant = new("little-giant", new DateOnly(2023, 1, 1), new DateOnly(2028, 12, 31), "MIIT");

    private static bool PaidOn(DateOnly selected, DateOnly asOf) =>
        Match(Firm(Hubei, Giant), asOf, Project("F", "key-little-giant-fund", selected)).IsPaid(Fund);

    [Fact]
    public void A_selection_on_the_first_day_counts_and_one_the_day_before_does_not()
    {
        PaidOn(new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 1)).ShouldBeTrue();
        PaidOn(new DateOnly(2023, 12, 31), new DateOnly(2024, 6, 30)).ShouldBeFalse();
        PaidOn(new DateOnly(2023, 12, 31), new DateOnly(2023, 12, 31)).ShouldBeFalse();
    }

    [Fact]
    public void A_selection_on_the_last_day_counts_and_the_fund_is_gone_the_day_after()
    {
        PaidOn(new DateOnly(2026, 12, 31), new DateOnly(2026, 12, 31)).ShouldBeTrue();
        PaidOn(new DateOnly(2026, 12, 31), new DateOnly(2027, 1, 1)).ShouldBeFalse();
        PaidOn(new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 1)).ShouldBeFalse();
    }
}
