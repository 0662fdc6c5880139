namespace Tidu.Web.Importing;

/// <summary>
/// The columns of the CSV/XLSX template: one row per enterprise and fiscal year. The Chinese header is what users
/// see and type; the key is the exchange-format member the cell fills.
/// </summary>
public static class ImportColumns
{
    public sealed record Column(string Header, string Key, ColumnKind Kind, bool Required, bool PerYear);

    public enum ColumnKind
    {
        Text,
        Date,
        WholeNumber,
        Amount,
    }

    public static IReadOnlyList<Column> All { get; } =
    [
        new("统一社会信用代码", "creditCode", ColumnKind.Text, true, false),
        new("企业名称", "name", ColumnKind.Text, true, false),
        new("行政区划代码", "regionCode", ColumnKind.Text, true, false),
        new("行业代码", "industryCode", ColumnKind.Text, true, false),
        new("成立日期", "establishedOn", ColumnKind.Date, false, false),
        new("年度", "year", ColumnKind.WholeNumber, true, true),
        new("营业收入（万元）", "operatingRevenue", ColumnKind.Amount, false, true),
        new("主营业务收入（万元）", "mainBusinessRevenue", ColumnKind.Amount, false, true),
        new("研发费用（万元）", "rdExpense", ColumnKind.Amount, false, true),
        new("净利润（万元）", "netProfit", ColumnKind.Amount, false, true),
        new("资产总额（万元）", "totalAssets", ColumnKind.Amount, false, true),
        new("负债总额（万元）", "totalLiabilities", ColumnKind.Amount, false, true),
        new("从业人员（人）", "employees", ColumnKind.WholeNumber, false, true),
        new("研发人员（人）", "rdStaff", ColumnKind.WholeNumber, false, true),
        new("新增股权融资（万元）", "newQualifiedEquityFinancing", ColumnKind.Amount, false, true),
    ];

    public static Column? ByHeader(string header) => All.FirstOrDefault(c => c.Header == header.Trim());

    public static Column? ByKey(string key) => All.FirstOrDefault(c => c.Key == key);
}
