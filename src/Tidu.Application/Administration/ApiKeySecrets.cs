using System.Security.Cryptography;
using System.Text;

namespace Tidu.Application.Administration;

/// <summary>An API key's secret: handed out once as text, kept only as its SHA-256 hash beside a short prefix that finds the row.</summary>
public static class ApiKeySecrets
{
    public static byte[] Hash(string presented) => SHA256.HashData(Encoding.UTF8.GetBytes(presented));

    /// <summary>A new key: the text to hand out once, its prefix and the hash to store.</summary>
    public static (string Key, string Prefix, string Hash) New()
    {
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var key = $"tidu_{prefix}_{secret}";
        return (key, prefix, Convert.ToHexString(Hash(key)));
    }
}
