using System.Text;
using System.Text.Json;
using CsCheck;
using Shouldly;
using Tidu.Domain.Exchange;
using Tidu.Domain.Profiles;
using Tidu.Domain.Regions;
using Tidu.Rules.Synthetic;
using Tidu.Rules.Tests.Support;
using Xunit;

namespace Tidu.Rules.Tests.Properties;

/// <summary>
/// The reader's compact path (a tokenizer for one-line records without whitespace or escapes) must give exactly what
/// the general reader gives: the same profile, or — when it gives up — the general reader's own errors. Checked on the
/// lines <c>tidu generate</c> writes (which must take the compact path), on hostile variants of them, and on lines
/// with one byte inserted, deleted or replaced (most must fall back; some stay valid and compact). It lives here, not
/// with the reader's tests, because the realistic profiles come from the rules' generator.
/// </summary>
public sealed class CompactReaderAgreementTests
{
    private const int Profiles = 300;

    private static readonly Lazy<byte[][]> Lines = new(() =>
    {
        var generator = new ProfileGenerator(RegionTree.Shipped.Leaves(), Engine.Evaluator.Library, 2025, TierMix.Zhejiang.Oversampled(40));
        return [.. Enumerable.Range(0, Profiles).Select(i => Compact(generator.Generate(11, i)))];
    });

    /// <summary>A profile as <c>tidu generate</c> writes it: one line, the writer's member order, no whitespace.</summary>
    private static byte[] Compact(EnterpriseProfile profile)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, ProfileWriter.Options))
        {
            ProfileWriter.Write(w, profile);
        }
        return ms.ToArray();
    }

    // Bytes that matter to a tokenizer: structure, whitespace, escapes, number parts, literals, control and non-ASCII.
    private static readonly byte[] Interesting =
        [(byte)' ', (byte)'\t', (byte)'"', (byte)'\\', (byte)',', (byte)':', (byte)'{', (byte)'}', (byte)'[', (byte)']', (byte)'0', (byte)'7',
         (byte)'-', (byte)'.', (byte)'e', (byte)'E', (byte)'+', (byte)'n', (byte)'t', (byte)'x', 0x01, 0x1F, 0x7F, 0xC3, 0xA9, 0xFF];

    private sealed record Outcome(string? Profile, string Errors);

    private static Outcome Read(ProfileParser parser, byte[] line, bool general)
    {
        var profile = general ? parser.ReadGeneral(line) : parser.Read(line);
        return profile is null
            ? new Outcome(null, string.Join("\n", parser.Errors("line 1").Select(e => $"{e.Path} | {e.Reason} | {e.CreditCode}")))
            : new Outcome(JsonSerializer.Serialize(profile), "");
    }

    /// <summary>Reads with both paths (fresh parsers, so nothing carries over); the outcomes must be equal.</summary>
    private static bool Agree(byte[] line)
    {
        var withCompact = new ProfileParser();
        var compact = Read(withCompact, line, general: false);
        var general = Read(new ProfileParser(), line, general: true);
        compact.ShouldBe(general, Encoding.UTF8.GetString(line));
        if (withCompact.LastReadWasCompact)
        {
            compact.Profile.ShouldNotBeNull("the compact path only ever accepts a valid record");
        }
        return withCompact.LastReadWasCompact;
    }

    [Fact]
    public void Generated_lines_take_the_compact_path_and_give_the_general_readers_profile()
    {
        foreach (var line in Lines.Value)
        {
            Agree(line).ShouldBeTrue(Encoding.UTF8.GetString(line));
        }
    }

    [Fact]
    public void A_line_with_whitespace_between_tokens_falls_back_and_gives_the_same_profile()
    {
        var line = Encoding.UTF8.GetString(Lines.Value[0]).Replace("\":", "\": ", StringComparison.Ordinal).Replace(",\"", ", \"", StringComparison.Ordinal);
        Agree(Encoding.UTF8.GetBytes(line)).ShouldBeFalse();
        new ProfileParser().Read(Encoding.UTF8.GetBytes(line)).ShouldNotBeNull();
    }

    [Fact]
    public void Hostile_variants_give_the_general_readers_profile_or_errors() =>
        Gen.Int[0, Profiles - 1].Select(Gen.Int[0, 100_000]).Sample((i, variant) =>
        {
            var profile = new ProfileParser().Read(Lines.Value[i])!;
            Agree(Encoding.UTF8.GetBytes(HostileVariants.Of(profile, 5, variant).Json));
        }, iter: 1_500);

    [Fact]
    public void Lines_with_one_byte_changed_give_the_general_readers_profile_or_errors()
    {
        var taken = 0;
        var fellBack = 0;
        Gen.Select(Gen.Int[0, Profiles - 1], Gen.Int[0, 2], Gen.Double[0, 1], Gen.Int[0, Interesting.Length - 1]).Sample((i, edit, where, b) =>
        {
            var line = Lines.Value[i].ToList();
            var at = Math.Min((int)(where * line.Count), line.Count - 1);
            switch (edit)
            {
                case 0:
                    line.Insert(at, Interesting[b]);
                    break;
                case 1:
                    line.RemoveAt(at);
                    break;
                default:
                    line[at] = Interesting[b];
                    break;
            }
            if (Agree([.. line]))
            {
                Interlocked.Increment(ref taken);
            }
            else
            {
                Interlocked.Increment(ref fellBack);
            }
        }, iter: 4_000);
        // Both paths were exercised: edits inside a name or a digit keep some lines valid and compact.
        taken.ShouldBeGreaterThan(0);
        fellBack.ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData("{\"creditCode\":\"X\"}")]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("")]
    [InlineData("{\"creditCode\":\"91350100M000100Y43\",\"creditCode\":\"91350100M000100Y43\"}")]
    public void Short_and_broken_records_give_the_general_readers_errors(string json) =>
        Agree(Encoding.UTF8.GetBytes(json)).ShouldBeFalse();
}
