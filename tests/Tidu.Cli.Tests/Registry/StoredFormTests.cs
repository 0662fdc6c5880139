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
/// evaluates and hashes into the audit entry) in one pass, without JSON trees. The bytes must be those of the tree
/// route: attributes = the written profile parsed into a tree, its column members removed, written again with the
/// exchange format's encoder; JSON = <see cref="ProfileMapping.ToJson"/> serialized. Checked on generated files (with
/// recognitions and honours) and on hand-made ones whose texts need escaping (quotes, backslashes, controls, markup,
/// Chinese, characters outside the basic plane).
/// </summary>
public sealed class StoredFormTests
{
    private static readonly Lazy<ProfileGenerator> Generator = new(() =>
        new ProfileGenerator(RegionTree.Shipped.Leaves(), RuleLibrary.LoadDefault(), 2025, TierMix.Zhejiang.Oversampled(40)));

    private static readonly string[] ColumnKeys = ["creditCode", "name", "regionCode", "industryCode", "financials", "recognitions", "honors"];

    [Fact]
    public void Generated_files_are_stored_with_the_bytes_of_the_tree_route()
    {
        for (var i = 0; i < 2_000; i++)
        {
            var e = Check(Generator.Value.Generate(31, i));
            // And the stored form reads back as a valid file.
            ProfileMapping.ToProfile(e).Errors.ShouldBeEmpty(e.CreditCode);
        }
    }

    [Theory]
    [InlineData("精密仪器 \"引号\" 与 \\反斜杠\\")]
    [InlineData("<script>&'</script>\t\n\u0001")]
    [InlineData("表情 😀 与 𠀀 字")]
    public void Texts_that_need_escaping_are_stored_with_the_bytes_of_the_tree_route(string text)
    {
        var profile = Generator.Value.Generate(32, 7);
        var mainProduct = (profile.MainProduct ?? new MainProduct()) with { Name = text };
        Check(profile with { Name = text, MainProduct = mainProduct });
    }

    private static Enterprise Check(EnterpriseProfile profile)
    {
        var e = ProfileMapping.NewEnterprise(profile, RegionTree.Shipped, includeRecognitions: true);
        e.Attributes.ShouldBe(TreeAttributes(profile), profile.CreditCode);
        ProfileMapping.ToUtf8(e).ShouldBe(JsonSerializer.SerializeToUtf8Bytes(ProfileMapping.ToJson(e)), profile.CreditCode);
        return e;
    }

    /// <summary>The attributes by the tree route: parse the written profile, drop the column members, write it again.</summary>
    private static string TreeAttributes(EnterpriseProfile profile)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, ProfileWriter.Options))
        {
            ProfileWriter.Write(w, profile);
        }
        var o = JsonNode.Parse(buffer.WrittenSpan)!.AsObject();
        foreach (var k in ColumnKeys)
        {
            o.Remove(k);
        }
        return o.ToJsonString(new JsonSerializerOptions { Encoder = ProfileWriter.Options.Encoder });
    }
}
