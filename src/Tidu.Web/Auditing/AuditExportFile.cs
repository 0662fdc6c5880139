using System.Globalization;
using MiniExcelLibs;
using Tidu.Application.Auditing;

namespace Tidu.Web.Auditing;

/// <summary>An audit export as a file: CSV (UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese) or XLSX, with Chinese column titles.</summary>
public static class AuditExportFile
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    public static async Task<byte[]> WriteAsync(IReadOnlyList<AuditRow> rows, string format, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var table = rows.Select(r => new Dictionary<string, object?>
        {
            ["序号"] = r.Sequence,
            ["时间（北京时间）"] = r.At.ToOffset(Beijing).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            ["操作者"] = r.Actor,
            ["事件"] = r.Event,
            ["对象类型"] = r.Entity,
            ["对象"] = r.Key,
            ["结果"] = r.Outcome,
            ["来源地址"] = r.Address,
            ["详情"] = r.Details,
        }).ToList();
        using var stream = new MemoryStream();
        if (format == "xlsx")
        {
            await stream.SaveAsAsync(table, sheetName: "审计日志", cancellationToken: ct).ConfigureAwait(false);
        }
        else
        {
            await using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
            await using var csv = new CsvHelper.CsvWriter(writer, CultureInfo.InvariantCulture);
            foreach (var header in table.FirstOrDefault()?.Keys ?? Enumerable.Empty<string>())
            {
                csv.WriteField(header);
            }
            await csv.NextRecordAsync().ConfigureAwait(false);
            foreach (var row in table)
            {
                foreach (var value in row.Values)
                {
                    csv.WriteField(value?.ToString());
                }
                await csv.NextRecordAsync().ConfigureAwait(false);
            }
        }
        return stream.ToArray();
    }
}
