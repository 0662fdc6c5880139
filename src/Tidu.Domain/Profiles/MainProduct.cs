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
}
