using Shouldly;
using Tidu.Rules.Tests.Support;
using Tidu.Rules.Versions;
using Xunit;

namespace Tidu.Rules.Tests.Versions;

/// <summary>The catalogue behind <c>tidu rules</c>: every file, found by (id, jurisdiction); a correction shows as one changed value.</summary>
public sealed class RuleCatalogTests : IDisposable
{
    private readonly TempRules _rules = new();

    public void Dispose() => _rules.Dispose();

    [Fact]
    public void Every_rule_file_is_listed_with_its_versions_and_their_citations()
    {
        var catalog = RuleCatalog.LoadDefault();
        catalog.Sets.Select(s => s.File).ShouldBe(
            Directory.EnumerateFiles(RuleLibrary.DefaultDirectory, "*.yaml", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(RuleLibrary.DefaultDirectory, f).Replace('\\', '/'))
                .Where(f => !f.StartsWith("policies/", StringComparison.Ordinal) && !f.StartsWith("service/", StringComparison.Ordinal) && !f.StartsWith("calendar/", StringComparison.Ordinal)),
            ignoreOrder: true); // support clauses: PolicyCatalog; service rules: ServiceRules; holiday arrangements: WorkingDayCalendar
        var specialized = catalog.Sets.Single(s => s.Id == "specialized-sme");
        specialized.Versions.Select(v => (v.VersionId, v.EffectiveFrom, v.EffectiveTo)).ShouldBe(
            [("2022", new DateOnly(2022, 8, 1), (DateOnly?)new DateOnly(2026, 3, 31)), ("2026", new DateOnly(2026, 4, 1), null)]);
        specialized.Versions.ShouldAllBe(v => !string.IsNullOrWhiteSpace(v.Cite));
    }

    [Fact]
    public void A_provincial_overlay_with_the_same_id_is_found_by_jurisdiction_and_the_national_one_is_the_default()
    {
        var overlay = Path.Combine(_rules.Directory, "33", "specialized-sme.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(overlay)!);
        File.WriteAllText(overlay, File.ReadAllText(Path.Combine(_rules.Directory, "national", "specialized-sme.yaml"))
            .Replace("jurisdiction: national", "jurisdiction: \"33\"", StringComparison.Ordinal));
        var catalog = RuleCatalog.Load(_rules.Directory);

        catalog.TryFind("specialized-sme", null, out var national, out _).ShouldBeTrue();
        national!.Jurisdiction.ShouldBe("national");
        catalog.TryFind("specialized-sme", "33", out var zhejiang, out _).ShouldBeTrue();
        zhejiang!.File.ShouldBe("33/specialized-sme.yaml");
        catalog.TryFind("specialized-sme", "42", out _, out var error).ShouldBeFalse();
        error.ShouldNotBeNull().ShouldContain("33, national");
        catalog.TryFind("no-such-set", null, out _, out error).ShouldBeFalse();
        error.ShouldNotBeNull().ShouldContain("specialized-sme");
    }

    [Fact]
    public void A_corrected_value_shows_as_one_change_of_that_value_in_the_same_version()
    {
        _rules.Patch("national/specialized-sme.yaml", "fact: mainBusinessShare, ge: 0.80}", "fact: mainBusinessShare, ge: 0.85}");
        var before = RuleCatalog.LoadDefault().Sets.Single(s => s.Id == "specialized-sme").Versions[1];
        var after = RuleCatalog.Load(_rules.Directory).Sets.Single(s => s.Id == "specialized-sme").Versions[1];

        var d = RuleDiff.Compare(before, after);

        d.SameVersion.ShouldBeTrue(); // same id and dates: a correction, not a new version
        d.Added.ShouldBeEmpty();
        d.Removed.ShouldBeEmpty();
        var change = d.Changed.ShouldHaveSingleItem();
        change.MatchedBy.ShouldBe("id");
        change.Changes.ShouldBe([new FieldChange("ge", "0.8", "0.85")]);
        change.Before.Cite.ShouldBe(change.After.Cite);
    }
}
