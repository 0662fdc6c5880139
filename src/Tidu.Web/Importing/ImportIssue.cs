namespace Tidu.Web.Importing;

/// <summary>
/// One problem with one row: the row number as the user sees it (header = row 1 in CSV/XLSX; the line or
/// record number in JSON), the column (Chinese header, or JSON Pointer), and the reason in Chinese (for the
/// page) and English (for logs and the API).
/// </summary>
public sealed record ImportIssue(long Row, string Column, string ReasonZh, string ReasonEn);
