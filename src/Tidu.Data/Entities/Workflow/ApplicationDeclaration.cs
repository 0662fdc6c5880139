namespace Tidu.Data.Entities.Workflow;

/// <summary>
/// The values the enterprise declared true when it (re)submitted: its file in exchange format as it stood then. Kept
/// apart from the values officers verify (<see cref="VerifiedValue"/>), so both can be read back and evaluated.
/// </summary>
public sealed class ApplicationDeclaration
{
    public long Id { get; set; }
    public long ApplicationId { get; set; }
    public Application Application { get; set; } = null!;
    public long EnterpriseId { get; set; }

    public required string ProfileJson { get; set; }
    public required string DeclaredBy { get; set; }
    public DateTimeOffset DeclaredAt { get; set; }
}
