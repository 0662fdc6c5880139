using Shouldly;
using Tidu.Rules.Files;
using Xunit;

namespace Tidu.Rules.Tests.Files;

/// <summary>
/// A broken rule file must fail loading with the file and the line of the problem — never load silently.
/// Each test copies the shipped rules to a temporary folder, breaks one thing, and loads.
/// </summary>
public sealed class RuleLoadingTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tidu-rules-" + Guid.NewGuid().ToString("N"));

    public RuleLoadingTests()
    {
        foreach (var file in Directory.EnumerateFiles(RuleLibrary.DefaultDirectory, "*.yaml", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_dir, Path.GetRelativePath(RuleLibrary.DefaultDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, "national", name);

    /// <summary>Replaces the first occurrence of <paramref name="find"/> and returns the 1-based line it was on.</summary>
    private int Replace(string file, string find, string replacement)
    {
        var text = File.ReadAllText(PathOf(file));
        var at = text.IndexOf(find, StringComparison.Ordinal);
        at.ShouldBeGreaterThanOrEqualTo(0, $"'{find}' not found in {file}");
        File.WriteAllText(PathOf(file), string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + find.Length)));
        return text[..at].Count(c => c == '\n') + 1;
    }

    private RuleLoadError LoadFails(string file)
    {
        var ex = Should.Throw<RuleLoadException>(() => RuleLibrary.Load(_dir));
        ex.Errors.ShouldNotBeEmpty();
        return ex.Errors.First(e => e.File == "national/" + file);
    }

    [Fact]
    public void The_shipped_rules_load()
    {
        var library = RuleLibrary.Load(_dir);
        library.Tiers.Select(t => t.Id).ShouldBe(["innovative-sme", "specialized-sme", "little-giant", "hidden-champion", "key-little-giant", "single-champion-enterprise", "single-champion-product"]);
        library.SizeClass.Versions.Single().Groups.Count.ShouldBe(16);
    }

    [Fact]
    public void An_unknown_key_is_reported_with_its_line()
    {
        var line = Replace("innovative-sme.yaml", "          dimension: innovation\n          cite: 工信部企业〔2022〕63号 附件1 二、评价指标 2", "          dimension: innovation\n          colour: red\n          cite: 工信部企业〔2022〕63号 附件1 二、评价指标 2");
        var error = LoadFails("innovative-sme.yaml");
        error.Message.ShouldContain("unknown key 'colour'");
        error.Line.ShouldBe(line + 1);
    }

    [Fact]
    public void A_gap_between_bands_is_reported()
    {
        var line = Replace("innovative-sme.yaml", "{from: 0.03, to: 0.05, points: 15}", "{from: 0.03, to: 0.049, points: 15}");
        var error = LoadFails("innovative-sme.yaml");
        error.Message.ShouldContain("gap between bands");
        error.Line.ShouldBe(line);
    }

    [Fact]
    public void Overlapping_bands_are_reported()
    {
        var line = Replace("innovative-sme.yaml", "{from: 0.03, to: 0.05, points: 15}", "{from: 0.03, to: 0.051, points: 15}");
        var error = LoadFails("innovative-sme.yaml");
        error.Message.ShouldContain("overlap");
        error.Line.ShouldBe(line);
    }

    [Fact]
    public void A_top_band_closed_above_is_reported()
    {
        Replace("innovative-sme.yaml", "- {from: 0.05, points: 20}", "- {from: 0.05, to: 1, points: 20}");
        LoadFails("innovative-sme.yaml").Message.ShouldContain("open above");
    }

    [Fact]
    public void A_check_without_any_citation_is_reported()
    {
        // The basic conditions inherit the version's citation; removing it leaves the checks uncited.
        var line = Replace("basic-conditions.yaml", "    cite: 工信部企业〔2022〕63号 第三条\n", "");
        var ex = Should.Throw<RuleLoadException>(() => RuleLibrary.Load(_dir));
        ex.Errors.ShouldContain(e => e.File == "national/basic-conditions.yaml" && e.Message.Contains("no citation") && e.Line > line);
    }

    [Fact]
    public void An_indicator_without_citation_is_reported()
    {
        Replace("innovative-sme.yaml", "    cite: 工信部企业〔2022〕63号 附件1\n", "");
        Replace("innovative-sme.yaml", "          cite: 工信部企业〔2022〕63号 附件1 二、评价指标 2\n", "");
        LoadFails("innovative-sme.yaml").Message.ShouldContain("has no citation");
    }

    [Fact]
    public void Overlapping_versions_are_reported()
    {
        var line = Replace("specialized-sme.yaml", "effectiveFrom: 2026-04-01", "effectiveFrom: 2026-03-31");
        var error = LoadFails("specialized-sme.yaml");
        error.Message.ShouldContain("overlap");
        error.Line.ShouldBe(line - 1);
    }

    [Fact]
    public void A_gap_between_versions_is_reported()
    {
        Replace("specialized-sme.yaml", "effectiveFrom: 2026-04-01", "effectiveFrom: 2026-04-02");
        LoadFails("specialized-sme.yaml").Message.ShouldContain("gap between version");
    }

    [Fact]
    public void A_non_iso_date_is_reported()
    {
        Replace("little-giant.yaml", "effectiveFrom: 2026-04-01", "effectiveFrom: 2026/04/01");
        LoadFails("little-giant.yaml").Message.ShouldContain("ISO date");
    }

    [Fact]
    public void An_unknown_fact_is_reported_with_its_line()
    {
        var line = Replace("little-giant.yaml", "fact: debtRatio, le: 0.70", "fact: debtRatioo, le: 0.70");
        var error = LoadFails("little-giant.yaml");
        error.Message.ShouldContain("unknown fact 'debtRatioo'");
        error.Line.ShouldBe(line);
    }

    [Fact]
    public void An_operator_that_does_not_fit_the_fact_is_reported()
    {
        Replace("little-giant.yaml", "fact: debtRatio, le: 0.70", "fact: debtRatio, is: true");
        LoadFails("little-giant.yaml").Message.ShouldContain("operator is needs boolean");
    }

    [Fact]
    public void A_fact_argument_the_fact_does_not_take_is_reported()
    {
        Replace("little-giant.yaml", "fact: debtRatio, le: 0.70", "fact: debtRatio, kinds: [x], le: 0.70");
        LoadFails("little-giant.yaml").Message.ShouldContain("does not take 'kinds'");
    }

    [Fact]
    public void A_dimension_whose_indicators_do_not_add_up_is_reported()
    {
        Replace("innovative-sme.yaml", "{id: innovation, title: 创新能力, max: 40}", "{id: innovation, title: 创新能力, max: 45}");
        LoadFails("innovative-sme.yaml").Message.ShouldContain("add up to 40");
    }

    [Fact]
    public void A_file_whose_name_is_not_its_id_is_reported()
    {
        Replace("little-giant.yaml", "id: little-giant\nkind: tier", "id: little-giants\nkind: tier");
        LoadFails("little-giant.yaml").Message.ShouldContain("file name must be the rule set id");
    }

    [Fact]
    public void Broken_yaml_is_reported_with_its_line()
    {
        var line = Replace("little-giant.yaml", "order: 30", "order: [30");
        var error = LoadFails("little-giant.yaml");
        error.Line.ShouldBeGreaterThanOrEqualTo(line);
    }

    [Fact]
    public void A_duplicate_key_is_reported()
    {
        Replace("little-giant.yaml", "order: 30", "order: 30\norder: 31");
        LoadFails("little-giant.yaml").Line.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Every_error_is_reported_not_only_the_first()
    {
        Replace("little-giant.yaml", "fact: debtRatio, le: 0.70", "fact: nope1, le: 0.70");
        Replace("innovative-sme.yaml", "{from: 0.03, to: 0.05, points: 15}", "{from: 0.03, to: 0.049, points: 15}");
        var ex = Should.Throw<RuleLoadException>(() => RuleLibrary.Load(_dir));
        ex.Errors.Select(e => e.File).Distinct().Count().ShouldBe(2);
        ex.Message.ShouldContain("national/little-giant.yaml:");
    }

    [Fact]
    public void A_missing_folder_is_a_clear_error()
    {
        Should.Throw<RuleLoadException>(() => RuleLibrary.Load(Path.Combine(_dir, "nope"))).Message.ShouldContain("not found");
    }
}
