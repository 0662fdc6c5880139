using System.Text.Json;
using Tidu.Domain.Exchange;
using Tidu.Domain.Profiles;
using Tidu.Domain.Regions;
using Tidu.Rules;
using Tidu.Rules.Plans;
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

    /// <summary>The files of the shipped rule folder that the hand-written evaluator and the RulesEngine workflows encode.</summary>
    public static readonly string[] HandWrittenFiles =
        ["national/size-class.yaml", "national/basic-conditions.yaml", "national/innovative-sme.yaml", "national/specialized-sme.yaml", "national/little-giant.yaml"];

    /// <summary>A rule folder (in the temp directory) holding only <see cref="HandWrittenFiles"/>, copied from the shipped one.</summary>
    public static string HandWrittenRules()
    {
        var folder = Path.Combine(Path.GetTempPath(), "tidu-bench-rules-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var file in HandWrittenFiles)
        {
            var target = Path.Combine(folder, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(RuleLibrary.DefaultDirectory, file), target, overwrite: true);
        }
        return folder;
    }

    /// <summary>Outcome mode over <paramref name="profiles"/> into one reused workspace: how many tiers qualified.</summary>
    public static int Outcomes(PlanSet plans, PlanWorkspace workspace, EnterpriseProfile[] profiles)
    {
        ArgumentNullException.ThrowIfNull(plans);
        ArgumentNullException.ThrowIfNull(profiles);
        var qualified = 0;
        foreach (var p in profiles)
        {
            var outcome = plans.For(p.RegionCode, workspace).Evaluate(p, workspace);
            for (var t = 0; t < outcome.Plan.Tiers.Count; t++)
            {
                qualified += outcome.Qualified(t) ? 1 : 0;
            }
        }
        return qualified;
    }

    /// <summary>The hand-written evaluator over <paramref name="profiles"/>: how many tiers qualified.</summary>
    public static int HandWrittenOutcomes(HandWrittenEvaluator evaluator, EnterpriseProfile[] profiles)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(profiles);
        var qualified = 0;
        foreach (var p in profiles)
        {
            var o = evaluator.Evaluate(p);
            qualified += (o.Innovative.Qualified ? 1 : 0) + (o.Specialized.Qualified ? 1 : 0) + (o.LittleGiant.Qualified ? 1 : 0);
        }
        return qualified;
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
