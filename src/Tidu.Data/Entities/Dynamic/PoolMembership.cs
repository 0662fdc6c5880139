namespace Tidu.Data.Entities.Dynamic;

/// <summary>
/// An enterprise's stay in one cultivation pool (培育库) of one tier: 储备 (reserve), 培育 (nurture) or 提升 (elevate).
/// Enterprises enter and leave (有进有出) with who, when and why on both ends; an open stay has no exit.
/// Moving to another pool of the tier closes this stay and opens a new one, so the history reads back as it was.
/// </summary>
public sealed class PoolMembership
{
    public long Id { get; set; }
    public long EnterpriseId { get; set; }
    public Enterprise Enterprise { get; set; } = null!;
    public required string Tier { get; set; }
    public CultivationPool Pool { get; set; }

    /// <summary>screening (an accepted near-miss proposal) or officer (entered by hand).</summary>
    public required string Source { get; set; }

    public DateOnly EnteredOn { get; set; }
    public DateTimeOffset EnteredAt { get; set; }
    public required string EnteredBy { get; set; }
    public required string EntryReason { get; set; }

    public DateOnly? ExitedOn { get; set; }
    public DateTimeOffset? ExitedAt { get; set; }
    public string? ExitedBy { get; set; }
    public string? ExitReason { get; set; }
}

/// <summary>储备一批、培育一批、提升一批 (docs/procedure.md "Pools, requests, visits").</summary>
public enum CultivationPool
{
    Reserve,
    Nurture,
    Elevate,
}
