namespace Tidu.Data.Entities.Service;

/// <summary>A commissioner's visit (走访) to an enterprise: the day, notes and the problems found (and how many were solved).</summary>
public sealed class Visit
{
    public long Id { get; set; }
    public long EnterpriseId { get; set; }
    public Enterprise Enterprise { get; set; } = null!;
    public required string Commissioner { get; set; }
    public DateOnly VisitedOn { get; set; }
    public required string Notes { get; set; }
    public string? IssuesFound { get; set; }

    /// <summary>Problems solved on or after the visit (the national target: at least one per enterprise).</summary>
    public int IssuesSolved { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}
