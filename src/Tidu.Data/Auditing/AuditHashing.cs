using System.Security.Cryptography;
using System.Text;
using Tidu.Data.Cryptography;

namespace Tidu.Data.Auditing;

/// <summary>
/// One keyed hash algorithm of the audit chain (HMAC-SM3 for 商用密码应用安全性评估, or HMAC-SHA-256): every entry
/// stores the <see cref="Id"/> of the algorithm and key that sealed it, and that id is part of what is hashed.
/// </summary>
public interface IAuditHasher
{
    /// <summary>Algorithm and key id, e.g. "hmac-sm3:k1" (at most 32 characters).</summary>
    string Id { get; }

    /// <summary>
    /// The lower-case hex hash of <paramref name="message"/> under this algorithm and key: 64 characters (a 256-bit MAC
    /// such as HMAC-SHA-256 or HMAC-SM3; the hash columns hold 64).
    /// </summary>
    string Hash(string message);
}

/// <summary>
/// An HMAC with a key kept outside the database: whoever can write the database but lacks the key cannot recompute the
/// chain. HMAC-SM3 (GB/T 32905-2016 SM3 in the HMAC construction of GB/T 15852.2-2012 / RFC 2104) for the 国密 suite,
/// HMAC-SHA-256 for deployments outside China.
/// </summary>
public sealed class HmacAuditHasher : IAuditHasher
{
    public const string Sha256 = "hmac-sha256";
    public const string Sm3 = "hmac-sm3";

    /// <summary>Shortest key accepted (the hash's own size, 32 bytes for both).</summary>
    public const int MinKeyBytes = 32;

    private readonly byte[] _key;
    private readonly CryptoSuite _suite;

    public HmacAuditHasher(string algorithm, byte[] key, string keyId)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(keyId);
        _suite = algorithm switch
        {
            Sm3 => CryptoSuite.Guomi,
            Sha256 => CryptoSuite.International,
            _ => throw new ArgumentException($"the audit hash algorithm must be '{Sm3}' or '{Sha256}', got '{algorithm}'", nameof(algorithm)),
        };
        if (key.Length < MinKeyBytes)
        {
            throw new ArgumentException($"the audit hash key must be at least {MinKeyBytes} bytes, got {key.Length}", nameof(key));
        }
        _key = (byte[])key.Clone();
        Id = $"{algorithm}:{keyId}";
    }

    public string Id { get; }

    public string Hash(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Convert.ToHexStringLower(Digests.Mac(_suite, _key, Encoding.UTF8.GetBytes(message)));
    }

    /// <summary>
    /// The configured algorithm (<c>Audit:Algorithm</c>), or when it is not set the one of the suite
    /// (<c>Crypto:Suite</c>): HMAC-SM3 under 国密, HMAC-SHA-256 under the international suite.
    /// </summary>
    public static string Choose(string? configured, CryptoSuite suite) => configured?.Trim().ToLowerInvariant() switch
    {
        null or "" => suite == CryptoSuite.Guomi ? Sm3 : Sha256,
        Sm3 or "sm3" => Sm3,
        Sha256 or "sha256" => Sha256,
        _ => throw new InvalidOperationException($"Audit:Algorithm must be '{Sm3}' or '{Sha256}', got '{configured}'"),
    };
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
    public static AuditHashing HmacSha256(byte[] key, string keyId = "k1") => Keyed(HmacAuditHasher.Sha256, key, keyId);

    /// <summary>HMAC-SM3 with one key.</summary>
    public static AuditHashing HmacSm3(byte[] key, string keyId = "k1") => Keyed(HmacAuditHasher.Sm3, key, keyId);

    /// <summary>
    /// New entries sealed with <paramref name="algorithm"/>; entries sealed with the other algorithm under the same key
    /// and id (before the suite was switched) still verify, since every entry names the algorithm that sealed it.
    /// </summary>
    public static AuditHashing Keyed(string algorithm, byte[] key, string keyId = "k1")
    {
        var other = algorithm == HmacAuditHasher.Sm3 ? HmacAuditHasher.Sha256 : HmacAuditHasher.Sm3;
        return new(new HmacAuditHasher(algorithm, key, keyId), [new HmacAuditHasher(other, key, keyId)]);
    }

    /// <summary>
    /// A key as configured: base64 text (of at least <see cref="HmacAuditHasher.MinKeyBytes"/> bytes), or the
    /// raw bytes of a key file. Whitespace around base64 text is ignored.
    /// </summary>
    public static byte[] ParseKey(byte[] configured)
    {
        ArgumentNullException.ThrowIfNull(configured);
        var text = Encoding.ASCII.GetString(configured).Trim();
        var buffer = new byte[text.Length];
        return text.Length > 0 && Convert.TryFromBase64String(text, buffer, out var written) && written >= HmacAuditHasher.MinKeyBytes
            ? buffer[..written]
            : configured;
    }

    /// <summary>A new random key as the base64 text a key file holds.</summary>
    public static string NewKeyText() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
