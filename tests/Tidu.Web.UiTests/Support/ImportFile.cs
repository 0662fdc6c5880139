using System.Globalization;
using System.Text;
using Tidu.Domain;
using Tidu.Web.Importing;

namespace Tidu.Web.UiTests.Support;

/// <summary>Builds an upload in the template's layout (Chinese headers, one row per enterprise and year).</summary>
public sealed class ImportFile
{
    private readonly List<IReadOnlyDictionary<string, string>> _rows = [];

    /// <summary>A valid credit code in <paramref name="regionCode"/>: "91" + region + a 9-character serial + the GB 32100 check character.</summary>
    public static string CreditCodeFor(string regionCode, string serial)
    {
        var first17 = "91" + regionCode + serial;
        return first17 + CreditCode.CheckCharacter(first17);
    }

    /// <summary>The same code with a wrong check character (the next one in the alphabet).</summary>
    public static string WithWrongCheckCharacter(string code)
    {
        var alphabet = Enumerable.Range(0, CreditCode.AlphabetSize).Select(CreditCode.AlphabetAt).ToList();
        var wrong = alphabet[(alphabet.IndexOf(code[^1]) + 1) % alphabet.Count];
        return code[..^1] + wrong;
    }

    /// <summary>Adds a data row; returns its row number as a spreadsheet shows it (the header is row 1).</summary>
    public int Add(IReadOnlyDictionary<string, string> cellsByHeader)
    {
        foreach (var header in cellsByHeader.Keys)
        {
            if (ImportColumns.ByHeader(header) is null)
            {
                throw new ArgumentException($"'{header}' is not a template column", nameof(cellsByHeader));
            }
        }
        _rows.Add(cellsByHeader);
        return _rows.Count + 1;
    }

    public byte[] ToCsv()
    {
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(',', ImportColumns.All.Select(c => c.Header)));
        foreach (var row in _rows)
        {
            csv.AppendLine(string.Join(',', ImportColumns.All.Select(c => Quote(row.GetValueOrDefault(c.Header, "")))));
        }
        // With a BOM, as Excel saves "CSV UTF-8", the format officers will actually upload.
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;

    public static string Amount(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
