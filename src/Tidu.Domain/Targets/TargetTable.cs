using System.Globalization;
using System.Reflection;

namespace Tidu.Domain.Targets;

/// <summary>The targets and actuals shipped with Tidu (data/targets.csv, embedded), read strictly.</summary>
public static class TargetTable
{
    private static readonly string[] Header = ["jurisdiction", "tier", "kind", "comparator", "count", "date", "scope", "document", "seed", "clause"];

    public static IReadOnlyList<Target> Shipped { get; } = LoadShipped();

    /// <summary>Parses the CSV; a malformed line throws <see cref="FormatException"/> naming it (shipped data is fixed at build time).</summary>
    public static IReadOnlyList<Target> Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = reader.ReadLine()?.Split(',');
        if (header is null || !header.SequenceEqual(Header))
        {
            throw new FormatException($"targets.csv: line 1 must be {string.Join(',', Header)}");
        }
        var result = new List<Target>();
        var n = 1;
        while (reader.ReadLine() is { } line)
        {
            n++;
            var f = line.Split(',');
            if (f.Length != Header.Length
                || f[2] is not ("target" or "actual")
                || f[3] is not ("ge" or "eq" or "approx")
                || f[6] is not ("cumulative" or "new")
                || !int.TryParse(f[4], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
                || !DateOnly.TryParseExact(f[5], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                || f[7].Length == 0 || f[8].Length == 0 || f[9].Length == 0)
            {
                throw new FormatException($"targets.csv: line {n} is malformed: {line}");
            }
            result.Add(new Target(f[0], f[1], f[2], f[3], count, date, f[6], f[7], f[8], f[9]));
        }
        return result;
    }

    private static IReadOnlyList<Target> LoadShipped()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Tidu.Domain.targets.csv")
            ?? throw new InvalidOperationException("targets.csv is not embedded");
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }
}
