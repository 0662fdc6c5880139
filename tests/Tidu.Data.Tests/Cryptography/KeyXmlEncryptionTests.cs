using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Tidu.Data.Cryptography;
using Xunit;

namespace Tidu.Data.Tests.Cryptography;

/// <summary>The data-protection keys as stored: sealed with the field keys, opened only by them, never taken in clear.</summary>
public sealed class KeyXmlEncryptionTests
{
    private static readonly byte[] KeyA = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
    private static readonly byte[] KeyB = [.. Enumerable.Range(101, 32).Select(i => (byte)i)];
    private static readonly XElement Secret = new("key", new XElement("masterKey", "c2VjcmV0IGtleSBtYXRlcmlhbA=="));

    private static FieldCipher Cipher(CryptoSuite suite, params (string Id, byte[] Key)[] keys) =>
        new(KeyRing.Of(suite, [.. keys.Select(k => (KeyRing.Fields, k.Id, k.Key))]));

    private static KeyXmlDecryptor Decryptor(FieldCipher cipher) =>
        new(new ServiceCollection().AddSingleton(cipher).BuildServiceProvider());

    [Theory]
    [InlineData(CryptoSuite.Guomi, "sm4gcm")]
    [InlineData(CryptoSuite.International, "aes256gcm")]
    public void A_key_is_stored_sealed_with_the_suite_and_opens_to_the_same_element(CryptoSuite suite, string algorithm)
    {
        var cipher = Cipher(suite, ("k1", KeyA));
        var info = new KeyXmlEncryptor(cipher).Encrypt(Secret);
        info.DecryptorType.ShouldBe(typeof(KeyXmlDecryptor));
        var stored = info.EncryptedElement.ToString();
        stored.ShouldContain($"ENC1:{algorithm}:k1:");
        stored.ShouldNotContain("masterKey");
        stored.ShouldNotContain("c2VjcmV0IGtleSBtYXRlcmlhbA==");
        XNode.DeepEquals(Decryptor(cipher).Decrypt(info.EncryptedElement), Secret).ShouldBeTrue();
    }

    [Fact]
    public void A_key_sealed_before_a_rotation_opens_while_the_retired_field_key_is_kept_and_not_after()
    {
        var info = new KeyXmlEncryptor(Cipher(CryptoSuite.Guomi, ("old", KeyA))).Encrypt(Secret);
        var rotated = Cipher(CryptoSuite.Guomi, ("new", KeyB), ("old", KeyA));
        XNode.DeepEquals(Decryptor(rotated).Decrypt(info.EncryptedElement), Secret).ShouldBeTrue();
        Should.Throw<CryptographicException>(() => Decryptor(Cipher(CryptoSuite.Guomi, ("new", KeyB))).Decrypt(info.EncryptedElement));
    }

    [Fact]
    public void A_changed_sealed_value_or_a_key_written_in_clear_is_refused()
    {
        var cipher = Cipher(CryptoSuite.International, ("k1", KeyA));
        var info = new KeyXmlEncryptor(cipher).Encrypt(Secret);
        var value = info.EncryptedElement.Value;
        // A character well inside the base64 text (never a padding or partly used one).
        var at = value.Length - 20;
        var flipped = value[..at] + (value[at] == 'A' ? 'B' : 'A') + value[(at + 1)..];
        Should.Throw<CryptographicException>(() => Decryptor(cipher).Decrypt(new XElement(info.EncryptedElement.Name, flipped)));
        // The cipher passes unprefixed text through for columns written before encryption; a key is never taken so.
        Should.Throw<CryptographicException>(() => Decryptor(cipher).Decrypt(new XElement(info.EncryptedElement.Name, Secret.ToString())));
        Should.Throw<CryptographicException>(() => Decryptor(cipher).Decrypt(new XElement("other", value)));
    }
}
