namespace Tidu.Data.Entities;

/// <summary>One tier's outcome in the latest evaluation of an enterprise.</summary>
public sealed class TierOutcome
{
    public long EnterpriseId { get; set; }
    public Enterprise Enterprise { get; set; } = null!;
    public required string Tier { get; set; }
    public bool Qualified { get; set; }
    public decimal? Score { get; set; }

    /// <summary>How many checks decided the failure (0 when qualified).</summary>
    public int DecisiveFailures { get; set; }

    /// <summary>
    /// A near miss (差一项): one decisive check fails and the enterprise can close it by its own data (not its size class,
    /// a title it must hold first, a compliance record or time); decided by the rule model (RuleIndex.IsNearMiss).
    /// </summary>
    public bool NearMiss { get; set; }
}
