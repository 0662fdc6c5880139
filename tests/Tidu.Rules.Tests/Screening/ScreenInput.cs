using System.Text;
using System.Text.Json;
using Tidu.Domain.Exchange;
using Tidu.Domain.Regions;
using Tidu.Rules.Synthetic;

namespace Tidu.Rules.Tests.Screening;

/// <summary>
/// A JSON Lines file of generated profiles (every rung and its near misses oversampled) with what a real file has:
/// a byte-order mark, blank lines, lines that are not JSON and records the schema refuses, so that the errors file
/// and line numbers are compared as well as the results.
/// </summary>
public static class ScreenInput
{
    public static void Write(string path, RuleLibrary library, int count, int seed)
    {
        var generator = new ProfileGenerator(RegionTree.Shipped.Leaves(), library, 2025, TierMix.Zhejiang.Oversampled(40));
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        file.Write([0xEF, 0xBB, 0xBF]);
        for (var i = 0; i < count; i++)
        {
            if (i % 41 == 7)
            {
                file.Write("\n"u8);
            }
            if (i % 97 == 13)
            {
                file.Write(Encoding.UTF8.GetBytes($"{{\"creditCode\": \"broken line {i}\"\n"));
                continue;
            }
            if (i % 89 == 5)
            {
                file.Write(Encoding.UTF8.GetBytes($"{{\"creditCode\": \"91330000MA0000000{i % 10}\", \"name\": 5}}\n"));
                continue;
            }
            using (var w = new Utf8JsonWriter(file, ProfileWriter.Options))
            {
                ProfileWriter.Write(w, generator.Generate(seed, i));
            }
            file.Write("\n"u8);
        }
    }
}
