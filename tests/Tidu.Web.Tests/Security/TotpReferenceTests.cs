using System.Text;
using Shouldly;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Security;

/// <summary>The tests' own TOTP (the codes the two-factor tests type) reproduces RFC 6238 Appendix B and RFC 4648's base32 examples.</summary>
public sealed class TotpReferenceTests
{
    [Theory]
    [InlineData(59L, "94287082")]
    [InlineData(1111111109L, "07081804")]
    [InlineData(1111111111L, "14050471")]
    [InlineData(1234567890L, "89005924")]
    [InlineData(2000000000L, "69279037")]
    [InlineData(20000000000L, "65353130")]
    public void The_sha1_examples_of_RFC_6238(long unixTime, string expected) =>
        Totp.Code(Encoding.ASCII.GetBytes("12345678901234567890"), unixTime / 30, 8).ShouldBe(expected);

    [Theory]
    [InlineData("MZXW6YQ=", "foob")]
    [InlineData("MZXW6YTB", "fooba")]
    [InlineData("MZXW6YTBOI======", "foobar")]
    [InlineData("mzxw 6ytb oi", "foobar")]
    public void Base32_decodes_RFC_4648_examples(string base32, string text) =>
        Encoding.ASCII.GetString(Totp.Base32(base32)).ShouldBe(text);
}
