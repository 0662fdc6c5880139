namespace Tidu.Domain.Profiles;

/// <summary>
/// One enterprise as Tidu reads it (exchange format v1/v1.1). Amounts are in 万元 as <see cref="decimal"/>,
/// ratios are fractions. A <c>null</c> member means "not provided" — never zero: the rules decide what a
/// missing value means (a default such as "not on the abnormal list", or "not available").
/// </summary>
public sealed record EnterpriseProfile
{
    public required string CreditCode { get; init; }
    public required string Name { get; init; }
    public required string RegionCode { get; init; }
    public required string IndustryCode { get; init; }
    public bool? RegisteredInMainland { get; init; }
    public bool? IndependentLegalPerson { get; init; }
    public DateOnly? EstablishedOn { get; init; }
    public DateOnly? NicheMarketSince { get; init; }
    public string? Listing { get; init; }
    public string? ListingPlan { get; init; }
    public MainProduct? MainProduct { get; init; }

    /// <summary>One entry per fiscal year, sorted by year ascending (the reader sorts; years are unique).</summary>
    public required IReadOnlyList<FinancialYear> Financials { get; init; }

    public IntellectualProperty? IntellectualProperty { get; init; }
    public string? RdInstitution { get; init; }
    public int? DigitalLevel { get; init; }
    public bool? CoreBusinessOnInformationSystem { get; init; }
    public QualityInfo? Quality { get; init; }
    public IReadOnlyList<StandardEntry>? Standards { get; init; }
    public IReadOnlyList<Honor>? Honors { get; init; }
    public IReadOnlyList<Recognition>? Recognitions { get; init; }
    public decimal? LocalFeatureScore { get; init; }
    public Compliance? Compliance { get; init; }
    public IReadOnlyList<QualityEvaluation>? QualityEvaluations { get; init; }

    /// <summary>
    /// Ids of qualitative criteria (e.g. <c>hidden-champion.pool.focus</c>) that an officer has verified as met (v1.1).
    /// Null when not provided: such criteria are then "not available", never assumed.
    /// </summary>
    public IReadOnlyList<string>? VerifiedCriteria { get; init; }

    /// <summary>The financial entry of <paramref name="year"/>, or null when the profile has none.</summary>
    public FinancialYear? FinancialsOf(int year)
    {
        // Financials are few (a handful of years), so a linear scan beats any index.
        foreach (var f in Financials)
        {
            if (f.Year == year)
            {
                return f;
            }
        }
        return null;
    }

    /// <summary>Index of the entry of <paramref name="year"/> in <see cref="Financials"/> as given in the input, or -1.</summary>
    public int InputIndexOfYear(int year)
    {
        foreach (var f in Financials)
        {
            if (f.Year == year)
            {
                return f.InputIndex;
            }
        }
        return -1;
    }
}
