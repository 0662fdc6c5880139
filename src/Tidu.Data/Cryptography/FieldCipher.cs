using System.Security.Cryptography;
using System.Text;

namespace Tidu.Data.Cryptography;

/// <summary>
/// Encrypts sensitive fields at rest (GB/T 39786-2021 重要数据存储机密性): phone numbers, e-mail addresses, contact
/// persons, authenticator secrets. A stored value reads <c>ENC1:ALG:KEYID:BASE64</c> where ALG is <c>sm4gcm</c> or
/// <c>aes256gcm</c> and BASE64 is nonce ‖ ciphertext ‖ tag. The column's label (<c>TiduUser.PhoneNumber</c>) is the
/// associated data, so a value copied into another column does not decrypt. The cipher key is derived from the
/// active <see cref="KeyRing.Fields"/> key: the first 16 (SM4) or 32 (AES-256) bytes of MAC(key, "tidu/fields/ALG").
/// Values keep their own algorithm and key id, so old values stay readable after a rotation or a change of suite.
/// </summary>
public sealed class FieldCipher(KeyRing ring)
{
    public const string Prefix = "ENC1:";
    private const string Sm4Gcm = "sm4gcm";
    private const string Aes256Gcm = "aes256gcm";

    public KeyRing Ring { get; } = ring ?? throw new ArgumentNullException(nameof(ring));

    /// <summary>The stored form of <paramref name="plaintext"/>; the empty string stays empty (it tells nothing).</summary>
    public string Protect(string plaintext, string label)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        if (plaintext.Length == 0)
        {
            return "";
        }
        var (id, material) = Ring.Active(KeyRing.Fields);
        var suite = Ring.Suite;
        var nonce = RandomNumberGenerator.GetBytes(Ciphers.NonceBytes);
        var sealedBytes = Ciphers.Seal(suite, Derive(suite, material), nonce, Encoding.UTF8.GetBytes(plaintext), Encoding.UTF8.GetBytes(label));
        return $"{Prefix}{Algorithm(suite)}:{id}:{Convert.ToBase64String([.. nonce, .. sealedBytes])}";
    }

    /// <summary>
    /// The plaintext of a stored value. A value without the prefix was written before encryption was turned on and is
    /// returned as it is (it is encrypted when the column is next written). A value whose key is missing or whose tag
    /// fails is an error: data is never silently replaced.
    /// </summary>
    public string Unprotect(string stored, string label)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (!stored.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return stored;
        }
        var parts = stored.Split(':');
        if (parts.Length != 4)
        {
            throw new CryptographicException($"{label}: malformed encrypted value");
        }
        var suite = parts[1] switch
        {
            Sm4Gcm => CryptoSuite.Guomi,
            Aes256Gcm => CryptoSuite.International,
            _ => throw new CryptographicException($"{label}: unknown algorithm '{parts[1]}'"),
        };
        var material = Ring.Find(KeyRing.Fields, parts[2])
            ?? throw new CryptographicException($"{label}: the value was encrypted with key '{parts[2]}', which is not configured (keep a retired key while values still name it)");
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException ex)
        {
            throw new CryptographicException($"{label}: malformed encrypted value", ex);
        }
        if (bytes.Length < Ciphers.NonceBytes + Ciphers.TagBytes)
        {
            throw new CryptographicException($"{label}: encrypted value too short");
        }
        var plaintext = Ciphers.Open(suite, Derive(suite, material), bytes[..Ciphers.NonceBytes], bytes[Ciphers.NonceBytes..], Encoding.UTF8.GetBytes(label));
        return Encoding.UTF8.GetString(plaintext);
    }

    /// <summary>True when <paramref name="stored"/> is protected with the active key and suite (nothing to re-encrypt).</summary>
    public bool IsCurrent(string? stored)
    {
        if (string.IsNullOrEmpty(stored))
        {
            return true;
        }
        var (id, _) = Ring.Active(KeyRing.Fields);
        return stored.StartsWith($"{Prefix}{Algorithm(Ring.Suite)}:{id}:", StringComparison.Ordinal);
    }

    private static string Algorithm(CryptoSuite suite) => suite == CryptoSuite.Guomi ? Sm4Gcm : Aes256Gcm;

    private static byte[] Derive(CryptoSuite suite, byte[] material) =>
        Digests.Mac(suite, material, Encoding.ASCII.GetBytes("tidu/fields/" + Algorithm(suite)))[..Ciphers.KeyBytes(suite)];
}
