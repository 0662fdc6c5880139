using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace Tidu.Data.Cryptography;

/// <summary>Hashes and keyed hashes (MACs) of the configured suite: SM3 / HMAC-SM3, or SHA-256 / HMAC-SHA256.</summary>
public static class Digests
{
    /// <summary>SM3 (GB/T 32905-2016) of <paramref name="data"/>: 32 bytes.</summary>
    public static byte[] Sm3(ReadOnlySpan<byte> data)
    {
        var digest = new SM3Digest();
        digest.BlockUpdate(data);
        var result = new byte[digest.GetDigestSize()];
        digest.DoFinal(result, 0);
        return result;
    }

    /// <summary>HMAC-SM3 (the HMAC construction of GB/T 15852.2-2012 / RFC 2104 over SM3): 32 bytes.</summary>
    public static byte[] HmacSm3(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data)
    {
        var mac = new HMac(new SM3Digest());
        mac.Init(new KeyParameter(key));
        mac.BlockUpdate(data);
        var result = new byte[mac.GetMacSize()];
        mac.DoFinal(result, 0);
        return result;
    }

    public static byte[] Hash(CryptoSuite suite, ReadOnlySpan<byte> data) =>
        suite == CryptoSuite.Guomi ? Sm3(data) : SHA256.HashData(data);

    public static byte[] Mac(CryptoSuite suite, ReadOnlySpan<byte> key, ReadOnlySpan<byte> data) =>
        suite == CryptoSuite.Guomi ? HmacSm3(key, data) : HMACSHA256.HashData(key, data);
}
