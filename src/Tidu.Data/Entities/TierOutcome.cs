namespace Tidu.Data.Entities;

/// <summary>One tier's outcome in the latest evaluation of an enterprise.</summary>
public sealed class TierOutcome
{
    public long EnterpriseId { get; set; }
    public Enterprise Enterprise { get; set; } = null!;
    public required string Tier { get; set; }
    public bool Qualified { get; set; }
    public decimal? Score { get; set; }

    /// <summary>How many checks decided the failure (0 when qualified); 1 makes a near miss.</summary>
    public int DecisiveFailures { get; set; }
}
