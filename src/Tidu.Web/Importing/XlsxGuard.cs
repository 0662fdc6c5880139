using System.IO.Compression;

namespace Tidu.Web.Importing;

/// <summary>
/// Checks an XLSX (a zip archive) before any spreadsheet library opens it: the number of parts, their declared sizes
/// and compression ratios, and then — because declared sizes can lie — the bytes each part really expands to,
/// counted while decompressing to nowhere and stopped at the first byte beyond its declared size or the total limit.
/// A 4 MB file that would expand to gigabytes is refused after reading at most the limit.
/// </summary>
public static class XlsxGuard
{
    public sealed record Refusal(string Zh, string En);

    private const long RatioCheckedAbove = 1024 * 1024;

    public static Refusal? Problem(byte[] content, ImportOptions limits)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(limits);
        var tooBig = new Refusal($"Excel 文件解压后过大（上限 {ImportOptions.Size(limits.MaxXlsxUncompressedBytes)}），未读取；请删除多余的工作表、格式和空行，或改用 CSV",
            $"the XLSX expands beyond {limits.MaxXlsxUncompressedBytes} bytes");
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > limits.MaxXlsxEntries)
            {
                return new Refusal($"Excel 文件结构异常：包含 {zip.Entries.Count} 个部件（上限 {limits.MaxXlsxEntries}），未读取",
                    $"the XLSX has {zip.Entries.Count} parts; at most {limits.MaxXlsxEntries}");
            }
            long declared = 0;
            foreach (var entry in zip.Entries)
            {
                declared += entry.Length;
                if (entry.Length > limits.MaxXlsxUncompressedBytes || declared > limits.MaxXlsxUncompressedBytes)
                {
                    return tooBig;
                }
                if (entry.Length > RatioCheckedAbove && entry.Length > (long)limits.MaxXlsxCompressionRatio * Math.Max(entry.CompressedLength, 1))
                {
                    return new Refusal($"Excel 文件压缩比异常（疑似压缩炸弹），未读取", $"part {entry.FullName} expands {entry.Length / Math.Max(entry.CompressedLength, 1)} times; at most {limits.MaxXlsxCompressionRatio}");
                }
            }
            var buffer = new byte[81920];
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                using var part = entry.Open();
                long read = 0;
                int n;
                while ((n = part.Read(buffer, 0, buffer.Length)) > 0)
                {
                    read += n;
                    total += n;
                    if (read > entry.Length || total > limits.MaxXlsxUncompressedBytes)
                    {
                        return tooBig;
                    }
                }
            }
            return null;
        }
        catch (InvalidDataException)
        {
            return new Refusal("无法读取文件（Excel）：文件已损坏或不是有效的 .xlsx 文件", "the file is not a valid XLSX (zip) archive");
        }
    }
}
