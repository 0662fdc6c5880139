namespace Tidu.Data.Entities;

/// <summary>One fiscal year of an enterprise's figures (万元; headcounts year-end). Unique per enterprise and year.</summary>
public sealed class EnterpriseFinancialYear
{
    public long EnterpriseId { get; set; }
    public Enterprise Enterprise { get; set; } = null!;
    public int Year { get; set; }
    public decimal? OperatingRevenue { get; set; }
    public decimal? MainBusinessRevenue { get; set; }
    public decimal? RdExpense { get; set; }
    public decimal? BasicResearchExpense { get; set; }
    public decimal? NetProfit { get; set; }
    public decimal? TotalAssets { get; set; }
    public decimal? TotalLiabilities { get; set; }
    public int? Employees { get; set; }
    public int? RdStaff { get; set; }
    public decimal? NewQualifiedEquityFinancing { get; set; }

    /// <summary>Sales revenue of the main product(s) (主要产品销售收入), exchange format v1.1.</summary>
    public decimal? MainProductRevenue { get; set; }

    /// <summary>Output value of new products (新产品产值), exchange format v1.1.</summary>
    public decimal? NewProductOutputValue { get; set; }

    /// <summary>Gross industrial output value (工业总产值), exchange format v1.1.</summary>
    public decimal? IndustrialOutputValue { get; set; }
}
