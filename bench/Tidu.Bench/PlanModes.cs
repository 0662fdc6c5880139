using System.Diagnostics;
using System.Globalization;
using Tidu.Domain.Profiles;
using Tidu.Rules;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Plans;

namespace Tidu.Bench;

/// <summary>
/// The compiled plan against the plan's interpreter, as paired passes over the same profiles (outcome mode, one
/// thread): interpreted time ÷ compiled time per round, by wall and by CPU time, and the time to compile every plan.
/// </summary>
public static class PlanModes
{
    public static int Run(int count, int rounds, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var library = RuleLibrary.LoadDefault();
        var plans = new Evaluator(library).PlansOn(BenchData.AsOf);
        var profiles = BenchData.Parse(BenchData.Jsonl(BenchData.Generator(library), count));
        var workspace = new PlanWorkspace();
        var start = Stopwatch.GetTimestamp();
        foreach (var p in profiles)
        {
            plans.For(p.RegionCode, workspace).Compile();
        }
        var compile = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{plans.Compiled.Count} plans ({string.Join(", ", plans.Compiled.Select(p => p.StepCount))} steps) compiled in {compile:F1} ms"));
        var wall = new List<double>();
        var cpu = new List<double>();
        for (var r = -2; r < rounds; r++) // two warm-up rounds
        {
            var (iw, ic) = Time(() => Pass(plans, workspace, profiles, interpret: true));
            var (cw, cc) = Time(() => Pass(plans, workspace, profiles, interpret: false));
            if (r >= 0)
            {
                wall.Add(iw / cw);
                cpu.Add(ic / cc);
            }
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count} profiles, {rounds} rounds; interpreted time ÷ compiled time per round:"));
        output.WriteLine(Describe("wall", wall));
        output.WriteLine(Describe("CPU", cpu));
        return 0;
    }

    private static int Pass(PlanSet plans, PlanWorkspace workspace, EnterpriseProfile[] profiles, bool interpret)
    {
        var qualified = 0;
        foreach (var p in profiles)
        {
            var plan = plans.For(p.RegionCode, workspace);
            var outcome = interpret ? plan.Interpret(p, workspace) : plan.Evaluate(p, workspace);
            for (var t = 0; t < outcome.Plan.Tiers.Count; t++)
            {
                qualified += outcome.Qualified(t) ? 1 : 0;
            }
        }
        return qualified;
    }

    private static string Describe(string name, List<double> ratios)
    {
        ratios.Sort();
        return string.Create(CultureInfo.InvariantCulture, $"  {name}: median {ratios[ratios.Count / 2]:F2} (min {ratios[0]:F2}, max {ratios[^1]:F2})");
    }

    private static (double Wall, double Cpu) Time(Func<int> pass)
    {
        var cpu = Environment.CpuUsage.TotalTime;
        var start = Stopwatch.GetTimestamp();
        GC.KeepAlive(pass());
        return (Stopwatch.GetElapsedTime(start).TotalMilliseconds, (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds);
    }
}
