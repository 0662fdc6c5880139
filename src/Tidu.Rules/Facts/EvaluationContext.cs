using Tidu.Domain.Profiles;

namespace Tidu.Rules.Facts;

/// <summary>
/// Everything facts may read while one enterprise is evaluated on one date: the profile, the date D, the
/// last complete fiscal year Y = D.year − 1, the size class, and the tier results computed so far.
/// </summary>
public sealed class EvaluationContext
{
    public EvaluationContext(EnterpriseProfile profile, DateOnly asOf)
    {
        Profile = profile;
        AsOf = asOf;
        LastYear = asOf.Year - 1;
    }

    public EnterpriseProfile Profile { get; }
    public DateOnly AsOf { get; }

    /// <summary>Y: the calendar year before the evaluation date (上年度).</summary>
    public int LastYear { get; }

    /// <summary>Size class name (large/medium/small/micro), or null when not available.</summary>
    public string? SizeClass { get; set; }

    public string? SizeClassMissingField { get; set; }

    /// <summary>Checks evaluated without an explanation that met a "not available" input (lets callers skip explaining).</summary>
    public int MissingReads { get; set; }

    /// <summary>Results of tiers already evaluated, by tier id (for "holds" advice).</summary>
    public Dictionary<string, bool> TierQualified { get; } = new(StringComparer.Ordinal);

    /// <summary>The score of the tier being evaluated: total and per dimension.</summary>
    public decimal? CurrentScore { get; set; }

    public Dictionary<string, decimal> CurrentSubScores { get; } = new(StringComparer.Ordinal);
}
