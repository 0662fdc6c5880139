namespace Tidu.Rules.Facts;

/// <summary>
/// Parameters a rule file gives a fact: which year (offset from the last complete fiscal year Y), how many
/// years, which honour kinds, etc. Policy numbers such as "within 3 years" live here, in the rule file.
/// </summary>
public sealed record FactArgs
{
    /// <summary>Offset from Y, the last complete fiscal year before the evaluation date: 0 = Y, −1 = Y−1.</summary>
    public int? Year { get; init; }

    /// <summary>Window length in years, ending at Y (sums, averages, growth).</summary>
    public int? Years { get; init; }

    public IReadOnlyList<string>? Kinds { get; init; }
    public int? WithinYears { get; init; }
    public int? MaxRank { get; init; }
    public string? Tier { get; init; }
    public string? Field { get; init; }
    public IReadOnlyList<string>? Matching { get; init; }
    public IReadOnlyList<string>? Levels { get; init; }
    public IReadOnlyList<string>? Roles { get; init; }
    public string? Dimension { get; init; }

    /// <summary>Denominator field of a ratio of sums (the numerator is <see cref="Field"/>).</summary>
    public string? Over { get; init; }

    /// <summary>Id of a qualitative criterion an officer verifies (matched against the profile's verifiedCriteria).</summary>
    public string? Criterion { get; init; }

    /// <summary>Names of the arguments that are set, for checking them against what a fact accepts.</summary>
    public IEnumerable<string> SetNames()
    {
        if (Year is not null) { yield return "year"; }
        if (Years is not null) { yield return "years"; }
        if (Kinds is not null) { yield return "kinds"; }
        if (WithinYears is not null) { yield return "withinYears"; }
        if (MaxRank is not null) { yield return "maxRank"; }
        if (Tier is not null) { yield return "tier"; }
        if (Field is not null) { yield return "field"; }
        if (Matching is not null) { yield return "matching"; }
        if (Levels is not null) { yield return "levels"; }
        if (Roles is not null) { yield return "roles"; }
        if (Dimension is not null) { yield return "dimension"; }
        if (Over is not null) { yield return "over"; }
        if (Criterion is not null) { yield return "criterion"; }
    }
}
