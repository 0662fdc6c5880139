using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;

namespace Tidu.Application.Importing;

/// <summary>Reads a CSV or XLSX upload as rows of text cells keyed by header, with the row number users see.</summary>
public static class TableReader
{
    public enum Format
    {
        Csv,
        Xlsx,
    }

    /// <summary>The table format a file's name says (.csv, .xlsx), or null.</summary>
    public static Format? FormatOf(string fileName) => Path.GetExtension(fileName).ToUpperInvariant() switch
    {
        ".CSV" => Format.Csv,
        ".XLSX" => Format.Xlsx,
        _ => null,
    };

    /// <summary>One row: its number as users see it, its cells by header, and how many columns the header has.</summary>
    public sealed record Row(long Number, IReadOnlyDictionary<string, string> Cells, int Columns);

    public static IEnumerable<Row> Csv(Stream stream)
    {
        using var reader = new StreamReader(stream, detectEncodingFromByteOrderMarks: true);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null, MissingFieldFound = null, DetectDelimiter = true };
        using var csv = new CsvParser(reader, config);
        string[]? header = null;
        while (csv.Read())
        {
            var fields = csv.Record ?? [];
            if (header is null)
            {
                header = fields.Select(h => h.Trim()).ToArray();
                continue;
            }
            if (fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            var cells = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length && i < fields.Length; i++)
            {
                cells[header[i]] = fields[i];
            }
            yield return new Row(csv.Row, cells, header.Length);
        }
    }

    public static IEnumerable<Row> Xlsx(Stream stream)
    {
        long number = 1;
        foreach (IDictionary<string, object?> row in stream.Query(useHeaderRow: true))
        {
            number++;
            var cells = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in row)
            {
                cells[key.Trim()] = value switch
                {
                    null => "",
                    DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    // Excel stores numbers as doubles; 15 significant digits is what Excel itself shows.
                    double x => ((decimal)x).ToString(CultureInfo.InvariantCulture),
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    _ => value.ToString() ?? "",
                };
            }
            if (cells.Values.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            yield return new Row(number, cells, row.Count);
        }
    }
}
