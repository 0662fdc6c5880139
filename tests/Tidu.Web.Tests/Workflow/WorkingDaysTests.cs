using Shouldly;
using Tidu.Application.Workflow;
using Xunit;

namespace Tidu.Web.Tests.Workflow;

/// <summary>Publicity counting (Mon–Fri working days), on a calendar checked by hand: 2026-11-18 is a Wednesday.</summary>
public sealed class WorkingDaysTests
{
    private static DateOnly D(int month, int day) => new(2026, month, day);

    [Fact]
    public void Five_working_days_from_a_Wednesday_end_on_the_Tuesday_after() =>
        WorkingDays.LastOf(D(11, 18), 5).ShouldBe(D(11, 24));

    [Fact]
    public void A_period_starting_on_a_weekend_begins_on_the_Monday() =>
        (WorkingDays.FirstOnOrAfter(D(11, 21)), WorkingDays.FirstOnOrAfter(D(11, 22)), WorkingDays.FirstOnOrAfter(D(11, 20)))
            .ShouldBe((D(11, 23), D(11, 23), D(11, 20)));

    [Fact]
    public void One_working_day_is_the_day_itself_and_the_second_day_after_a_Friday_is_Monday()
    {
        WorkingDays.LastOf(D(11, 20), 1).ShouldBe(D(11, 20));
        WorkingDays.LastOf(D(11, 20), 2).ShouldBe(D(11, 23));
    }

    [Fact]
    public void No_working_days_is_refused() =>
        Should.Throw<ArgumentOutOfRangeException>(() => WorkingDays.LastOf(D(11, 18), 0));
}
