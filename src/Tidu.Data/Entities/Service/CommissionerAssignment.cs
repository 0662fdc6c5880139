namespace Tidu.Data.Entities.Service;

/// <summary>
/// A commissioner (服务专员) serving an enterprise for a period. Reassignment never edits the commissioner: it ends
/// the current row (<see cref="EndedAt"/>) and opens a new one naming the previous commissioner and the reason, so
/// the rows of an enterprise are its history — who assigned whom, when, from whom, why.
/// </summary>
public sealed class CommissionerAssignment
{
    public long Id { get; set; }
    public long EnterpriseId { get; set; }
    public Enterprise Enterprise { get; set; } = null!;

    /// <summary>The commissioner's user name (a user in the commissioner role).</summary>
    public required string Commissioner { get; set; }

    /// <summary>The commissioner's region when assigned (the county or city that equips the enterprise).</summary>
    public required string RegionCode { get; set; }

    /// <summary>county, city or province: the level the commissioner serves at.</summary>
    public required string Level { get; set; }

    /// <summary>The commissioner this one replaces; null for a first assignment.</summary>
    public string? PreviousCommissioner { get; set; }

    public required string AssignedBy { get; set; }
    public DateTimeOffset AssignedAt { get; set; }
    public string? Reason { get; set; }

    /// <summary>The commissioner rule clause that asked for this level on the day (e.g. zj-2022-commissioner.city), if any.</summary>
    public string? RuleClause { get; set; }

    public DateTimeOffset? EndedAt { get; set; }
    public string? EndedBy { get; set; }
}
