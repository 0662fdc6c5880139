namespace Tidu.Data.Entities.Workflow;

/// <summary>
/// An objection (异议) raised during publicity. It stays open until resolved: upheld (the application is rejected)
/// or dismissed. An open objection blocks recognition.
/// </summary>
public sealed class ApplicationObjection
{
    public long Id { get; set; }
    public long ApplicationId { get; set; }
    public Application Application { get; set; } = null!;

    public required string Reason { get; set; }
    public required string RaisedBy { get; set; }
    public DateTimeOffset RaisedAt { get; set; }

    /// <summary>Null while open; then <see cref="ObjectionOutcome"/>.</summary>
    public ObjectionOutcome? Outcome { get; set; }

    public string? ResolvedBy { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolutionReason { get; set; }
}

public enum ObjectionOutcome
{
    Upheld,
    Dismissed,
}
