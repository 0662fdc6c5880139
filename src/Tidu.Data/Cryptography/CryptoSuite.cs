namespace Tidu.Data.Cryptography;

/// <summary>
/// Which family of algorithms protects the platform's data: the Chinese commercial algorithms (商用密码: SM3 and
/// HMAC-SM3 for integrity, SM4 for confidentiality) or the international ones (SHA-256 and HMAC-SHA256, AES-256) for
/// deployments outside China. A configuration choice (<c>Crypto:Suite</c>); Production defaults to 国密.
/// </summary>
public enum CryptoSuite
{
    /// <summary>GB/T 32905-2016 SM3 (HMAC-SM3 per GB/T 15852.2-2012 / RFC 2104) and GB/T 32907-2016 SM4 in GCM mode.</summary>
    Guomi,

    /// <summary>SHA-256 / HMAC-SHA256 and AES-256 in GCM mode.</summary>
    International,
}

public static class CryptoSuites
{
    /// <summary>Parses the configuration value, with a message that says what is accepted.</summary>
    public static CryptoSuite Parse(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        null or "" or "GUOMI" or "SM" or "国密" => CryptoSuite.Guomi,
        "INTERNATIONAL" or "NIST" => CryptoSuite.International,
        _ => throw new InvalidOperationException($"Crypto:Suite must be 'guomi' or 'international', got '{value}'"),
    };

    public static string Name(CryptoSuite suite) => suite == CryptoSuite.Guomi ? "guomi" : "international";
}
