using Tidu.Data.Cryptography;

namespace Tidu.Cli.Tests;

/// <summary>Fixed test keys (never a deployment's): the CLI tests' platform databases are written with these.</summary>
internal static class TestKeys
{
    public static readonly KeyRing Ring = KeyRing.Of(CryptoSuite.Guomi,
        (KeyRing.Fields, "test1", [.. Enumerable.Range(1, KeyRing.MaterialBytes).Select(i => (byte)i)]),
        (KeyRing.Audit, "test1", [.. Enumerable.Range(41, KeyRing.MaterialBytes).Select(i => (byte)i)]));

    public static readonly FieldCipher Cipher = new(Ring);
}
