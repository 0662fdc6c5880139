using System.Text.RegularExpressions;
using Shouldly;
using Tidu.Rules.Tests.Support;
using Xunit;

namespace Tidu.Rules.Tests.Files;

/// <summary>
/// Qualitative criteria are matched by id against the profile's verifiedCriteria: each officerVerified check must
/// name itself as its criterion (so the id an officer records is the id the explanation shows), and the test
/// profiles must know every one the shipped rules ask for.
/// </summary>
public sealed partial class VerifiedCriteriaTests
{
    [GeneratedRegex(@"\{id: (?<id>[a-z0-9.-]+),[^\n]*fact: officerVerified, criterion: (?<criterion>[a-z0-9.-]+)")]
    private static partial Regex OfficerCheck();

    private static List<(string Id, string Criterion)> Shipped() =>
        Directory.EnumerateFiles(RuleLibrary.DefaultDirectory, "*.yaml", SearchOption.AllDirectories)
            .SelectMany(f => OfficerCheck().Matches(File.ReadAllText(f)))
            .Select(m => (m.Groups["id"].Value, m.Groups["criterion"].Value))
            .ToList();

    [Fact]
    public void Every_officer_verified_check_names_itself_as_its_criterion()
    {
        var checks = Shipped();
        checks.Count.ShouldBeGreaterThan(10);
        checks.Where(c => c.Id != c.Criterion).ShouldBeEmpty();
    }

    [Fact]
    public void The_test_profiles_know_every_shipped_criterion()
    {
        Shipped().Select(c => c.Criterion).Distinct().Order(StringComparer.Ordinal)
            .ShouldBe(Profiles.AllVerifiedCriteria.Order(StringComparer.Ordinal));
    }
}
