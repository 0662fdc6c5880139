using System.Text.RegularExpressions;
using Shouldly;
using Tidu.Rules.Policies;
using Tidu.Rules.Service;
using Xunit;

namespace Tidu.Rules.Tests.Policies;

/// <summary>
/// docs/sources.md goes through the source documents clause by clause; these tests hold that table and the shipped
/// catalogue together: every id the table names exists, every clause of the catalogue is named in it, and a row that
/// names no rule says why it is not encoded.
/// </summary>
public sealed partial class SourcesTableTests
{
    private static readonly RuleLibrary Library = RuleLibrary.LoadDefault();
    private static readonly PolicyCatalog Catalog = PolicySupport.Calculator.Catalog;
    private static readonly ServiceRules Service = ServiceRules.LoadDefault(Library.Tiers.Select(t => t.Id));
    private static readonly List<Row> Rows = ReadRows();

    /// <summary>One row of a four-column table: clause, gist, rule ids (in backticks), reason or note (and the ids it names).</summary>
    private sealed record Row(int Line, string Clause, IReadOnlyList<string> Ids, string Reason, IReadOnlyList<string> NoteIds);

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Backticked();

    private static List<Row> ReadRows()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "docs", "sources.md"));
        var rows = new List<Row>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (!line.StartsWith('|') || line.StartsWith("|---", StringComparison.Ordinal))
            {
                continue;
            }
            var cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            cells.Length.ShouldBe(4, $"docs/sources.md line {i + 1}: a row has four cells");
            if (cells[2] is "规则")
            {
                continue; // header
            }
            rows.Add(new Row(i + 1, cells[0], Ids(cells[2]), cells[3], Ids(cells[3])));
        }
        return rows;
    }

    private static string[] Ids(string cell) => [.. Backticked().Matches(cell).Select(m => m.Groups[1].Value)];

    private static HashSet<string> KnownIds()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        ids.UnionWith(Catalog.Documents.Select(d => d.Id));
        ids.UnionWith(Catalog.AllClauses.Select(c => c.Id));
        ids.UnionWith(Library.Tiers.Select(t => t.Id));
        ids.UnionWith(Service.Documents.Select(d => d.Id));
        ids.UnionWith(Service.Documents.SelectMany(d => d.Versions).SelectMany(v => v.Clauses).Select(c => c.Id));
        return ids;
    }

    [Fact]
    public void The_table_has_rows_for_each_source_document()
    {
        Rows.Count.ShouldBeGreaterThan(100);
        Rows.ShouldAllBe(r => r.Clause.Length > 0);
    }

    [Fact]
    public void Every_id_the_table_names_exists_in_the_shipped_rules()
    {
        var known = KnownIds();
        Rows.SelectMany(r => r.Ids.Concat(r.NoteIds).Where(id => !known.Contains(id)).Select(id => $"line {r.Line}: {id}")).ShouldBeEmpty();
    }

    [Fact]
    public void Every_clause_of_the_catalogue_is_named_in_the_table()
    {
        var named = Rows.SelectMany(r => r.Ids).ToHashSet(StringComparer.Ordinal);
        Catalog.AllClauses.Select(c => c.Id).Distinct().Where(id => !named.Contains(id)).ShouldBeEmpty();
    }

    [Fact]
    public void Every_commissioner_rule_is_named_in_the_table()
    {
        var named = Rows.SelectMany(r => r.Ids).ToHashSet(StringComparer.Ordinal);
        Service.Documents.Select(d => d.Id).Where(id => !named.Contains(id)).ShouldBeEmpty();
    }

    [Fact]
    public void A_row_without_a_rule_says_why_it_is_not_encoded()
    {
        Rows.Where(r => r.Ids.Count == 0 && !r.Reason.StartsWith("未编码", StringComparison.Ordinal))
            .Select(r => $"line {r.Line}: {r.Clause}").ShouldBeEmpty();
    }

    [Fact]
    public void Every_clause_is_cited_dated_funded_and_says_what_it_gives()
    {
        foreach (var clause in Catalog.AllClauses)
        {
            clause.Cite.ShouldNotBeNullOrWhiteSpace(clause.Id);
            clause.Version.Cite.ShouldNotBeNullOrWhiteSpace(clause.Id);
            clause.FundingLevels.ShouldNotBeEmpty(clause.Id);
            if (clause.Support == SupportKind.Service || clause.Amount is null or { Kind: FormulaKind.Unstated })
            {
                clause.Benefit.ShouldNotBeNullOrWhiteSpace(clause.Id);
            }
        }
    }

    [Fact]
    public void Every_policy_file_names_its_document()
    {
        foreach (var d in Catalog.Documents)
        {
            (d.Number ?? d.SourceTitle).ShouldNotBeNullOrWhiteSpace(d.Id);
        }
    }

    [Fact]
    public void Every_value_set_locally_is_documented()
    {
        var local = Catalog.AllClauses.Where(c => c.Amount is { SetLocally.Count: > 0 }).ToList();
        local.ShouldAllBe(c => !string.IsNullOrWhiteSpace(c.Amount!.LocalNote));
        local.ShouldNotBeEmpty();
    }
}
