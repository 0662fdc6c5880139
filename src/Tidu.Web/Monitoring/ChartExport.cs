using MiniExcelLibs;

namespace Tidu.Web.Monitoring;

/// <summary>A chart's table as an XLSX file: the same rows and columns, and totals, as the table on the page.</summary>
public static class ChartExport
{
    public static async Task<byte[]> XlsxAsync(ChartData chart, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var rowTotals = chart.HasRowTotals;
        var rows = new List<Dictionary<string, object?>>();
        for (var i = 0; i < chart.Categories.Count; i++)
        {
            var row = new Dictionary<string, object?> { [chart.CategoryHeader] = chart.Categories[i] };
            foreach (var s in chart.Series)
            {
                row[s.Name] = s.Values[i];
            }
            foreach (var r in chart.Shares)
            {
                row[r.Name] = chart.Share(r, i);
            }
            if (rowTotals)
            {
                row[ChartTable.TotalLabel] = chart.RowTotal(i);
            }
            rows.Add(row);
        }
        if (chart.Totals)
        {
            var total = new Dictionary<string, object?> { [chart.CategoryHeader] = ChartTable.TotalLabel };
            for (var s = 0; s < chart.Series.Count; s++)
            {
                total[chart.Series[s].Name] = chart.ColumnTotal(s);
            }
            foreach (var r in chart.Shares)
            {
                total[r.Name] = chart.TotalShare(r);
            }
            if (rowTotals)
            {
                total[ChartTable.TotalLabel] = chart.GrandTotal();
            }
            rows.Add(total);
        }
        using var stream = new MemoryStream();
        // Excel limits sheet names to 31 characters.
        await stream.SaveAsAsync(rows, sheetName: chart.Id.Length > 31 ? chart.Id[..31] : chart.Id, cancellationToken: ct).ConfigureAwait(false);
        return stream.ToArray();
    }
}

/// <summary>Words shared by the page's tables and the exports.</summary>
public static class ChartTable
{
    public const string TotalLabel = "合计";
}
