namespace Tidu.Data.Entities;

/// <summary>The latest evaluation stored with the enterprise so screening lists filter and sort in the database.</summary>
public sealed class EvaluationSummary
{
    public DateOnly AsOf { get; set; }
    public string? SizeClass { get; set; }

    /// <summary>The highest tier met (by ladder order), null when none.</summary>
    public string? HighestTier { get; set; }

    /// <summary>The lowest tier that is a near miss (one decisive check the enterprise can close), null when none.</summary>
    public string? NearMissTier { get; set; }

    /// <summary>Rule versions used, e.g. "innovative-sme@2022;specialized-sme@2026".</summary>
    public required string RuleVersions { get; set; }
}
