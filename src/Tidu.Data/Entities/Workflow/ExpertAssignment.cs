namespace Tidu.Data.Entities.Workflow;

/// <summary>
/// One expert assigned to score one application: the conflict-of-interest declaration the expert must make first, then
/// the per-item scores. The enterprise's identity and region are copied at assignment because the region scope filter
/// of this row must not go through the enterprise (the enterprise filter reads assignments: that would be a cycle).
/// </summary>
public sealed class ExpertAssignment
{
    public long Id { get; set; }
    public long ApplicationId { get; set; }
    public Application Application { get; set; } = null!;

    public long EnterpriseId { get; set; }
    public required string EnterpriseCreditCode { get; set; }
    public required string EnterpriseRegionCode { get; set; }
    public string? EnterpriseCityCode { get; set; }
    public required string EnterpriseProvinceCode { get; set; }

    /// <summary>The expert's user id (the scope filter compares it) and user name (what people read).</summary>
    public required string ExpertId { get; set; }

    public required string ExpertUserName { get; set; }
    public required string AssignedBy { get; set; }
    public DateTimeOffset AssignedAt { get; set; }

    /// <summary>Null until the expert declares; true: a declared conflict of interest (利益冲突), scoring is refused.</summary>
    public bool? HasConflict { get; set; }

    public string? ConflictStatement { get; set; }
    public DateTimeOffset? DeclaredAt { get; set; }

    /// <summary>Points per sheet item as JSON {"itemId": points}; null until scored.</summary>
    public string? ItemScores { get; set; }

    public decimal? TotalScore { get; set; }
    public string? Comment { get; set; }
    public DateTimeOffset? ScoredAt { get; set; }
}
