using System.Text.Json;
using Tidu.Domain.Exchange;
using Tidu.Domain.Profiles;
using Tidu.Domain.Regions;
using Tidu.Rules;
using Tidu.Rules.Synthetic;

namespace Tidu.Bench;

/// <summary>The data every measurement and the equivalence check use: generated profiles, seed 1, financials to 2025, evaluated as of 2026-03-31 (the last day of the 2022 measures).</summary>
public static class BenchData
{
    public const int Seed = 1;
    public const int LastYear = 2025;
    public static readonly DateOnly AsOf = new(2026, 3, 31);

    public static ProfileGenerator Generator(RuleLibrary library) =>
        new(RegionTree.Shipped.Leaves(), library, LastYear);

    /// <summary>Profiles 0 … count−1 of the seed as exchange-format JSON Lines.</summary>
    public static byte[] Jsonl(ProfileGenerator generator, int count)
    {
        ArgumentNullException.ThrowIfNull(generator);
        using var data = new MemoryStream();
        using (var w = new Utf8JsonWriter(data, ProfileWriter.Options))
        {
            for (var i = 0; i < count; i++)
            {
                ProfileWriter.Write(w, generator.Generate(Seed, i));
                w.Flush();
                w.Reset();
                data.WriteByte((byte)'\n');
            }
        }
        return data.ToArray();
    }

    /// <summary>Splits and parses JSON Lines on one thread; every record must be valid.</summary>
    public static EnterpriseProfile[] Parse(byte[] jsonl)
    {
        var profiles = new List<EnterpriseProfile>();
        foreach (var raw in ProfileReader.Split(new MemoryStream(jsonl)))
        {
            var record = ProfileReader.Parse(raw);
            profiles.Add(record.Profile ?? throw new InvalidOperationException($"{record.Locator}: {string.Join("; ", record.Errors.Select(e => e.ToString()))}"));
        }
        return [.. profiles];
    }
}
