namespace Tidu.Application.Monitoring;

/// <summary>One named row of values of a chart (a bar colour, a funnel, a pie); null is "not available", not zero.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<int?> Values);

/// <summary>
/// A share shown beside a chart's series in its table and export (not drawn): <see cref="Numerator"/> over
/// <see cref="Denominator"/>, both indexes of the chart's series, computed from the raw counts of each row and of the
/// total row; not available when the denominator is zero or missing.
/// </summary>
public sealed record ChartRatio(string Name, int Numerator, int Denominator);

/// <summary>
/// A chart as data: the same categories and series draw the chart (wwwroot/js/monitoring.js), fill the table
/// under it and the XLSX export, so the three cannot disagree. Kind is bar, funnel or pie (funnel and pie draw
/// the first series); Totals says whether sums make sense: then the table has a total row, and a total column
/// when there are several series and <paramref name="RowTotals"/> (false when a row's series are not parts of one
/// whole, e.g. raised and answered requests) — or with one series too when <paramref name="TotalColumnAlways"/> (a
/// published total per row that readers look for under that name, e.g. a city's published recognitions over the
/// years). <paramref name="Ratios"/> add share columns after the series.
/// <paramref name="Missing"/> is what an empty cell reads, as the chart's note explains it (default 不适用).
/// </summary>
public sealed record ChartData(
    string Id,
    string Title,
    string Kind,
    string CategoryHeader,
    IReadOnlyList<string> Categories,
    IReadOnlyList<ChartSeries> Series,
    bool Totals,
    string? Note = null,
    bool RowTotals = true,
    IReadOnlyList<ChartRatio>? Ratios = null,
    string? Missing = null,
    bool TotalColumnAlways = false)
{
    /// <summary>Whether the table has a total column (sums across the series of a row).</summary>
    public bool HasRowTotals => Totals && RowTotals && (Series.Count > 1 || (TotalColumnAlways && Series.Count == 1));

    public IReadOnlyList<ChartRatio> Shares => Ratios ?? [];

    /// <summary>A share of row <paramref name="row"/> as a percentage with one decimal (e.g. "66.7%"), or null when not available.</summary>
    public string? Share(ChartRatio ratio, int row)
    {
        ArgumentNullException.ThrowIfNull(ratio);
        return Percent(Series[ratio.Numerator].Values[row], Series[ratio.Denominator].Values[row]);
    }

    /// <summary>The share over the column totals (not an average of the rows' shares).</summary>
    public string? TotalShare(ChartRatio ratio)
    {
        ArgumentNullException.ThrowIfNull(ratio);
        return Percent(ColumnTotal(ratio.Numerator), ColumnTotal(ratio.Denominator));
    }

    private static string? Percent(int? numerator, int? denominator) =>
        numerator is { } n && denominator is { } d && d != 0
            ? (Math.Round(100m * n / d, 1, MidpointRounding.AwayFromZero)).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%"
            : null;

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
