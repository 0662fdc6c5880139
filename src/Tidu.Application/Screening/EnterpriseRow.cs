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

    /// <summary>True when <see cref="Total"/> is an estimate (beyond the exact-count limit), not a count.</summary>
    public bool TotalEstimated { get; init; }

    /// <summary>The keyset cursor of the next page (pass it as <c>after</c>), or null on the last page or for orders paged by number.</summary>
    public string? Next { get; init; }
}
