namespace Tidu.Web.Monitoring;

/// <summary>One named row of values of a chart (a bar colour, a funnel, a pie); null is "not available", not zero.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<int?> Values);

/// <summary>
/// A chart as data: the same categories and series draw the chart (wwwroot/js/monitoring.js), fill the table
/// under it and the XLSX export, so the three cannot disagree. Kind is bar, funnel or pie (funnel and pie draw
/// the first series); Totals says whether sums make sense: then the table has a total row, and a total column
/// when there are several series.
/// </summary>
public sealed record ChartData(
    string Id,
    string Title,
    string Kind,
    string CategoryHeader,
    IReadOnlyList<string> Categories,
    IReadOnlyList<ChartSeries> Series,
    bool Totals,
    string? Note = null)
{
    public int? RowTotal(int row) => Sum(Series.Select(s => s.Values[row]));

    public int? ColumnTotal(int series) => Sum(Series[series].Values);

    public int? GrandTotal() => Sum(Series.SelectMany(s => s.Values));

    /// <summary>A sum of available values; null when none is available.</summary>
    private static int? Sum(IEnumerable<int?> values)
    {
        var present = values.Where(v => v.HasValue).ToList();
        return present.Count == 0 ? null : present.Sum(v => v!.Value);
    }
}
