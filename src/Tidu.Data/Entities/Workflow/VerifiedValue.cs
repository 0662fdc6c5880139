namespace Tidu.Data.Entities.Workflow;

/// <summary>
/// A value an officer verified (核实) for one field of the declared file, e.g. 2025 R&amp;D expense corrected from the
/// audit report. Append-only: the latest row of a field is the verified value; earlier rows are its history.
/// </summary>
public sealed class VerifiedValue
{
    public long Id { get; set; }
    public long ApplicationId { get; set; }
    public Application Application { get; set; } = null!;
    public long EnterpriseId { get; set; }

    /// <summary>JSON Pointer into the declared file; financial years are addressed by year: /financials/2025/rdExpense.</summary>
    public required string Field { get; set; }

    /// <summary>The declared value as JSON (null: the enterprise declared nothing for it).</summary>
    public string? Declared { get; set; }

    /// <summary>The verified value as JSON (null: verified as not available).</summary>
    public string? Verified { get; set; }

    public required string Reason { get; set; }
    public required string VerifiedBy { get; set; }
    public DateTimeOffset VerifiedAt { get; set; }
}
