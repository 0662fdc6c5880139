using Shouldly;
using Xunit;

namespace Tidu.Web.Tests.Pages;

/// <summary>
/// The result cell of a check says what happened: a rule's stated default for a missing input can pass a check or fail
/// it (no research institution stated reads as none, below 省级), and the cell must not say 通过 for the second.
/// </summary>
public sealed class CheckOutcomeTests
{
    private const string Field = "/rdInstitution";

    [Fact]
    public void A_check_failed_on_the_default_reads_as_failed() =>
        Explaining.Outcome(passed: false, Field, defaulted: true, yearAt: null).ShouldStartWith("未通过（未填报“");

    [Fact]
    public void A_check_passed_on_the_default_reads_as_passed() =>
        Explaining.Outcome(passed: true, Field, defaulted: true, yearAt: null).ShouldStartWith("通过（未填报“");

    [Fact]
    public void A_missing_input_without_a_default_names_the_input() =>
        Explaining.Outcome(passed: false, Field, defaulted: false, yearAt: null).ShouldStartWith("缺少数据：");

    [Theory]
    [InlineData(true, "通过")]
    [InlineData(false, "未通过")]
    public void A_check_with_its_input_reads_passed_or_failed(bool passed, string expected) =>
        Explaining.Outcome(passed, missingField: null, defaulted: false, yearAt: null).ShouldBe(expected);
}
