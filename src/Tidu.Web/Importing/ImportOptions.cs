using System.ComponentModel.DataAnnotations;

namespace Tidu.Web.Importing;

/// <summary>
/// The limits of an import (appsettings "Import"), the same for the page and the API. Each is explicit: a file beyond
/// one is refused, or its rows beyond one are reported, with the limit named in Chinese.
/// </summary>
public sealed class ImportOptions
{
    public const string Section = "Import";

    /// <summary>Largest upload, page and API alike (a 100k-row CSV is about 15 MB).</summary>
    [Range(1024, long.MaxValue)]
    public long MaxUploadBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Data rows (CSV, XLSX) or records (JSON) read from one file; the rest is reported, not read.</summary>
    [Range(1, int.MaxValue)]
    public int MaxRows { get; set; } = 200_000;

    /// <summary>Columns of the header row (the template has 15).</summary>
    [Range(1, 16_384)]
    public int MaxColumns { get; set; } = 64;

    /// <summary>Characters of one cell; a longer cell is a problem of its row (the columns' own limits are the database's).</summary>
    [Range(1, int.MaxValue)]
    public int MaxCellLength { get; set; } = 2_000;

    /// <summary>Problems kept and shown per import (all are counted).</summary>
    [Range(1, 100_000)]
    public int MaxIssuesKept { get; set; } = 1_000;

    /// <summary>Problems per page of the report.</summary>
    [Range(1, 1_000)]
    public int IssuesPerPage { get; set; } = 100;

    /// <summary>What an XLSX may expand to, all its parts together (a zip bomb is refused before it is read).</summary>
    [Range(1024, long.MaxValue)]
    public long MaxXlsxUncompressedBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>Largest compression ratio of a part above 1 MiB (spreadsheets compress about 5–20 times).</summary>
    [Range(2, 10_000)]
    public int MaxXlsxCompressionRatio { get; set; } = 100;

    /// <summary>Parts of an XLSX (a workbook with one sheet has about ten).</summary>
    [Range(1, 100_000)]
    public int MaxXlsxEntries { get; set; } = 256;

    /// <summary>How long a job, its upload and its report are kept.</summary>
    [Range(1, 24 * 365)]
    public int RetentionHours { get; set; } = 24;

    /// <summary>How long a node holds a job it works on before another node may take it over.</summary>
    [Range(10, 86_400)]
    public int LeaseSeconds { get; set; } = 300;

    /// <summary>A size as users read it: "64 MB", or "64 KB" below a megabyte.</summary>
    public static string Size(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / (1024 * 1024)} MB" : $"{bytes / 1024} KB";

    /// <summary>How often a node looks for queued jobs (it also wakes at once for its own uploads).</summary>
    [Range(1, 3_600)]
    public int PollSeconds { get; set; } = 2;
}
