using System.IO.Compression;

namespace Tidu.Application.Workflow;

/// <summary>
/// What a file is, by its content: the magic bytes of PDF, JPEG and PNG, and for a ZIP container the part that makes it
/// a workbook (xl/workbook.xml) or a document (word/document.xml). The name's extension must agree: an executable
/// renamed .pdf is not a PDF.
/// </summary>
public static class MaterialKind
{
    public sealed record Kind(string Id, string ContentType, string[] Extensions);

    public static IReadOnlyList<Kind> All { get; } =
    [
        new("pdf", "application/pdf", [".pdf"]),
        new("jpeg", "image/jpeg", [".jpg", ".jpeg"]),
        new("png", "image/png", [".png"]),
        new("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [".xlsx"]),
        new("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", [".docx"]),
    ];

    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];

    /// <summary>The kind of the content of <paramref name="file"/> (a readable, seekable stream), or null when it is none of them.</summary>
    public static Kind? Detect(Stream file)
    {
        ArgumentNullException.ThrowIfNull(file);
        Span<byte> head = stackalloc byte[8];
        file.Position = 0;
        var read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..read];
        string? id = head.StartsWith(Pdf) ? "pdf"
            : head.StartsWith(Jpeg) ? "jpeg"
            : head.StartsWith(Png) ? "png"
            : head.StartsWith(Zip) ? OfficeKind(file)
            : null;
        return All.SingleOrDefault(k => k.Id == id);
    }

    public static Kind? ByExtension(string fileName) =>
        All.SingleOrDefault(k => k.Extensions.Contains(Path.GetExtension(fileName), StringComparer.OrdinalIgnoreCase));

    private static string? OfficeKind(Stream file)
    {
        file.Position = 0;
        try
        {
            using var zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            return !names.Contains("[Content_Types].xml") ? null
                : names.Contains("xl/workbook.xml") ? "xlsx"
                : names.Contains("word/document.xml") ? "docx"
                : null;
        }
        catch (InvalidDataException)
        {
            return null; // starts like a ZIP but is not one
        }
    }
}
