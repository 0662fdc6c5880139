namespace Tidu.Data.Entities;

/// <summary>
/// One enterprise's file (一企一档). Identity and the fields screening filters on are columns; yearly figures,
/// recognitions and honours are child rows; everything else of the exchange-format profile is kept as the
/// JSON of its attributes so a newer format version round-trips without a schema change.
/// </summary>
public sealed class Enterprise
{
    public long Id { get; set; }
    public required string CreditCode { get; set; }
    public required string Name { get; set; }
    public required string RegionCode { get; set; }

    /// <summary>Ancestors of <see cref="RegionCode"/>, stored so region scope is an indexed equality, not a tree walk.</summary>
    public required string ProvinceCode { get; set; }

    public string? CityCode { get; set; }
    public required string IndustryCode { get; set; }
    public DateOnly? EstablishedOn { get; set; }

    /// <summary>The remaining profile members as exchange-format JSON (without identity, financials, recognitions, honours).</summary>
    public required string Attributes { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency: two officers editing one file — the second gets a conflict, not a silent overwrite.</summary>
    public int Revision { get; set; }

    public EvaluationSummary? Evaluation { get; set; }

    public List<EnterpriseFinancialYear> Financials { get; set; } = [];
    public List<EnterpriseRecognition> Recognitions { get; set; } = [];
    public List<EnterpriseHonor> Honors { get; set; } = [];
    public List<TierOutcome> TierOutcomes { get; set; } = [];

    /// <summary>Every stored tier outcome by as-of date (the evaluation history); loaded with the file so a new evaluation is placed in it.</summary>
    public List<DatedTierOutcome> OutcomeHistory { get; set; } = [];

    /// <summary>
    /// Changes of the daily roll-up caused by evaluations stored on this object and not yet saved (not a column): the
    /// save that writes the history rows adds them to the roll-up in its transaction, then clears them.
    /// </summary>
    public List<Monitoring.TierDayCount> PendingCounts { get; } = [];
}
