namespace Tidu.Application.Screening;

/// <summary>
/// What a screening list asks for. Every member is optional; all given members must hold. Bound from the query
/// string by the list page, the API and the export alike, so the three always show the same enterprises.
/// </summary>
public sealed record EnterpriseFilter
{
    /// <summary>Only enterprises that meet this tier in their latest evaluation.</summary>
    public string? Tier { get; init; }

    /// <summary>Only enterprises that miss this tier by exactly one decisive check.</summary>
    public string? NearMiss { get; init; }

    /// <summary>large, medium, small, micro, or "n/a" for not available.</summary>
    public string? SizeClass { get; init; }

    /// <summary>An industry code or its prefix (section letter, division, group).</summary>
    public string? Industry { get; init; }

    /// <summary>A region within the user's scope (province, city or county code).</summary>
    public string? Region { get; init; }

    /// <summary>Part of the name, or the start of the credit code.</summary>
    public string? Q { get; init; }

    /// <summary>name, creditCode, region, industry, updated (prefix '-' for descending).</summary>
    public string? Sort { get; init; }

    /// <summary>A keyset cursor (<see cref="ListCursor"/>) from the previous page's <c>Next</c>: the page starts after it.</summary>
    public string? After { get; init; }

    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;

    public const int MaxPageSize = 500;
}
