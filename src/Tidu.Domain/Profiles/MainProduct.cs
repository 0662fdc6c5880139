namespace Tidu.Domain.Profiles;

/// <summary>The main product (主导产品): the product(s) whose revenue is more than half of operating revenue.</summary>
public sealed record MainProduct
{
    public string? Name { get; init; }
    public bool? StrategicEmergingIndustry { get; init; }
    public string? ChainContribution { get; init; }
    public bool? KeyField { get; init; }
    public decimal? DomesticMarketShare { get; init; }
    public int? GlobalMarketRank { get; init; }
    public decimal? SalesShareOfMainBusiness { get; init; }
    public int? YearsInField { get; init; }
    public decimal? InternationalMarketShare { get; init; }
    public int? DomesticMarketRank { get; init; }
    public bool? MarketPositionLeading { get; init; }
    public bool? RestrictedCategory { get; init; }
    public decimal? RevenueShare { get; init; }

    /// <summary>How many main products the enterprise has (主导产品个数), v1.1: Zhejiang hidden champion 2025 (不超过3个).</summary>
    public int? ProductCount { get; init; }

    /// <summary>
    /// The industrial direction of the main product as the 2026 little-giant standard lists it (v1.1):
    /// six-basics 制造业“六基”, traditional-upgrading 改造提升传统产业, emerging 培育壮大新兴产业, future 布局建设未来产业, other.
    /// Not the 2022 <see cref="KeyField"/>, whose list differs.
    /// </summary>
    public string? IndustryDirection { get; init; }
}
