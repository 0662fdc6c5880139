using System.Security.Cryptography;
using Shouldly;
using Tidu.Data.Cryptography;
using Xunit;

namespace Tidu.Data.Tests.Cryptography;

/// <summary>Sensitive fields: what is stored, what reads back, what a changed value, label or missing key does.</summary>
public sealed class FieldCipherTests
{
    private static readonly byte[] KeyA = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
    private static readonly byte[] KeyB = [.. Enumerable.Range(101, 32).Select(i => (byte)i)];

    private static FieldCipher Cipher(CryptoSuite suite, params (string Id, byte[] Key)[] keys) =>
        new(KeyRing.Of(suite, [.. keys.Select(k => (KeyRing.Fields, k.Id, k.Key))]));

    [Theory]
    [InlineData(CryptoSuite.Guomi, "sm4gcm")]
    [InlineData(CryptoSuite.International, "aes256gcm")]
    public void A_value_is_stored_encrypted_with_its_algorithm_and_key_id_and_reads_back(CryptoSuite suite, string algorithm)
    {
        var cipher = Cipher(suite, ("2026a", KeyA));
        var stored = cipher.Protect("13800138000", "TiduUser.PhoneNumber");
        stored.ShouldStartWith($"ENC1:{algorithm}:2026a:");
        stored.ShouldNotContain("13800138000");
        cipher.Unprotect(stored, "TiduUser.PhoneNumber").ShouldBe("13800138000");
        // A fresh nonce each time: equal plaintexts do not give equal stored values.
        cipher.Protect("13800138000", "TiduUser.PhoneNumber").ShouldNotBe(stored);
    }

    [Fact]
    public void The_sm4_value_is_sm4_gcm_under_the_key_derived_as_documented()
    {
        var cipher = Cipher(CryptoSuite.Guomi, ("k1", KeyA));
        var stored = cipher.Protect("张三", "Enterprise.ContactPerson");
        var bytes = Convert.FromBase64String(stored.Split(':')[3]);
        var key = Digests.HmacSm3(KeyA, "tidu/fields/sm4gcm"u8)[..16];
        var plaintext = Ciphers.Open(CryptoSuite.Guomi, key, bytes[..12], bytes[12..], "Enterprise.ContactPerson"u8.ToArray());
        System.Text.Encoding.UTF8.GetString(plaintext).ShouldBe("张三");
    }

    [Fact]
    public void A_changed_byte_or_another_columns_label_is_refused_not_misread()
    {
        var cipher = Cipher(CryptoSuite.Guomi, ("k1", KeyA));
        var stored = cipher.Protect("13800138000", "TiduUser.PhoneNumber");
        Should.Throw<CryptographicException>(() => cipher.Unprotect(stored, "TiduUser.Email"));
        var parts = stored.Split(':');
        var bytes = Convert.FromBase64String(parts[3]);
        bytes[^1] ^= 1;
        Should.Throw<CryptographicException>(() => cipher.Unprotect($"{parts[0]}:{parts[1]}:{parts[2]}:{Convert.ToBase64String(bytes)}", "TiduUser.PhoneNumber"));
    }

    [Fact]
    public void After_a_rotation_old_values_read_with_the_retired_key_and_new_ones_use_the_new_key()
    {
        var before = Cipher(CryptoSuite.Guomi, ("2025", KeyA));
        var old = before.Protect("old@example.cn", "TiduUser.Email");
        var after = Cipher(CryptoSuite.Guomi, ("2025", KeyA), ("2026", KeyB));
        after.Unprotect(old, "TiduUser.Email").ShouldBe("old@example.cn");
        after.IsCurrent(old).ShouldBeFalse();
        var fresh = after.Protect("new@example.cn", "TiduUser.Email");
        fresh.ShouldStartWith("ENC1:sm4gcm:2026:");
        after.IsCurrent(fresh).ShouldBeTrue();
        // Without the retired key the old value cannot be read, and says why.
        var withoutOld = Cipher(CryptoSuite.Guomi, ("2026", KeyB));
        Should.Throw<CryptographicException>(() => withoutOld.Unprotect(old, "TiduUser.Email")).Message.ShouldContain("'2025'");
    }

    [Fact]
    public void A_value_written_under_the_other_suite_still_reads()
    {
        var international = Cipher(CryptoSuite.International, ("k1", KeyA));
        var stored = international.Protect("联系人", "Enterprise.ContactPerson");
        Cipher(CryptoSuite.Guomi, ("k1", KeyA)).Unprotect(stored, "Enterprise.ContactPerson").ShouldBe("联系人");
    }

    [Fact]
    public void Empty_and_legacy_plaintext_values_pass_through()
    {
        var cipher = Cipher(CryptoSuite.Guomi, ("k1", KeyA));
        cipher.Protect("", "TiduUser.Email").ShouldBe("");
        cipher.Unprotect("written-before-encryption", "TiduUser.Email").ShouldBe("written-before-encryption");
        cipher.IsCurrent("written-before-encryption").ShouldBeFalse();
    }
}
