using System.Globalization;
using System.Text;
using Tidu.Data.Entities;

namespace Tidu.Data.Auditing;

/// <summary>
/// The audit hash chain: entry n stores H(hash of entry n-1 + "\n" + canonical form of entry n), where H is the keyed
/// hash named by the entry's algorithm id (HMAC-SHA-256 with a key outside the database). Changing a field, removing an
/// entry or moving one (its sequence is hashed) breaks every hash from there on, and only the key's holder could
/// compute new ones; the anchors written outside the database catch even that (see <see cref="AuditAnchors"/>).
/// </summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first entry.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>
    /// The time as both databases give it back: PostgreSQL keeps microseconds, so the hash is made over the value
    /// truncated to microseconds, in UTC, and the entry is saved with that value.
    /// </summary>
    public static DateTimeOffset Normalise(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % 10), TimeSpan.Zero);
    }

    /// <summary>
    /// Every audited field in a fixed order, each as its length and its text (or "~" for null): no escaping rules
    /// whose details could change between library versions, and no two different entries with the same form.
    /// </summary>
    public static string Canonical(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var b = new StringBuilder(256);
        Field(b, entry.Sequence?.ToString(CultureInfo.InvariantCulture));
        Field(b, Normalise(entry.At).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        Field(b, entry.Actor);
        Field(b, entry.Action);
        Field(b, entry.Entity);
        Field(b, entry.EntityKey);
        Field(b, entry.CreditCode);
        Field(b, entry.Before);
        Field(b, entry.After);
        Field(b, entry.RuleSetVersion);
        Field(b, entry.Algorithm);
        return b.ToString();
    }

    /// <summary>The hash entry <paramref name="entry"/> must carry under <paramref name="hasher"/> when it follows an entry with hash <paramref name="previousHash"/>.</summary>
    public static string HashOf(IAuditHasher hasher, string previousHash, AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        ArgumentNullException.ThrowIfNull(previousHash);
        return hasher.Hash(previousHash + "\n" + Canonical(entry));
    }

    private static void Field(StringBuilder b, string? value)
    {
        if (value is null)
        {
            b.Append("~\n");
            return;
        }
        b.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append('\n');
    }
}
