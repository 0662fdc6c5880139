using System.Security.Cryptography;
using System.Text;

namespace Tidu.Data.Auditing;

/// <summary>
/// One keyed hash algorithm of the audit chain. The algorithm is pluggable so that a national algorithm (HMAC-SM3,
/// for 商用密码应用安全性评估) can be added beside HMAC-SHA-256 without changing the chain: every entry stores the
/// <see cref="Id"/> of the algorithm and key that sealed it, and that id is part of what is hashed.
/// </summary>
public interface IAuditHasher
{
    /// <summary>Algorithm and key id, e.g. "hmac-sha256:k1" (at most 32 characters).</summary>
    string Id { get; }

    /// <summary>The lower-case hex hash of <paramref name="message"/> under this algorithm and key.</summary>
    string Hash(string message);
}

/// <summary>HMAC-SHA-256 with a key kept outside the database: whoever can write the database but lacks the key cannot recompute the chain.</summary>
public sealed class HmacSha256AuditHasher : IAuditHasher
{
    public const string Algorithm = "hmac-sha256";

    /// <summary>Shortest key accepted (the hash's own size).</summary>
    public const int MinKeyBytes = 32;

    private readonly byte[] _key;

    public HmacSha256AuditHasher(byte[] key, string keyId)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(keyId);
        if (key.Length < MinKeyBytes)
        {
            throw new ArgumentException($"the audit hash key must be at least {MinKeyBytes} bytes, got {key.Length}", nameof(key));
        }
        _key = (byte[])key.Clone();
        Id = $"{Algorithm}:{keyId}";
    }

    public string Id { get; }

    public string Hash(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(message)));
    }
}

/// <summary>
/// The audit chain's hashing as configured: the hasher that seals new entries, and every hasher verification may meet
/// (after a key rotation or an algorithm change, the older ones stay known by their ids).
/// </summary>
public sealed class AuditHashing
{
    private readonly Dictionary<string, IAuditHasher> _known;

    public AuditHashing(IAuditHasher current, IEnumerable<IAuditHasher>? previous = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        Current = current;
        _known = new Dictionary<string, IAuditHasher>(StringComparer.Ordinal) { [current.Id] = current };
        foreach (var p in previous ?? [])
        {
            _known.TryAdd(p.Id, p);
        }
    }

    public IAuditHasher Current { get; }

    public IAuditHasher? Find(string? id) => id is not null && _known.TryGetValue(id, out var h) ? h : null;

    /// <summary>HMAC-SHA-256 with one key.</summary>
    public static AuditHashing HmacSha256(byte[] key, string keyId = "k1") => new(new HmacSha256AuditHasher(key, keyId));

    /// <summary>
    /// A key as configured: base64 text (of at least <see cref="HmacSha256AuditHasher.MinKeyBytes"/> bytes), or the
    /// raw bytes of a key file. Whitespace around base64 text is ignored.
    /// </summary>
    public static byte[] ParseKey(byte[] configured)
    {
        ArgumentNullException.ThrowIfNull(configured);
        var text = Encoding.ASCII.GetString(configured).Trim();
        var buffer = new byte[text.Length];
        return text.Length > 0 && Convert.TryFromBase64String(text, buffer, out var written) && written >= HmacSha256AuditHasher.MinKeyBytes
            ? buffer[..written]
            : configured;
    }

    /// <summary>A new random key as the base64 text a key file holds.</summary>
    public static string NewKeyText() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
