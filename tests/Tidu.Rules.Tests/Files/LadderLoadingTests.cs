using Shouldly;
using Tidu.Rules.Files;
using Xunit;

namespace Tidu.Rules.Tests.Files;

/// <summary>The 'ladder' key: a new tier joins the ladder by its rule file alone; a broken key fails loading with its line.</summary>
public sealed class LadderLoadingTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tidu-ladder-" + Guid.NewGuid().ToString("N"));

    public LadderLoadingTests()
    {
        foreach (var file in Directory.EnumerateFiles(RuleLibrary.DefaultDirectory, "*.yaml", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_dir, Path.GetRelativePath(RuleLibrary.DefaultDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private void Edit(string file, string find, string replacement)
    {
        var path = Path.Combine(_dir, "national", file);
        var text = File.ReadAllText(path);
        text.ShouldContain(find);
        File.WriteAllText(path, text.Replace(find, replacement, StringComparison.Ordinal));
    }

    private string LoadError() => Should.Throw<RuleLoadException>(() => RuleLibrary.Load(_dir)).Message;

    [Fact]
    public void A_tier_added_after_the_little_giant_is_the_next_rung_of_a_little_giant()
    {
        // A copy of the little giant standing in for a later rung (e.g. key little giant), declared only in YAML.
        var source = File.ReadAllText(Path.Combine(_dir, "national", "little-giant.yaml"));
        File.WriteAllText(Path.Combine(_dir, "national", "key-little-giant.yaml"), source
            .Replace("id: little-giant\nkind: tier", "id: key-little-giant\nkind: tier", StringComparison.Ordinal)
            .Replace("order: 30", "order: 40", StringComparison.Ordinal)
            .Replace("ladder: {after: specialized-sme}", "ladder: {after: little-giant}", StringComparison.Ordinal));
        var library = RuleLibrary.Load(_dir);
        var held = new Domain.Profiles.Recognition("little-giant", new DateOnly(2025, 7, 1), null, null);
        Tidu.Rules.Gaps.Ladder.NextRungs(library, Support.Profiles.Strong() with { Recognitions = [held] }, Support.Profiles.AsOf2026Rules).ShouldBe(["key-little-giant"]);
    }

    [Fact]
    public void An_unknown_after_fails_loading()
    {
        Edit("little-giant.yaml", "ladder: {after: specialized-sme}", "ladder: {after: specialised-sme}");
        LoadError().ShouldContain("ladder: 'after: specialised-sme' names no tier rule set");
    }

    [Fact]
    public void Start_and_after_together_fail_loading()
    {
        Edit("innovative-sme.yaml", "ladder: {start: true}", "ladder: {start: true, after: little-giant}");
        LoadError().ShouldContain("exactly one of 'start: true'");
    }

    [Fact]
    public void A_cycle_fails_loading()
    {
        Edit("innovative-sme.yaml", "ladder: {start: true}", "ladder: {after: little-giant}");
        LoadError().ShouldContain("cycle");
    }
}
