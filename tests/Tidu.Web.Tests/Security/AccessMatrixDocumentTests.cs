using Shouldly;
using Tidu.Application;
using Xunit;

namespace Tidu.Web.Tests.Security;

/// <summary>
/// The access matrix stated in docs/security.md is the one the code asks: every row of the document's table equals the
/// row of <see cref="AccessMatrix"/> (same resources, operations, actors and reaches, in both directions), and so does
/// every row of its step table (step, resource, actors, refusal), so neither can change without the other.
/// </summary>
public sealed class AccessMatrixDocumentTests
{
    private static readonly Dictionary<string, Reach> Cells = new(StringComparer.Ordinal)
    {
        ["—"] = Reach.None,
        ["own"] = Reach.Own,
        ["assigned"] = Reach.Assigned,
        ["listed"] = Reach.Listed,
        ["region"] = Reach.Region,
        ["all"] = Reach.All,
    };

    [Fact]
    public void The_documented_matrix_is_the_matrix_the_code_asks()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "docs", "security.md"));
        var header = lines.Single(l => l.StartsWith("| resource | operation |", StringComparison.Ordinal));
        var actors = header.Split('|', StringSplitOptions.TrimEntries)[3..^1].Select(a => Enum.Parse<ActorKind>(a.Trim('`'))).ToList();
        actors.ShouldBe(AccessMatrix.Actors);
        var documented = TableAfter(lines, header).Select(l => l.Split('|', StringSplitOptions.TrimEntries)[1..^1])
            .Select(c => (Resource: Enum.Parse<Resource>(c[0].Trim('`')), Operation: Enum.Parse<Operation>(c[1], ignoreCase: true), Reaches: c[2..].Select(x => Cells[x]).ToList()))
            .ToList();
        documented.Select(d => $"{d.Resource} {d.Operation}").ShouldBe(AccessMatrix.Rows.Select(r => $"{r.Resource} {r.Operation}"));
        foreach (var (resource, operation, reaches) in documented)
        {
            for (var i = 0; i < actors.Count; i++)
            {
                AccessMatrix.Of(actors[i], resource, operation).ShouldBe(reaches[i], $"{resource} {operation} for {actors[i]}");
            }
        }
    }

    [Fact]
    public void The_documented_steps_are_the_steps_the_use_cases_ask()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "docs", "security.md"));
        var header = lines.Single(l => l.StartsWith("| step | resource | actors | refusal |", StringComparison.Ordinal));
        var documented = TableAfter(lines, header).Select(l => l.Split('|', StringSplitOptions.TrimEntries)[1..^1]).ToList();
        documented.Select(c => c[0].Trim('`')).ShouldBe(AccessMatrix.Steps.Select(s => s.Step.ToString()));
        foreach (var (cells, row) in documented.Zip(AccessMatrix.Steps))
        {
            cells[1].Trim('`').ShouldBe(row.Resource.ToString(), row.Step.ToString());
            cells[2].Split(',', StringSplitOptions.TrimEntries).Select(a => Enum.Parse<ActorKind>(a.Trim('`'))).ShouldBe(row.Actors, row.Step.ToString());
            cells[3].ShouldBe(row.RefusalZh, row.Step.ToString());
            // Who takes the step is also allowed the write of its resource: the step narrows the row, never widens it.
            row.Actors.ShouldAllBe(a => AccessMatrix.Allows(a, row.Resource, Operation.Write));
        }
    }

    /// <summary>The body rows of the Markdown table whose header is <paramref name="header"/> (up to the first line that is not a row).</summary>
    private static IEnumerable<string> TableAfter(string[] lines, string header) =>
        lines.SkipWhile(l => l != header).Skip(2).TakeWhile(l => l.StartsWith("| `", StringComparison.Ordinal));
}
