namespace Tidu.Application.Screening;

/// <summary>One line of a screening list.</summary>
public sealed record EnterpriseRow(
    string CreditCode,
    string Name,
    string RegionCode,
    string IndustryCode,
    string? SizeClass,
    string? HighestTier,
    string? NearMissTier,
    DateOnly? EvaluatedOn);

/// <summary>A page of results with the total count, for paging controls and API clients.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    public int Pages => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}
