namespace Tidu.Data.Entities;

/// <summary>
/// One audited write: who, when, what (entity, key, action), the values before and after, and the rule-set
/// versions in force. Append-only: the context refuses to change or delete one and the database triggers
/// (see the migrations) refuse it too. Each entry also carries its place in a hash chain, so that an entry
/// changed, removed or moved by someone who gets past the triggers is found by <c>tidu audit verify</c>.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }

    /// <summary>insert, update or delete.</summary>
    public required string Action { get; set; }

    public required string Entity { get; set; }
    public required string EntityKey { get; set; }

    /// <summary>The enterprise the change belongs to (its credit code), for "history of this file" views.</summary>
    public string? CreditCode { get; set; }

    public string? Before { get; set; }
    public string? After { get; set; }
    public string? RuleSetVersion { get; set; }

    /// <summary>
    /// Position in the hash chain (1, 2, 3, …, no gaps), assigned under the chain-head lock when the entry is saved.
    /// The database refuses an entry without one (a trigger, see the DatabaseObjects migration).
    /// </summary>
    public long? Sequence { get; set; }

    /// <summary>The keyed hash (lower-case hex) of the previous entry's hash and this entry's canonical form; see <c>AuditChain</c>.</summary>
    public string? Hash { get; set; }

    /// <summary>The hash algorithm and key id that sealed this entry (e.g. "hmac-sha256:k1"); part of the hashed form.</summary>
    public string? Algorithm { get; set; }
}
