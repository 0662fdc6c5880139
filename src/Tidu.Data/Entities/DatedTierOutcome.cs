namespace Tidu.Data.Entities;

/// <summary>
/// One tier's outcome for an enterprise as of a date, under the rule version in force then: the evaluation history
/// that dated figures (the dashboard and report for a past day) are read from. A row holds from its date until the
/// next row of the same enterprise and tier; a re-evaluation with the same outcome, version, score and region adds
/// no row. The region is the enterprise's when it was evaluated, so a file that moved counts where it was on the day.
/// </summary>
public sealed class DatedTierOutcome
{
    public long EnterpriseId { get; set; }
    public Enterprise Enterprise { get; set; } = null!;
    public required string Tier { get; set; }
    public DateOnly AsOf { get; set; }

    /// <summary>The tier's rule version, e.g. "specialized-sme@2026"; null when the evaluation on this date no longer covered the tier.</summary>
    public string? RuleVersion { get; set; }

    public bool Qualified { get; set; }

    /// <summary>One decisive check short and closable by the enterprise (see <see cref="TierOutcome.NearMiss"/>).</summary>
    public bool NearMiss { get; set; }

    public decimal? Score { get; set; }
    public required string ProvinceCode { get; set; }
    public string? CityCode { get; set; }
    public required string RegionCode { get; set; }

    /// <summary>Whether <paramref name="other"/> says the same as this row (then it need not be stored as a change).</summary>
    public bool SameOutcome(DatedTierOutcome other) =>
        other is not null && RuleVersion == other.RuleVersion && Qualified == other.Qualified && NearMiss == other.NearMiss && Score == other.Score
        && ProvinceCode == other.ProvinceCode && CityCode == other.CityCode && RegionCode == other.RegionCode;
}
