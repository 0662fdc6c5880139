namespace Tidu.Domain.Profiles;

/// <summary>One fiscal year of figures. Amounts in 万元; headcounts are year-end.</summary>
public sealed record FinancialYear
{
    public required int Year { get; init; }

    /// <summary>Position of this entry in the input's <c>financials</c> array, so explanations can point into the input.</summary>
    public int InputIndex { get; init; }

    public decimal? OperatingRevenue { get; init; }
    public decimal? MainBusinessRevenue { get; init; }
    public decimal? RdExpense { get; init; }
    public decimal? BasicResearchExpense { get; init; }
    public decimal? NetProfit { get; init; }
    public decimal? TotalAssets { get; init; }
    public decimal? TotalLiabilities { get; init; }
    public int? Employees { get; init; }
    public int? RdStaff { get; init; }
    public decimal? NewQualifiedEquityFinancing { get; init; }
}
