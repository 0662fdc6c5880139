using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tidu.Domain.Exchange;

namespace Tidu.Domain.Tests.Support;

/// <summary>Builds exchange-format input for reader tests: a minimal valid profile, edited per test, and streams over text or bytes.</summary>
public static class Json
{
    public const string ValidCreditCode = "91420111D5QA4XFD1C";
    public const string OtherValidCreditCode = "91330108NKYBERXPBK";
    public const string ThirdValidCreditCode = "91350100M000100Y43";

    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true };

    /// <summary>The smallest profile the schema accepts: the five required members and one fiscal year.</summary>
    public static JsonObject MinimalProfile(string creditCode = ValidCreditCode, string name = "Test Co") => new()
    {
        ["creditCode"] = creditCode,
        ["name"] = name,
        ["regionCode"] = "330106",
        ["industryCode"] = "C3484",
        ["financials"] = new JsonArray(new JsonObject { ["year"] = 2024, ["operatingRevenue"] = 100m }),
    };

    /// <summary>The minimal profile after <paramref name="edit"/>, on one line unless <paramref name="indented"/>.</summary>
    public static string Profile(Action<JsonObject>? edit = null, bool indented = false, string creditCode = ValidCreditCode, string name = "Test Co")
    {
        var o = MinimalProfile(creditCode, name);
        edit?.Invoke(o);
        return o.ToJsonString(indented ? Pretty : Compact);
    }

    /// <summary>A raw JSON token (e.g. <c>250.0</c>) to put into a profile verbatim.</summary>
    public static JsonNode Raw(string json) => JsonNode.Parse(json)!;

    /// <summary>Lines joined by LF, with a final LF.</summary>
    public static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";

    public static MemoryStream Stream(string text) => Stream(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text));

    public static MemoryStream Stream(byte[] bytes) => new(bytes, writable: false);

    public static List<ProfileRecord> Read(string text) => ProfileReader.Read(Stream(text)).ToList();

    public static List<ProfileRecord> Read(byte[] bytes) => ProfileReader.Read(Stream(bytes)).ToList();

    /// <summary>The single record of <paramref name="text"/>; fails unless there is exactly one.</summary>
    public static ProfileRecord ReadOne(string text)
    {
        var records = Read(text);
        if (records.Count != 1)
        {
            throw new InvalidOperationException($"expected one record, got {records.Count}: {string.Join("; ", records.SelectMany(r => r.Errors))}");
        }
        return records[0];
    }

    /// <summary>Human-readable errors for assertion messages.</summary>
    public static string Describe(ProfileRecord record) =>
        record.IsValid ? $"{record.Locator}: valid" : string.Join("; ", record.Errors);
}
