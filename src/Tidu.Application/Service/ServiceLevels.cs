using Tidu.Data.Entities;
using Tidu.Rules.Service;

namespace Tidu.Application.Service;

/// <summary>The region of an enterprise at each level of government, and the next level up.</summary>
public static class ServiceLevels
{
    /// <summary>
    /// The region that acts for <paramref name="e"/> at <paramref name="level"/>. A county-level region directly under
    /// its province (no city) acts as its own city.
    /// </summary>
    public static string RegionAt(Enterprise e, string level)
    {
        ArgumentNullException.ThrowIfNull(e);
        return level switch
        {
            "county" => e.RegionCode,
            "city" => e.CityCode ?? e.RegionCode,
            "province" => e.ProvinceCode,
            _ => throw new ArgumentOutOfRangeException(nameof(level), level, "unknown level"),
        };
    }

    /// <summary>The next level up from <paramref name="level"/>, or null at the province.</summary>
    public static string? Above(string level)
    {
        var rank = ServiceRules.Rank(level);
        return rank is > 0 and < int.MaxValue ? ServiceRules.Levels[rank - 1] : null;
    }

    /// <summary>The level a region code acts at for an enterprise (county, city or province), or null when it is none of its regions.</summary>
    public static string? LevelOf(Enterprise e, string regionCode)
    {
        ArgumentNullException.ThrowIfNull(e);
        return regionCode == e.RegionCode ? "county"
            : regionCode == e.CityCode ? "city"
            : regionCode == e.ProvinceCode ? "province"
            : null;
    }

    /// <summary>Level of a region of the region tree (province, city, county).</summary>
    public static string? LevelOfRegion(Tidu.Domain.Regions.RegionTree regions, string regionCode)
    {
        ArgumentNullException.ThrowIfNull(regions);
        return regions.Find(regionCode)?.Level;
    }
}
