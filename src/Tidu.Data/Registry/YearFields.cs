using Tidu.Data.Entities;
using Tidu.Domain.Profiles;

namespace Tidu.Data.Registry;

/// <summary>One yearly figure as it is stored: its exchange-format key, its column, and how it moves between the two.</summary>
/// <typeparam name="T">decimal (amounts, 万元) or int (headcounts).</typeparam>
public sealed record YearField<T>(string Key, string Column, Func<FinancialYear, T?> FromProfile, Func<EnterpriseFinancialYear, T?> Get,
    Action<EnterpriseFinancialYear, T?> Set)
    where T : struct;

/// <summary>
/// Every yearly figure of the exchange format that a stored file keeps, listed once: the profile mapping, the bulk
/// stores and the JSON read back all go through these lists, so a field added to the format is added here and nowhere
/// else (a field missing from one hand-written list was silently dropped on storage). A test keeps the lists equal to
/// the members of <see cref="FinancialYear"/>.
/// </summary>
public static class YearFields
{
    public static IReadOnlyList<YearField<decimal>> Amounts { get; } =
    [
        new("operatingRevenue", nameof(EnterpriseFinancialYear.OperatingRevenue), f => f.OperatingRevenue, r => r.OperatingRevenue, (r, v) => r.OperatingRevenue = v),
        new("mainBusinessRevenue", nameof(EnterpriseFinancialYear.MainBusinessRevenue), f => f.MainBusinessRevenue, r => r.MainBusinessRevenue, (r, v) => r.MainBusinessRevenue = v),
        new("rdExpense", nameof(EnterpriseFinancialYear.RdExpense), f => f.RdExpense, r => r.RdExpense, (r, v) => r.RdExpense = v),
        new("basicResearchExpense", nameof(EnterpriseFinancialYear.BasicResearchExpense), f => f.BasicResearchExpense, r => r.BasicResearchExpense, (r, v) => r.BasicResearchExpense = v),
        new("netProfit", nameof(EnterpriseFinancialYear.NetProfit), f => f.NetProfit, r => r.NetProfit, (r, v) => r.NetProfit = v),
        new("totalAssets", nameof(EnterpriseFinancialYear.TotalAssets), f => f.TotalAssets, r => r.TotalAssets, (r, v) => r.TotalAssets = v),
        new("totalLiabilities", nameof(EnterpriseFinancialYear.TotalLiabilities), f => f.TotalLiabilities, r => r.TotalLiabilities, (r, v) => r.TotalLiabilities = v),
        new("newQualifiedEquityFinancing", nameof(EnterpriseFinancialYear.NewQualifiedEquityFinancing), f => f.NewQualifiedEquityFinancing, r => r.NewQualifiedEquityFinancing,
            (r, v) => r.NewQualifiedEquityFinancing = v),
        new("mainProductRevenue", nameof(EnterpriseFinancialYear.MainProductRevenue), f => f.MainProductRevenue, r => r.MainProductRevenue, (r, v) => r.MainProductRevenue = v),
        new("newProductOutputValue", nameof(EnterpriseFinancialYear.NewProductOutputValue), f => f.NewProductOutputValue, r => r.NewProductOutputValue,
            (r, v) => r.NewProductOutputValue = v),
        new("industrialOutputValue", nameof(EnterpriseFinancialYear.IndustrialOutputValue), f => f.IndustrialOutputValue, r => r.IndustrialOutputValue,
            (r, v) => r.IndustrialOutputValue = v),
    ];

    public static IReadOnlyList<YearField<int>> Headcounts { get; } =
    [
        new("employees", nameof(EnterpriseFinancialYear.Employees), f => f.Employees, r => r.Employees, (r, v) => r.Employees = v),
        new("rdStaff", nameof(EnterpriseFinancialYear.RdStaff), f => f.RdStaff, r => r.RdStaff, (r, v) => r.RdStaff = v),
    ];

    /// <summary>The value columns in the order the bulk stores write them: the amounts, then the headcounts.</summary>
    public static IReadOnlyList<string> Columns { get; } = [.. Amounts.Select(a => a.Column), .. Headcounts.Select(h => h.Column)];

    /// <summary>The values of <paramref name="row"/> in the order of <see cref="Columns"/> (null where not available).</summary>
    public static IEnumerable<object?> Values(EnterpriseFinancialYear row)
    {
        foreach (var a in Amounts)
        {
            yield return a.Get(row);
        }
        foreach (var h in Headcounts)
        {
            yield return h.Get(row);
        }
    }
}
