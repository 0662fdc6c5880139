namespace Tidu.Data.Entities;

/// <summary>A tier recognised for an enterprise (认定), with its validity.</summary>
public sealed class EnterpriseRecognition
{
    public long Id { get; set; }
    public long EnterpriseId { get; set; }
    public Enterprise Enterprise { get; set; } = null!;
    public required string Tier { get; set; }
    public DateOnly RecognizedOn { get; set; }
    public DateOnly? ValidUntil { get; set; }
    public string? Issuer { get; set; }

    /// <summary>
    /// What issued it on the platform: a round's decision ("application:17"), an official list ("official-list:文号"),
    /// or "official" for the system's own writes (demo data). Set when it is saved; recognitions never come from a file edit.
    /// </summary>
    public string? Basis { get; set; }
}
