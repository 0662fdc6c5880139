namespace Tidu.Data.Entities.Service;

/// <summary>
/// A request (诉求) raised by an enterprise: routed to its commissioner's level (or its county), answered by a
/// deadline, escalated one level up when overdue, and closed by the enterprise with a satisfaction rating.
/// </summary>
public sealed class EnterpriseRequest
{
    public long Id { get; set; }
    public long EnterpriseId { get; set; }
    public Enterprise Enterprise { get; set; } = null!;

    /// <summary>A category id of rules/service/request-categories.yaml.</summary>
    public required string Category { get; set; }

    public required string Title { get; set; }
    public required string Description { get; set; }
    public RequestStatus Status { get; internal set; }

    public required string SubmittedBy { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>The China date it was raised, and its month as yyyyMM: the on-time statistics group by it in the database.</summary>
    public DateOnly SubmittedOn { get; set; }

    public int SubmittedMonth { get; set; }

    /// <summary>The first deadline (China date, inclusive): "answered on time" is measured against it, whatever escalation did.</summary>
    public DateOnly FirstDueOn { get; set; }

    /// <summary>The current deadline; escalation sets a new one for the next level.</summary>
    public DateOnly DueOn { get; set; }

    /// <summary>county, city or province: who handles it now.</summary>
    public required string Level { get; set; }

    /// <summary>The region handling it now (the enterprise's county, its city or its province).</summary>
    public required string HandlingRegionCode { get; set; }

    /// <summary>The enterprise's commissioner when it was raised, if it had one.</summary>
    public string? Commissioner { get; set; }

    public int Escalations { get; set; }
    public DateTimeOffset? FirstRepliedAt { get; set; }

    /// <summary>China date of the first reply; on time when on or before <see cref="FirstDueOn"/>.</summary>
    public DateOnly? FirstRepliedOn { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>1 (very unsatisfied) to 5 (very satisfied), given by the enterprise when it closes the request.</summary>
    public int? Satisfaction { get; set; }

    /// <summary>Optimistic concurrency: an answer given on a stale view is refused.</summary>
    public int Revision { get; set; }

    public List<RequestEntry> Entries { get; set; } = [];
}

public enum RequestStatus
{
    Submitted,
    Accepted,
    Replied,
    Closed,
}
