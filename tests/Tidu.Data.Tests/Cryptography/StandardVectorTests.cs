using System.Text;
using Shouldly;
using Tidu.Data.Cryptography;
using Xunit;

namespace Tidu.Data.Tests.Cryptography;

/// <summary>
/// The 国密 primitives against the examples published in the standards themselves: GB/T 32905-2016 附录A (SM3) and
/// GB/T 32907-2016 附录A (SM4), and the SM4-GCM example of RFC 8998 附录A.1. HMAC-SM3 has no published example in
/// GB/T 32905; it is checked against the HMAC definition (RFC 2104) computed here from the verified SM3.
/// </summary>
public sealed class StandardVectorTests
{
    [Fact]
    public void Sm3_of_abc_is_the_first_example_of_GB_T_32905()
    {
        var hash = Digests.Sm3(Encoding.ASCII.GetBytes("abc"));
        Convert.ToHexStringLower(hash).ShouldBe("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    }

    [Fact]
    public void Sm3_of_abcd_sixteen_times_is_the_second_example_of_GB_T_32905()
    {
        var message = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("abcd", 16)));
        message.Length.ShouldBe(64);
        Convert.ToHexStringLower(Digests.Sm3(message)).ShouldBe("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
    }

    [Fact]
    public void Sm4_encrypts_the_example_block_of_GB_T_32907_once()
    {
        var key = Convert.FromHexString("0123456789abcdeffedcba9876543210");
        var cipher = Ciphers.Sm4EncryptBlock(key, key);
        Convert.ToHexStringLower(cipher).ShouldBe("681edf34d206965e86b3e94f536e4246");
        Ciphers.Sm4DecryptBlock(key, cipher).ShouldBe(key);
    }

    [Fact]
    public void Sm4_encrypting_the_example_block_a_million_times_gives_the_second_result_of_GB_T_32907()
    {
        var key = Convert.FromHexString("0123456789abcdeffedcba9876543210");
        var block = key;
        for (var i = 0; i < 1_000_000; i++)
        {
            block = Ciphers.Sm4EncryptBlock(key, block);
        }
        Convert.ToHexStringLower(block).ShouldBe("595298c7c6fd271f0402f804c33d3f66");
    }

    [Fact]
    public void Sm4_gcm_reproduces_the_example_of_RFC_8998()
    {
        var key = Convert.FromHexString("0123456789ABCDEFFEDCBA9876543210");
        var nonce = Convert.FromHexString("00001234567800000000ABCD");
        var aad = Convert.FromHexString("FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2");
        var plaintext = Convert.FromHexString(
            "AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDDEEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA");
        var sealedBytes = Ciphers.Seal(CryptoSuite.Guomi, key, nonce, plaintext, aad);
        Convert.ToHexString(sealedBytes).ShouldBe(
            "17F399F08C67D5EE19D0DC9969C4BB7D5FD46FD3756489069157B282BB200735D82710CA5C22F0CCFA7CBF93D496AC15A56834CBCF98C397B4024A2691233B8D"
            + "83DE3541E4C2B58177E065A9BF7B62EC");
        Ciphers.Open(CryptoSuite.Guomi, key, nonce, sealedBytes, aad).ShouldBe(plaintext);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(32)]
    [InlineData(100)] // longer than SM3's 64-byte block: the key is hashed first
    public void Hmac_sm3_is_the_hmac_construction_over_sm3(int keyLength)
    {
        var key = Enumerable.Range(0, keyLength).Select(i => (byte)((i * 7 + 1) % 256)).ToArray();
        var message = Encoding.UTF8.GetBytes("梯度平台审计链 audit chain");
        Digests.HmacSm3(key, message).ShouldBe(HmacBy(key, message));
    }

    /// <summary>HMAC(K, m) = H((K' ⊕ opad) ‖ H((K' ⊕ ipad) ‖ m)), with K' the key padded (or hashed, then padded) to the 64-byte block.</summary>
    private static byte[] HmacBy(byte[] key, byte[] message)
    {
        const int block = 64;
        var k = key.Length > block ? Digests.Sm3(key) : key;
        var padded = new byte[block];
        k.CopyTo(padded, 0);
        var inner = Digests.Sm3([.. padded.Select(b => (byte)(b ^ 0x36)), .. message]);
        return Digests.Sm3([.. padded.Select(b => (byte)(b ^ 0x5c)), .. inner]);
    }
}
