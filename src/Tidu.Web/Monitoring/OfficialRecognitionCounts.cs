using System.Globalization;
using System.Reflection;

namespace Tidu.Web.Monitoring;

/// <summary>
/// One line of data/zhejiang-specialized-recognitions.csv: a city's count in one published batch. Kind is
/// recognized (newly recognised, 认定) or review-passed (re-examined and kept, 复核通过).
/// </summary>
public sealed record OfficialRecognitionCount(int Year, string Batch, string Kind, string City, string RegionCode, int Count, string? Document);

/// <summary>The official Zhejiang counts of provincial specialized SMEs per batch and city, shipped with Tidu (embedded), read strictly.</summary>
public static class OfficialRecognitionCounts
{
    private static readonly string[] Header = ["year", "batch", "kind", "city", "regionCode", "count", "document"];

    public static IReadOnlyList<OfficialRecognitionCount> Shipped { get; } = LoadShipped();

    /// <summary>Parses the CSV; a malformed line throws <see cref="FormatException"/> naming it (shipped data is fixed at build time).</summary>
    public static IReadOnlyList<OfficialRecognitionCount> Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = reader.ReadLine()?.Split(',');
        if (header is null || !header.SequenceEqual(Header))
        {
            throw new FormatException($"zhejiang-specialized-recognitions.csv: line 1 must be {string.Join(',', Header)}");
        }
        var result = new List<OfficialRecognitionCount>();
        var n = 1;
        while (reader.ReadLine() is { } line)
        {
            n++;
            var f = line.Split(',');
            if (f.Length != Header.Length
                || !int.TryParse(f[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
                || f[1].Length == 0
                || f[2] is not ("recognized" or "review-passed")
                || f[3].Length == 0 || f[4].Length != 6
                || !int.TryParse(f[5], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                throw new FormatException($"zhejiang-specialized-recognitions.csv: line {n} is malformed: {line}");
            }
            result.Add(new OfficialRecognitionCount(year, f[1], f[2], f[3], f[4], count, f[6].Length == 0 ? null : f[6]));
        }
        return result;
    }

    private static IReadOnlyList<OfficialRecognitionCount> LoadShipped()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Tidu.Web.zhejiang-specialized-recognitions.csv")
            ?? throw new InvalidOperationException("zhejiang-specialized-recognitions.csv is not embedded");
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }
}
