namespace Tidu.Rules.Policies;

/// <summary>One input of a calculated amount: its name, title, value and where it came from.</summary>
public sealed record AwardInput(string Name, string Title, decimal Value, string Source);

/// <summary>A cap of a formula and whether it cut the amount: per award (cap) or per firm per year.</summary>
public sealed record CapApplied(string Kind, decimal Limit, decimal Before, decimal After);

/// <summary>
/// One claim of one clause for one occasion (a recognition, a project, a year): the amount (null when it is
/// decided case by case), how it was computed, and — when the highest-once rule dropped it — which claim won.
/// </summary>
public sealed record Claim
{
    public required PolicyClause Clause { get; init; }

    /// <summary>The "same project" key of the stacking rule: recognition:TIER:DATE, project:ID or year:YYYY.</summary>
    public required string ProjectKey { get; init; }

    /// <summary>What occasioned the claim, in Chinese (e.g. 2024-05-01 获专精特新“小巨人”企业认定).</summary>
    public required string OccasionText { get; init; }

    /// <summary>The calendar year the claim counts towards for per-firm-per-year caps.</summary>
    public required int Year { get; init; }
    public DateOnly Date { get; init; }
    public decimal? Amount { get; init; }
    public required string Formula { get; init; }
    public IReadOnlyList<AwardInput> Inputs { get; init; } = [];
    public IReadOnlyList<CapApplied> Caps { get; init; } = [];

    /// <summary>The claim paid instead of this one under the highest-once rule, and the rule's citation.</summary>
    public string? ExcludedBy { get; init; }
    public string? ExclusionCite { get; init; }

    /// <summary>The occasion is a recognition projected from the tier evaluation (simulation), not one held.</summary>
    public bool Projected { get; init; }
}

/// <summary>A clause that almost applies: its occasion exists but one requirement is not met or an input is missing.</summary>
public sealed record NearMiss(PolicyClause Clause, string OccasionText, IReadOnlyList<string> Missing);

/// <summary>Everything an enterprise can claim on a date, after stacking and caps, with totals per funding level.</summary>
public sealed record EnterpriseAwards(
    string CreditCode,
    string Name,
    string RegionCode,
    DateOnly AsOf,
    IReadOnlyList<Claim> Paid,
    IReadOnlyList<Claim> Excluded,
    IReadOnlyList<Claim> Services,
    IReadOnlyList<NearMiss> NearMisses)
{
    /// <summary>Sum of the paid amounts per funding-level key (amounts decided case by case are not in it).</summary>
    public IReadOnlyDictionary<string, decimal> TotalsByFundingLevel { get; } = Paid.Where(c => c.Amount is not null)
        .GroupBy(c => c.Clause.FundingKey, StringComparer.Ordinal)
        .OrderBy(g => g.Key, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Sum(c => c.Amount!.Value), StringComparer.Ordinal);

    public decimal Total => Paid.Sum(c => c.Amount ?? 0m);

    /// <summary>Tiers of the region without criteria in force on the date: not assessed (the claims above do not depend on them).</summary>
    public IReadOnlyList<NotAssessableTier> NotAssessable { get; init; } = [];

    /// <summary>Paid claims whose amount is decided case by case (not in the totals).</summary>
    public int PerCaseCount => Paid.Count(c => c.Amount is null && c.Clause.Amount?.Kind != FormulaKind.Unstated);

    /// <summary>Paid claims whose text gives money without stating the amount (not in the totals).</summary>
    public int UnstatedCount => Paid.Count(c => c.Amount is null && c.Clause.Amount?.Kind == FormulaKind.Unstated);
}
