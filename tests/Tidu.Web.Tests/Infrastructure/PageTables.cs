using System.Net;
using System.Text.RegularExpressions;

namespace Tidu.Web.Tests.Infrastructure;

/// <summary>A chart's table read back from the monitoring page's HTML: cells by category and series, and the totals.</summary>
public sealed partial record PageTable(
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Cells,
    IReadOnlyDictionary<string, string> RowTotals,
    IReadOnlyDictionary<string, string> ColumnTotals,
    string? GrandTotal)
{
    public static PageTable Read(string html, string chartId)
    {
        var table = Regex.Match(html, $"data-testid=\"table-{Regex.Escape(chartId)}\">(.*?)</table>", RegexOptions.Singleline);
        if (!table.Success)
        {
            throw new InvalidOperationException($"the page has no table of chart {chartId}");
        }
        var body = table.Groups[1].Value;
        var cells = new Dictionary<string, IReadOnlyDictionary<string, string>>();
        var rowTotals = new Dictionary<string, string>();
        foreach (Match row in Row().Matches(body))
        {
            var category = WebUtility.HtmlDecode(row.Groups[1].Value);
            cells[category] = Cell().Matches(row.Groups[2].Value).ToDictionary(c => WebUtility.HtmlDecode(c.Groups[1].Value), c => WebUtility.HtmlDecode(c.Groups[2].Value.Trim()));
            if (RowTotal().Match(row.Groups[2].Value) is { Success: true } t)
            {
                rowTotals[category] = t.Groups[1].Value.Trim();
            }
        }
        var footer = Footer().Match(body);
        var columnTotals = footer.Success
            ? Cell().Matches(footer.Groups[1].Value).ToDictionary(c => WebUtility.HtmlDecode(c.Groups[1].Value), c => c.Groups[2].Value.Trim())
            : [];
        var grand = Grand().Match(body);
        return new PageTable(cells, rowTotals, columnTotals, grand.Success ? grand.Groups[1].Value.Trim() : null);
    }

    [GeneratedRegex("<tr data-category=\"([^\"]*)\">(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex Row();

    [GeneratedRegex("<td data-series=\"([^\"]*)\">([^<]*)</td>")]
    private static partial Regex Cell();

    [GeneratedRegex("<td data-total=\"row\">([^<]*)</td>")]
    private static partial Regex RowTotal();

    [GeneratedRegex("<tr data-total=\"column\">(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex Footer();

    [GeneratedRegex("<td data-total=\"grand\">([^<]*)</td>")]
    private static partial Regex Grand();
}
