using System.Reflection;

namespace Tidu.Domain.Regions;

/// <summary>The region tree shipped with Tidu (data/regions.csv: Zhejiang and Hubei).</summary>
public sealed class RegionTree
{
    private readonly Dictionary<string, Region> _byCode;

    private RegionTree(IReadOnlyList<Region> regions)
    {
        All = regions;
        _byCode = regions.ToDictionary(r => r.Code, StringComparer.Ordinal);
    }

    public IReadOnlyList<Region> All { get; }

    public static RegionTree Shipped { get; } = LoadShipped();

    public Region? Find(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>Regions enterprises belong to: counties, and cities that have no county below them.</summary>
    public IReadOnlyList<Region> Leaves() =>
        All.Where(r => r.Level != "province" && !All.Any(c => c.Parent == r.Code)).ToList();

    /// <summary>
    /// True when <paramref name="code"/> matches a user's region filter: a full 6-digit code matches itself and
    /// everything below it; a shorter one is a prefix ("33" = Zhejiang, "3301" = Hangzhou).
    /// </summary>
    public bool MatchesFilter(string code, string filter) =>
        filter.Length < 6 ? code.StartsWith(filter, StringComparison.Ordinal) : IsWithin(code, filter);

    /// <summary>True when <paramref name="code"/> is <paramref name="ancestor"/> or lies below it.</summary>
    public bool IsWithin(string code, string ancestor)
    {
        for (var r = Find(code); r is not null; r = r.Parent is null ? null : Find(r.Parent))
        {
            if (r.Code == ancestor)
            {
                return true;
            }
        }
        return false;
    }

    private static RegionTree LoadShipped()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Tidu.Domain.regions.csv")
            ?? throw new InvalidOperationException("regions.csv is not embedded");
        using var reader = new StreamReader(stream);
        var regions = new List<Region>();
        reader.ReadLine(); // header: code,name,parent,level
        while (reader.ReadLine() is { } line)
        {
            var f = line.Split(',');
            if (f.Length == 4)
            {
                regions.Add(new Region(f[0], f[1], f[2].Length == 0 ? null : f[2], f[3]));
            }
        }
        return new RegionTree(regions);
    }
}
