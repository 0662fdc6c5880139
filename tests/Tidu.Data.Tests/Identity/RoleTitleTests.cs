using System.Text.RegularExpressions;
using Shouldly;
using Tidu.Data.Identity;
using Xunit;

namespace Tidu.Data.Tests.Identity;

/// <summary>
/// Every role reads by its Chinese name wherever it is shown — pages, audit lines (操作人), the first start's list of
/// demo accounts — including the three administrators of 三员分立, which once printed as system-administrator.
/// </summary>
public sealed partial class RoleTitleTests
{
    public static TheoryData<string> AllRoles => [.. Roles.All];

    [Theory]
    [MemberData(nameof(AllRoles))]
    public void A_role_is_named_in_Chinese(string role)
    {
        var title = Roles.Title(role);
        title.ShouldNotBe(role);
        Chinese().IsMatch(title).ShouldBeTrue(title);
    }

    [Fact]
    public void The_three_administrators_have_the_names_of_the_separation_of_duties() =>
        Roles.Administrators.Select(Roles.Title).ShouldBe(["系统管理员", "安全管理员", "审计管理员"]);

    [GeneratedRegex(@"^[\p{IsCJKUnifiedIdeographs}（）]+$")]
    private static partial Regex Chinese();
}
