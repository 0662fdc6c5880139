using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Shouldly;
using Tidu.Data.Entities;
using Tidu.Data.Registry;
using Tidu.Domain.Exchange;
using Tidu.Domain.Profiles;
using Tidu.Domain.Regions;
using Tidu.Rules;
using Tidu.Rules.Synthetic;
using Xunit;

namespace Tidu.Cli.Tests.Registry;

/// <summary>
/// The bulk load writes a file's stored form (its attributes column and its exchange-format JSON, which the load
/// evaluates and hashes into the audit entry) in one pass, without JSON trees. The attributes must be the bytes of the
/// tree route (the written profile parsed into a tree, its column members removed, written again with the exchange
/// format's encoder), and the JSON must read back, through the exchange-format reader, as the very profile that was
/// stored (both written by the exchange format's writer give the same JSON, up to member order and empty lists). Checked on generated files (with
/// recognitions and honours) and on hand-made ones whose texts need escaping (quotes, backslashes, controls, markup,
/// Chinese, characters outside the basic plane).
/// </summary>
public sealed class StoredFormTests
{
    private static readonly Lazy<ProfileGenerator> Generator = new(() =>
        new ProfileGenerator(RegionTree.Shipped.Leaves(), RuleLibrary.LoadDefault(), 2025, TierMix.Zhejiang.Oversampled(40)));

    private static readonly string[] ColumnKeys = ["creditCode", "name", "regionCode", "industryCode", "financials", "recognitions", "honors"];

    [Fact]
    public void Generated_files_are_stored_as_written_and_read_back_unchanged()
    {
        for (var i = 0; i < 2_000; i++)
        {
            Check(Generator.Value.Generate(31, i));
        }
    }

    [Theory]
    [InlineData("精密仪器 \"引号\" 与 \\反斜杠\\")]
    [InlineData("<script>&'</script>\t\n\u0001")]
    [InlineData("表情 😀 与 𠀀 字")]
    public void Texts_that_need_escaping_are_stored_as_written_and_read_back_unchanged(string text)
    {
        var profile = Generator.Value.Generate(32, 7);
        var mainProduct = (profile.MainProduct ?? new MainProduct()) with { Name = text };
        Check(profile with { Name = text, MainProduct = mainProduct });
    }

    private static void Check(EnterpriseProfile profile)
    {
        var e = ProfileMapping.NewEnterprise(profile, RegionTree.Shipped, includeRecognitions: true);
        e.Attributes.ShouldBe(TreeAttributes(profile), profile.CreditCode);
        var read = ProfileMapping.ToProfile(e);
        read.Errors.ShouldBeEmpty(e.CreditCode);
        JsonNode.DeepEquals(Comparable(read.Profile!), Comparable(profile)).ShouldBeTrue(
            $"{profile.CreditCode}: stored {Comparable(read.Profile!).ToJsonString()} written {Comparable(profile).ToJsonString()}");
        // The tree the edit page and the web import merge into is the same file.
        JsonSerializer.SerializeToUtf8Bytes(ProfileMapping.ToJson(e)).ShouldBe(ProfileMapping.ToUtf8(e), profile.CreditCode);
    }

    /// <summary>
    /// The profile as the exchange format writes it, without its empty lists (a file without honours stores none) and
    /// with its lists in one order: the order of years, honours and recognitions carries no meaning.
    /// </summary>
    private static JsonObject Comparable(EnterpriseProfile profile)
    {
        var o = JsonNode.Parse(Written(profile))!.AsObject();
        foreach (var (key, value) in o.ToList())
        {
            if (value is JsonArray { Count: 0 })
            {
                o.Remove(key);
            }
            else if (value is JsonArray list)
            {
                o[key] = new JsonArray([.. list.Select(n => n!.ToJsonString()).Order(StringComparer.Ordinal).Select(j => JsonNode.Parse(j))]);
            }
        }
        return o;
    }

    private static byte[] Written(EnterpriseProfile profile)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, ProfileWriter.Options))
        {
            ProfileWriter.Write(w, profile);
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The attributes by the tree route: parse the written profile, drop the column members, write it again.</summary>
    private static string TreeAttributes(EnterpriseProfile profile)
    {
        var o = JsonNode.Parse(Written(profile))!.AsObject();
        foreach (var k in ColumnKeys)
        {
            o.Remove(k);
        }
        return o.ToJsonString(new JsonSerializerOptions { Encoder = ProfileWriter.Options.Encoder });
    }
}
