using System.Globalization;
using System.Text;
using MiniExcelLibs;

namespace Tidu.Web.Tests.Infrastructure;

/// <summary>
/// Import files in the CSV/XLSX template: one row per enterprise and fiscal year, Chinese headers as users type
/// them (written out here, not taken from the app, so a renamed column breaks the tests as it would break users' files).
/// </summary>
public static class Tables
{
    public static readonly string[] Headers =
    [
        "统一社会信用代码", "企业名称", "行政区划代码", "行业代码", "成立日期", "年度",
        "营业收入（万元）", "研发费用（万元）", "从业人员（人）",
    ];

    /// <summary>One template row; cells are text exactly as a user would type them.</summary>
    public sealed record Row(string CreditCode, string Name, string RegionCode, string EstablishedOn, string Year, string Revenue, string RdExpense = "300", string Employees = "80")
    {
        public string[] Cells => [CreditCode, Name, RegionCode, Profiles.Industry, EstablishedOn, Year, Revenue, RdExpense, Employees];
    }

    public static byte[] Csv(IEnumerable<Row> rows)
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(',', Headers)).Append("\r\n");
        foreach (var r in rows)
        {
            sb.Append(string.Join(',', r.Cells.Select(Quote))).Append("\r\n");
        }
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    public static byte[] Xlsx(IEnumerable<Row> rows)
    {
        var sheet = rows.Select(r => Headers.Zip(r.Cells).ToDictionary(x => x.First, x => (object?)x.Second)).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(sheet);
        return stream.ToArray();
    }

    /// <summary>The rows of an XLSX file as header → text.</summary>
    public static List<Dictionary<string, string>> ReadXlsx(byte[] xlsx)
    {
        using var stream = new MemoryStream(xlsx);
        return stream.Query(useHeaderRow: true)
            .Cast<IDictionary<string, object?>>()
            .Select(r => r.ToDictionary(x => x.Key, x => Convert.ToString(x.Value, CultureInfo.InvariantCulture) ?? ""))
            .ToList();
    }

    private static string Quote(string cell) =>
        cell.Contains(',', StringComparison.Ordinal) || cell.Contains('"', StringComparison.Ordinal) ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
