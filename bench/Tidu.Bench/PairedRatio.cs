using System.Diagnostics;
using System.Globalization;
using Tidu.Rules;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Plans;

namespace Tidu.Bench;

/// <summary>
/// Outcome mode against the hand-written evaluator as paired passes: each round times one pass of each over the same
/// profiles back to back, and the ratio is taken per round, so a machine whose load swings between one benchmark and the
/// next (BenchmarkDotNet measures them minutes apart) still gives a comparable figure. Microsoft RulesEngine is timed in
/// the same rounds. Prints the median and range.
/// </summary>
public static class PairedRatio
{
    public static int Run(int count, int rounds, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var library = RuleLibrary.LoadDefault();
        var all = new Evaluator(library).PlansOn(BenchData.AsOf);
        var same = new Evaluator(RuleLibrary.Load(BenchData.HandWrittenRules())).PlansOn(BenchData.AsOf);
        var hand = new HandWrittenEvaluator(BenchData.AsOf);
        var rulesEngine = new RulesEngineEvaluator(BenchData.AsOf);
        var profiles = BenchData.Parse(BenchData.Jsonl(BenchData.Generator(library), count));
        var workspace = new PlanWorkspace();
        var allRatios = new List<double>();
        var sameRatios = new List<double>();
        var engineRatios = new List<double>();
        var engineSameRatios = new List<double>();
        var cpu = new List<double>[4];
        for (var k = 0; k < cpu.Length; k++)
        {
            cpu[k] = [];
        }
        for (var r = -2; r < rounds; r++) // two warm-up rounds
        {
            var (h, hc) = Time(() => BenchData.HandWrittenOutcomes(hand, profiles));
            var (a, ac) = Time(() => BenchData.Outcomes(all, workspace, profiles));
            var (s, sc) = Time(() => BenchData.Outcomes(same, workspace, profiles));
            var (e, ec) = Time(() => RulesEngineOutcomes(rulesEngine, profiles));
            if (r >= 0)
            {
                allRatios.Add(h / a);
                sameRatios.Add(h / s);
                engineRatios.Add(e / a);
                engineSameRatios.Add(e / s);
                cpu[0].Add(hc / ac);
                cpu[1].Add(hc / sc);
                cpu[2].Add(ec / ac);
                cpu[3].Add(ec / sc);
            }
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count} profiles, {rounds} rounds; hand-written time ÷ outcome-mode time per round:"));
        output.WriteLine(Describe("TiduOutcome (every tier that applies)", allRatios));
        output.WriteLine(Describe("TiduOutcomeSameTiers (the hand-written evaluator's three)", sameRatios));
        output.WriteLine("Microsoft RulesEngine time ÷ outcome-mode time (every tier) per round:");
        output.WriteLine(Describe("RulesEngine ÷ TiduOutcome (every tier that applies)", engineRatios));
        output.WriteLine(Describe("RulesEngine ÷ TiduOutcomeSameTiers (the same three tiers)", engineSameRatios));
        // On a shared machine a pass can lose the processor for part of its wall time; the process's CPU time per pass
        // (one thread evaluates, so it is that thread's work) is the same comparison without the time spent waiting.
        output.WriteLine("The same ratios by CPU time per pass:");
        output.WriteLine(Describe("TiduOutcome (every tier that applies)", cpu[0]));
        output.WriteLine(Describe("TiduOutcomeSameTiers (the hand-written evaluator's three)", cpu[1]));
        output.WriteLine(Describe("RulesEngine ÷ TiduOutcome (every tier that applies)", cpu[2]));
        output.WriteLine(Describe("RulesEngine ÷ TiduOutcomeSameTiers (the same three tiers)", cpu[3]));
        return 0;
    }

    private static string Describe(string name, List<double> ratios)
    {
        ratios.Sort();
        return string.Create(CultureInfo.InvariantCulture, $"  {name}: median {ratios[ratios.Count / 2]:F2} (min {ratios[0]:F2}, max {ratios[^1]:F2})");
    }

    /// <summary>One pass of RulesEngine over the profiles, as the RulesEngine benchmark runs it.</summary>
    private static int RulesEngineOutcomes(RulesEngineEvaluator engine, IReadOnlyList<Tidu.Domain.Profiles.EnterpriseProfile> profiles)
    {
        var qualified = 0;
        foreach (var p in profiles)
        {
            var o = engine.EvaluateAsync(p).AsTask().GetAwaiter().GetResult();
            qualified += (o.Innovative.Qualified ? 1 : 0) + (o.Specialized.Qualified ? 1 : 0) + (o.LittleGiant.Qualified ? 1 : 0);
        }
        return qualified;
    }

    /// <summary>Wall and CPU milliseconds of one pass.</summary>
    private static (double Wall, double Cpu) Time(Func<int> pass)
    {
        var cpu = Environment.CpuUsage.TotalTime;
        var start = Stopwatch.GetTimestamp();
        GC.KeepAlive(pass());
        return (Stopwatch.GetElapsedTime(start).TotalMilliseconds, (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds);
    }
}
