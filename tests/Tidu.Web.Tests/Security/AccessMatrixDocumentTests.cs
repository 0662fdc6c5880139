using Shouldly;
using Tidu.Data.Scoping;
using Xunit;

namespace Tidu.Web.Tests.Security;

/// <summary>
/// The access matrix stated in docs/security.md is the one the code asks: every row of the document's table equals the
/// row of <see cref="AccessMatrix"/> (same resources, operations, actors and reaches, in both directions), so neither
/// can change without the other.
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
        var documented = lines.Where(l => l.StartsWith("| `", StringComparison.Ordinal)).Select(l => l.Split('|', StringSplitOptions.TrimEntries)[1..^1])
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
}
