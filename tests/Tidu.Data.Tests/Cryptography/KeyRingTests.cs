using Microsoft.Extensions.Configuration;
using Shouldly;
using Tidu.Data.Cryptography;
using Xunit;

namespace Tidu.Data.Tests.Cryptography;

/// <summary>Keys come from files and configuration outside the database; bad or missing keys stop the start with a reason.</summary>
public sealed class KeyRingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tidu-keys-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static IConfiguration Config(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Key_files_and_configuration_values_are_read_and_the_greatest_id_is_active()
    {
        KeyRing.WriteKeyFile(_dir, KeyRing.Fields, "2025");
        KeyRing.WriteKeyFile(_dir, KeyRing.Fields, "2026");
        var fromEnvironment = Convert.ToBase64String(new byte[32]);
        var ring = KeyRing.FromConfiguration(Config(("Crypto:KeyDirectory", _dir), ($"Crypto:Keys:audit:a1", fromEnvironment)), "/");
        ring.Suite.ShouldBe(CryptoSuite.Guomi);
        ring.Active(KeyRing.Fields).Id.ShouldBe("2026");
        ring.Find(KeyRing.Fields, "2025").ShouldNotBeNull();
        ring.Active(KeyRing.Audit).Material.ShouldBe(new byte[32]);
    }

    [Fact]
    public void Crypto_active_chooses_another_key()
    {
        KeyRing.WriteKeyFile(_dir, KeyRing.Fields, "2025");
        KeyRing.WriteKeyFile(_dir, KeyRing.Fields, "2026");
        KeyRing.FromConfiguration(Config(("Crypto:KeyDirectory", _dir), ("Crypto:Active:fields", "2025")), "/").Active(KeyRing.Fields).Id.ShouldBe("2025");
        Should.Throw<InvalidOperationException>(() => KeyRing.FromConfiguration(Config(("Crypto:KeyDirectory", _dir), ("Crypto:Active:fields", "2024")), "/"))
            .Message.ShouldContain("Crypto:Active:fields");
    }

    [Fact]
    public void A_key_file_is_readable_by_its_owner_only_and_never_overwritten()
    {
        var path = KeyRing.WriteKeyFile(_dir, KeyRing.Fields, "k1");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(path).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        var before = File.ReadAllText(path);
        Should.Throw<InvalidOperationException>(() => KeyRing.WriteKeyFile(_dir, KeyRing.Fields, "k1"));
        File.ReadAllText(path).ShouldBe(before);
    }

    [Fact]
    public void Missing_keys_are_generated_only_when_configured_to()
    {
        var without = KeyRing.FromConfiguration(Config(("Crypto:KeyDirectory", _dir)), "/");
        without.Has(KeyRing.Fields).ShouldBeFalse();
        Should.Throw<InvalidOperationException>(() => without.Active(KeyRing.Fields)).Message.ShouldContain("no 'fields' key is configured");

        var generated = KeyRing.FromConfiguration(Config(("Crypto:KeyDirectory", _dir), ("Crypto:GenerateMissingKeys", "true")), "/");
        generated.Has(KeyRing.Fields).ShouldBeTrue();
        generated.Has(KeyRing.Audit).ShouldBeTrue();
        // The next start reads the same keys: values written today stay readable.
        KeyRing.FromConfiguration(Config(("Crypto:KeyDirectory", _dir), ("Crypto:GenerateMissingKeys", "true")), "/").Fingerprint.ShouldBe(generated.Fingerprint);
    }

    [Theory]
    [InlineData("not base64!", "not base64")]
    [InlineData("AAAA", "32 random bytes")]
    public void A_malformed_key_is_an_error_that_names_it(string value, string reason)
    {
        Should.Throw<InvalidOperationException>(() => KeyRing.FromConfiguration(Config(("Crypto:Keys:fields:bad", value)), "/"))
            .Message.ShouldBe($"Crypto:Keys:fields:bad: {(reason == "not base64" ? "the key is not base64" : "a key must be 32 random bytes, found 3")}");
    }

    [Theory]
    [InlineData("international", CryptoSuite.International)]
    [InlineData("guomi", CryptoSuite.Guomi)]
    [InlineData(null, CryptoSuite.Guomi)]
    public void The_suite_is_configured(string? value, CryptoSuite expected) =>
        KeyRing.FromConfiguration(Config(("Crypto:Suite", value)), "/").Suite.ShouldBe(expected);

    [Fact]
    public void An_unknown_suite_is_refused() =>
        Should.Throw<InvalidOperationException>(() => CryptoSuites.Parse("rot13")).Message.ShouldContain("'guomi' or 'international'");
}
