using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace Tidu.Data.Cryptography;

/// <summary>
/// Authenticated encryption of the configured suite: SM4 (GB/T 32907-2016) or AES-256, both in GCM mode (a 12-byte
/// nonce, a 16-byte tag; GCM for SM4 as in GB/T 17964-2021 and RFC 8998). Output is ciphertext followed by the tag.
/// </summary>
public static class Ciphers
{
    public const int NonceBytes = 12;
    public const int TagBytes = 16;

    /// <summary>Key length of the suite's cipher: 16 bytes for SM4, 32 for AES-256.</summary>
    public static int KeyBytes(CryptoSuite suite) => suite == CryptoSuite.Guomi ? 16 : 32;

    /// <summary>One SM4 block (16 bytes) encrypted with a 16-byte key: the primitive the standard's examples test.</summary>
    public static byte[] Sm4EncryptBlock(ReadOnlySpan<byte> key, ReadOnlySpan<byte> block)
    {
        var engine = new SM4Engine();
        engine.Init(true, new KeyParameter(key));
        var output = new byte[16];
        engine.ProcessBlock(block, output);
        return output;
    }

    public static byte[] Sm4DecryptBlock(ReadOnlySpan<byte> key, ReadOnlySpan<byte> block)
    {
        var engine = new SM4Engine();
        engine.Init(false, new KeyParameter(key));
        var output = new byte[16];
        engine.ProcessBlock(block, output);
        return output;
    }

    public static byte[] Seal(CryptoSuite suite, byte[] key, byte[] nonce, byte[] plaintext, byte[] associatedData)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        if (suite == CryptoSuite.Guomi)
        {
            return Sm4Gcm(true, key, nonce, plaintext, associatedData);
        }
        var output = new byte[plaintext.Length + TagBytes];
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, plaintext, output.AsSpan(0, plaintext.Length), output.AsSpan(plaintext.Length), associatedData);
        return output;
    }

    /// <summary>The plaintext, or <see cref="CryptographicException"/> when the tag does not match (a changed value, key or label).</summary>
    public static byte[] Open(CryptoSuite suite, byte[] key, byte[] nonce, byte[] sealedData, byte[] associatedData)
    {
        ArgumentNullException.ThrowIfNull(sealedData);
        if (sealedData.Length < TagBytes)
        {
            throw new CryptographicException("the sealed value is shorter than its tag");
        }
        if (suite == CryptoSuite.Guomi)
        {
            return Sm4Gcm(false, key, nonce, sealedData, associatedData);
        }
        var plaintext = new byte[sealedData.Length - TagBytes];
        using var aes = new AesGcm(key, TagBytes);
        aes.Decrypt(nonce, sealedData.AsSpan(0, plaintext.Length), sealedData.AsSpan(plaintext.Length), plaintext, associatedData);
        return plaintext;
    }

    private static byte[] Sm4Gcm(bool encrypt, byte[] key, byte[] nonce, byte[] input, byte[] associatedData)
    {
        var gcm = new GcmBlockCipher(new SM4Engine());
        gcm.Init(encrypt, new AeadParameters(new KeyParameter(key), TagBytes * 8, nonce, associatedData));
        var output = new byte[gcm.GetOutputSize(input.Length)];
        try
        {
            var written = gcm.ProcessBytes(input, 0, input.Length, output, 0);
            gcm.DoFinal(output, written);
        }
        catch (InvalidCipherTextException ex)
        {
            throw new CryptographicException("SM4-GCM authentication failed", ex);
        }
        return output;
    }
}
