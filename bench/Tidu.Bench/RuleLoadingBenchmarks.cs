using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Tidu.Domain.Regions;
using Tidu.Rules;
using Tidu.Rules.Calendar;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Policies;
using Tidu.Rules.Service;

namespace Tidu.Bench;

/// <summary>
/// Loading the shipped rule folder and compiling it, warm (the process has loaded it before; each operation reads and
/// parses the files again): the tier rules with the evaluation plans of every region on a date of each national version,
/// and the whole folder — tier rules and plans, policies, working-day calendars and service rules; and the tier rules with
/// every plan compiled into delegates.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class RuleLoadingBenchmarks
{
    private static readonly DateOnly[] Dates = [new(2026, 3, 31), new(2026, 6, 30)];
    private readonly string[] _regions = [.. RegionTree.Shipped.Leaves().Select(r => r.Code)];

    /// <summary>Rule sets, size classes and shared conditions loaded and compiled, then one plan per region and date.</summary>
    [Benchmark(Baseline = true)]
    public int LoadAndCompileRules() => Plans(RuleLibrary.LoadDefault());

    /// <summary>
    /// The above with every plan compiled into its delegates at once (a plan compiles itself after its first hundred
    /// evaluations, so loading never pays this; it is what a long run pays once per plan).
    /// </summary>
    [Benchmark]
    public int LoadAndCompileRulesToDelegates() => Plans(RuleLibrary.LoadDefault(), compile: true);

    /// <summary>Everything under rules/: the above plus policies, calendars and service rules.</summary>
    [Benchmark]
    public int LoadWholeRuleFolder()
    {
        var library = RuleLibrary.LoadDefault();
        var steps = Plans(library);
        steps += PolicyCatalog.LoadDefault().Documents.Count;
        _ = WorkingDayCalendar.LoadDefault();
        _ = ServiceRules.LoadDefault(library.Tiers.Select(t => t.Id));
        return steps;
    }

    private int Plans(RuleLibrary library, bool compile = false)
    {
        var evaluator = new Evaluator(library);
        var steps = 0;
        foreach (var date in Dates)
        {
            var plans = evaluator.PlansOn(date);
            foreach (var region in _regions)
            {
                var plan = plans.For(region);
                steps += plan.StepCount;
                if (compile)
                {
                    plan.Compile();
                }
            }
        }
        return steps;
    }

    private sealed class Config : ManualConfig
    {
        public Config() =>
            AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10).WithToolchain(InProcessEmitToolchain.Instance).WithId("Short"));
    }
}
