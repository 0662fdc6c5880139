namespace Tidu.Data.Entities.Dynamic;

/// <summary>
/// An official list of recognitions entered as published by the authority that issued them (a ministry's or a
/// province's list of recognised enterprises, with its document number): who entered it, when, for which tier and
/// dates, how many enterprises it names and how many recognitions it added. Append-only and audited; each recognition
/// it added carries "official-list:文号" as its basis.
/// </summary>
public sealed class OfficialRecognitionList
{
    public long Id { get; set; }
    public required string Tier { get; set; }

    /// <summary>The issuing authority as the list names it (e.g. 工业和信息化部).</summary>
    public required string Issuer { get; set; }

    /// <summary>The list's document number (文号), e.g. 工信厅企业函〔2025〕1号.</summary>
    public required string DocumentNumber { get; set; }

    public DateOnly RecognizedOn { get; set; }
    public DateOnly? ValidUntil { get; set; }
    public required string ImportedBy { get; set; }
    public DateTimeOffset ImportedAt { get; set; }

    /// <summary>Enterprises the list names, found on the platform and not.</summary>
    public int Listed { get; set; }

    public int Added { get; set; }

    /// <summary>SHA-256 of the sorted credit codes: which list exactly was entered.</summary>
    public required string ListHash { get; set; }
}
