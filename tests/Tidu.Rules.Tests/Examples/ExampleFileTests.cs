using System.Text.Json;
using System.Text.Json.Nodes;
using Shouldly;
using Tidu.Domain.Exchange;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Tests.Support;
using Xunit;

namespace Tidu.Rules.Tests.Examples;

/// <summary>
/// The shared examples come with expected results written independently of Tidu (examples/*.expected*.jsonl):
/// the engine's output, written by the same writer the CLI uses, must carry exactly that core.
/// </summary>
public sealed class ExampleFileTests
{
    public static TheoryData<string, string, string> Cases => new()
    {
        { "two-enterprises.json", "two-enterprises.expected.jsonl", "2026-03-31" },
        { "three-enterprises-v1.1.json", "three-enterprises-v1.1.expected.2026-03-31.jsonl", "2026-03-31" },
        { "three-enterprises-v1.1.json", "three-enterprises-v1.1.expected.2026-06-30.jsonl", "2026-06-30" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Example_reproduces_its_expected_core(string input, string expected, string asOf)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "examples");
        using var stream = File.OpenRead(Path.Combine(dir, input));
        var records = ProfileReader.Read(stream).ToList();
        records.ShouldAllBe(r => r.IsValid);
        var date = DateOnly.ParseExact(asOf, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var expectedLines = File.ReadAllLines(Path.Combine(dir, expected)).Where(l => l.Length > 0).ToList();
        expectedLines.Count.ShouldBe(records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            var actual = Core(Serialize(Engine.Evaluate(records[i].Profile!, date)));
            var want = JsonNode.Parse(expectedLines[i])!;
            JsonNode.DeepEquals(actual, want).ShouldBeTrue($"record {i}:\n expected {want.ToJsonString()}\n actual   {actual.ToJsonString()}");
        }
    }

    private static JsonNode Serialize(EnterpriseEvaluation e)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            EvaluationJsonWriter.Write(w, e);
        }
        return JsonNode.Parse(buffer.ToArray())!;
    }

    /// <summary>The core the expected files hold: creditCode, sizeClass, per tier qualified and score.</summary>
    private static JsonObject Core(JsonNode full)
    {
        var tiers = new JsonObject();
        foreach (var (tier, value) in full["tiers"]!.AsObject())
        {
            tiers[tier] = new JsonObject { ["qualified"] = value!["qualified"]!.DeepClone(), ["score"] = value["score"]?.DeepClone() };
        }
        return new JsonObject
        {
            ["creditCode"] = full["creditCode"]!.DeepClone(),
            ["sizeClass"] = full["sizeClass"]?.DeepClone(),
            ["tiers"] = tiers,
        };
    }
}
