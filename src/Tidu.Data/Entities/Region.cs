namespace Tidu.Data.Entities;

/// <summary>A node of the region tree (province, city, county); loaded from the shipped data/regions.csv.</summary>
public sealed class Region
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? ParentCode { get; set; }

    /// <summary>province, city or county.</summary>
    public required string Level { get; set; }
}
