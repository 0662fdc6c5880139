namespace Tidu.Data.Identity;

/// <summary>A password an account used before (its hash only): the security policy refuses the last N again.</summary>
public sealed class PasswordHistoryEntry
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public required string PasswordHash { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}
