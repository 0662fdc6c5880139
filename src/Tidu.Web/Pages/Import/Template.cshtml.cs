using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MiniExcelLibs;
using Tidu.Web.Importing;

namespace Tidu.Web.Pages.Import;

/// <summary>
/// The import template with Chinese headers and one example row, as CSV or XLSX. The template imports as shipped: the
/// example's credit code carries its GB 32100 check character (computed, so it cannot be mistyped).
/// </summary>
public sealed class TemplateModel : PageModel
{
    /// <summary>The example enterprise's credit code: 91 (enterprise), 330102 (上城区), a serial, and its check character.</summary>
    public static string ExampleCreditCode { get; } = "91330102MA2GXXXX0" + Tidu.Domain.CreditCode.CheckCharacter("91330102MA2GXXXX0");

    internal static readonly string[] Example =
    [
        ExampleCreditCode, "示例精工科技有限公司", "330102", "C3484", "2015-06-01", "2025",
        "12000", "11000", "600", "900", "15000", "6000", "180", "40", "0",
    ];

    public async Task<IActionResult> OnGetAsync(string? format, CancellationToken ct)
    {
        var headers = ImportColumns.All.Select(c => c.Header).ToList();
        if (format == "xlsx")
        {
            var row = new Dictionary<string, object?>();
            for (var i = 0; i < headers.Count; i++)
            {
                row[headers[i]] = Example[i];
            }
            using var stream = new MemoryStream();
            await stream.SaveAsAsync(new[] { row }, sheetName: "企业年度数据", cancellationToken: ct).ConfigureAwait(false);
            return File(stream.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "tidu-import-template.xlsx");
        }
        // UTF-8 with BOM so that Excel on Windows opens the Chinese headers correctly.
        var csv = "\uFEFF" + string.Join(',', headers) + "\r\n" + string.Join(',', Example) + "\r\n";
        return File(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", "tidu-import-template.csv");
    }
}
