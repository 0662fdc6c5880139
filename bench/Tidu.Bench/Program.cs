using System.Globalization;
using BenchmarkDotNet.Running;
using Tidu.Bench;

// dotnet run -c Release --project bench/Tidu.Bench -- --verify 20000   the three evaluators must agree (exit 1 if not)
// dotnet run -c Release --project bench/Tidu.Bench -- --filter '*'     the BenchmarkDotNet suite (EvaluationBenchmarks, RuleLoadingBenchmarks)
// dotnet run -c Release --project bench/Tidu.Bench -- --paired 20000 30 outcome mode ÷ hand-written and RulesEngine ÷ outcome mode, alternating passes
// dotnet run -c Release --project bench/Tidu.Bench -- --plan-modes 20000 15 the plan's interpreter ÷ the compiled plan, alternating passes
if (args is ["--verify", var count])
{
    return await EquivalenceCheck.RunAsync(int.Parse(count, CultureInfo.InvariantCulture), Console.Out).ConfigureAwait(false);
}
if (args is ["--plan-modes", var planCount, var planRounds])
{
    return PlanModes.Run(int.Parse(planCount, CultureInfo.InvariantCulture), int.Parse(planRounds, CultureInfo.InvariantCulture), Console.Out);
}
if (args is ["--paired", var n, var rounds])
{
    return PairedRatio.Run(int.Parse(n, CultureInfo.InvariantCulture), int.Parse(rounds, CultureInfo.InvariantCulture), Console.Out);
}
BenchmarkSwitcher.FromAssembly(typeof(EvaluationBenchmarks).Assembly).Run(args);
return 0;
