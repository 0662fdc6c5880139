using Shouldly;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Tidu.Rules.Tests.Policies;

/// <summary>
/// docs/citations.md records, citation by citation, what each <c>cite</c> of the rule files was checked against and whether
/// it was found correct, corrected or not checkable. These tests hold that table and the files under rules/ together: the
/// citations are read from the YAML itself (every <c>cite</c> key at any depth), not from the loaders, so no kind of file
/// is left out.
/// </summary>
public sealed class CitationsTableTests
{
    private static readonly string[] Results = ["正确", "已更正", "无法核对"];
    private static readonly Dictionary<string, RuleFile> Files = ReadRuleFiles();
    private static readonly List<Row> Rows = ReadRows();

    /// <summary>One rule file: the citations it contains, and whether any of its versions is recorded unverified.</summary>
    private sealed record RuleFile(HashSet<string> Cites, bool HasVerification, bool HasUnverified);

    /// <summary>One row: citations and files (in backticks), what they were checked against, and the result.</summary>
    private sealed record Row(int Line, IReadOnlyList<string> Cites, IReadOnlyList<string> Files, string CheckedAgainst, string Result);

    private static Dictionary<string, RuleFile> ReadRuleFiles()
    {
        var root = RuleLibrary.DefaultDirectory;
        var files = new Dictionary<string, RuleFile>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(root, "*.yaml", SearchOption.AllDirectories))
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(path))
            {
                stream.Load(reader);
            }
            var file = new RuleFile(new HashSet<string>(StringComparer.Ordinal), false, false);
            var (hasVerification, hasUnverified) = (false, false);
            foreach (var document in stream.Documents)
            {
                Walk(document.RootNode, file.Cites, ref hasVerification, ref hasUnverified);
            }
            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            files[relative] = file with { HasVerification = hasVerification, HasUnverified = hasUnverified };
        }
        return files;
    }

    private static void Walk(YamlNode node, HashSet<string> cites, ref bool hasVerification, ref bool hasUnverified)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                {
                    var name = (key as YamlScalarNode)?.Value;
                    if (name == "cite" && value is YamlScalarNode { Value: { } cite })
                    {
                        cites.Add(cite);
                    }
                    if (name == "verification")
                    {
                        hasVerification = true;
                    }
                    if (name == "status" && value is YamlScalarNode { Value: "unverified" })
                    {
                        hasUnverified = true;
                    }
                    Walk(value, cites, ref hasVerification, ref hasUnverified);
                }
                break;
            case YamlSequenceNode sequence:
                foreach (var item in sequence.Children)
                {
                    Walk(item, cites, ref hasVerification, ref hasUnverified);
                }
                break;
        }
    }

    private static List<Row> ReadRows()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "docs", "citations.md"));
        var rows = new List<Row>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (!line.StartsWith('|') || line.StartsWith("|---", StringComparison.Ordinal) || line.StartsWith("| 引文 |", StringComparison.Ordinal))
            {
                continue;
            }
            var cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            cells.Length.ShouldBe(4, $"docs/citations.md line {i + 1}: a row has four cells");
            rows.Add(new Row(i + 1, Backticked(cells[0]), Backticked(cells[1]), cells[2], cells[3]));
        }
        return rows;
    }

    /// <summary>The backticked parts of a cell (a citation never contains a backtick).</summary>
    private static string[] Backticked(string cell) =>
        [.. cell.Split('`').Where((_, i) => i % 2 == 1)];

    [Fact]
    public void The_rule_files_have_citations_and_the_table_has_rows()
    {
        Files.Values.Sum(f => f.Cites.Count).ShouldBeGreaterThan(200);
        Rows.Count.ShouldBeGreaterThan(100);
        Rows.ShouldAllBe(r => r.Cites.Count > 0 && r.Files.Count > 0);
    }

    [Fact]
    public void Every_citation_of_every_rule_file_has_a_row_naming_it_and_its_file()
    {
        var covered = Rows.SelectMany(r => r.Files.SelectMany(f => r.Cites.Select(c => (f, c)))).ToHashSet();
        Files.SelectMany(f => f.Value.Cites.Select(c => (f.Key, c)))
            .Where(p => !covered.Contains(p))
            .Select(p => $"{p.Key}: {p.c}")
            .ShouldBeEmpty();
    }

    [Fact]
    public void Every_row_names_citations_that_exist_in_each_file_it_lists()
    {
        Rows.SelectMany(r => r.Files.SelectMany(f => r.Cites
                .Where(c => !Files.TryGetValue(f, out var file) || !file.Cites.Contains(c))
                .Select(c => $"line {r.Line}: {f}: {c}")))
            .ShouldBeEmpty();
    }

    [Fact]
    public void Every_row_has_one_of_the_three_results()
    {
        Rows.Where(r => !Results.Any(k => r.Result.StartsWith(k, StringComparison.Ordinal)))
            .Select(r => $"line {r.Line}: {r.Result}")
            .ShouldBeEmpty();
    }

    [Fact]
    public void A_row_found_correct_or_corrected_names_what_it_was_checked_against()
    {
        Rows.Where(r => (r.Result.StartsWith("正确", StringComparison.Ordinal) || r.Result.StartsWith("已更正", StringComparison.Ordinal))
                && (r.CheckedAgainst.Length < 8 || r.CheckedAgainst == "—"))
            .Select(r => $"line {r.Line}: {string.Join("、", r.Cites)}")
            .ShouldBeEmpty();
    }

    [Fact]
    public void A_corrected_row_quotes_the_old_citation()
    {
        Rows.Where(r => r.Result.StartsWith("已更正", StringComparison.Ordinal) && !r.Result.Contains('「', StringComparison.Ordinal))
            .Select(r => $"line {r.Line}: {string.Join("、", r.Cites)}")
            .ShouldBeEmpty();
    }

    [Fact]
    public void A_citation_that_could_not_be_checked_sits_in_a_file_that_records_something_unverified()
    {
        // The citation stays as it was; its file must not claim that everything in it was verified.
        Rows.Where(r => r.Result.StartsWith("无法核对", StringComparison.Ordinal))
            .SelectMany(r => r.Files.Where(f => Files[f].HasVerification && !Files[f].HasUnverified).Select(f => $"line {r.Line}: {f}"))
            .ShouldBeEmpty();
    }
}
