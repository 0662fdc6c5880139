namespace Tidu.Data.Entities;

/// <summary>An honour or award held (high-tech enterprise, S&amp;T award …).</summary>
public sealed class EnterpriseHonor
{
    public long Id { get; set; }
    public long EnterpriseId { get; set; }
    public Enterprise Enterprise { get; set; } = null!;
    public required string Kind { get; set; }
    public int? Year { get; set; }
    public DateOnly? ValidUntil { get; set; }
    public int? Rank { get; set; }
}
