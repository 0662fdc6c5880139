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

    /// <summary>Sales revenue of the main product(s) (主要产品销售收入), v1.1: hidden-champion R&amp;D intensity.</summary>
    public decimal? MainProductRevenue { get; init; }

    /// <summary>Output value of new products (新产品产值), v1.1: hidden-champion new-product output ratio.</summary>
    public decimal? NewProductOutputValue { get; init; }

    /// <summary>Gross industrial output value (工业总产值), v1.1: denominator of the new-product output ratio.</summary>
    public decimal? IndustrialOutputValue { get; init; }
}
