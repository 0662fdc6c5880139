using Shouldly;

namespace Tidu.Application.Tests;

/// <summary>The tables of docs/procedure.md (copied beside the tests), read so a test can hold one equal to the table the code runs.</summary>
internal static class ProcedureDoc
{
    /// <summary>The cells of each row of the table whose header line starts with <paramref name="header"/>.</summary>
    public static List<string[]> TableRows(string header, string what)
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "docs", "procedure.md"));
        var at = Array.FindIndex(lines, l => l.StartsWith(header, StringComparison.Ordinal));
        at.ShouldBeGreaterThan(0, $"docs/procedure.md has the {what} table");
        return lines.Skip(at + 2).TakeWhile(l => l.StartsWith('|')).Select(l => l.Split('|', StringSplitOptions.TrimEntries)[1..^1]).ToList();
    }
}
