using System.Security.Cryptography;

namespace Tidu.Web.Tests.Infrastructure;

/// <summary>
/// RFC 6238 computed here, independently of the platform (which uses a library): what an authenticator app shows for
/// a base32 secret at a time. Checked against the RFC's own examples in <c>TotpReferenceTests</c>.
/// </summary>
public static class Totp
{
    public static string Code(string base32Secret, DateTimeOffset at, int digits = 6) => Code(Base32(base32Secret), at.ToUnixTimeSeconds() / 30, digits);

    public static string Code(byte[] secret, long step, int digits)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var counter = new byte[8];
        for (var i = 7; i >= 0; i--)
        {
            counter[i] = (byte)(step & 0xff);
            step >>= 8;
        }
#pragma warning disable CA5350 // RFC 6238's default (and every authenticator app's) is HMAC-SHA1
        var hash = HMACSHA1.HashData(secret, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        var modulo = (int)Math.Pow(10, digits);
        return (binary % modulo).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    /// <summary>RFC 4648 base32 (upper case, no padding needed); spaces are ignored.</summary>
    public static byte[] Base32(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var value = 0;
        var output = new List<byte>();
        foreach (var c in text.Replace(" ", "", StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant())
        {
            value = (value << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)((value >> (bits - 8)) & 0xff));
                bits -= 8;
            }
        }
        return [.. output];
    }
}
