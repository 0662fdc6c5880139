namespace Tidu.Data.Entities.Sharing;

/// <summary>
/// One list handed to a recipient: which key pulled it, when, with which scope, in which format, how many rows,
/// and the SHA-256 of the list's content — so "who got which list when" can be answered and the list proven.
/// </summary>
public sealed class ListPull
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public long ApiKeyId { get; set; }
    public required string KeyName { get; set; }
    public required string RecipientKind { get; set; }

    /// <summary>The region the list covered (the key's region, or the narrower one asked for).</summary>
    public required string RegionCode { get; set; }

    /// <summary>Space-separated tiers the list covered.</summary>
    public required string Tiers { get; set; }

    /// <summary>"json" or "xlsx".</summary>
    public required string Format { get; set; }

    public int Rows { get; set; }

    /// <summary>SHA-256 (lower-case hex) of the list's canonical content; the same rows give the same hash in either format.</summary>
    public required string ListHash { get; set; }
}
