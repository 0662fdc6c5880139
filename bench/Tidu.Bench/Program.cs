using System.Globalization;
using BenchmarkDotNet.Running;
using Tidu.Bench;

// dotnet run -c Release --project bench/Tidu.Bench -- --verify 20000   the three evaluators must agree (exit 1 if not)
// dotnet run -c Release --project bench/Tidu.Bench -- --filter '*'     the BenchmarkDotNet suite (EvaluationBenchmarks)
if (args is ["--verify", var count])
{
    return await EquivalenceCheck.RunAsync(int.Parse(count, CultureInfo.InvariantCulture), Console.Out).ConfigureAwait(false);
}
BenchmarkSwitcher.FromAssembly(typeof(EvaluationBenchmarks).Assembly).Run(args);
return 0;
