using Tidu.Rules.Evaluation;
using Tidu.Rules.Model;

namespace Tidu.Cli.Commands;

/// <summary>What every evaluating command does first: resolve the date, load the rules, check they are in force.</summary>
internal static class EvaluatorSetup
{
    public static bool TryCreate(string? asOfText, DirectoryInfo? rulesDir, TimeProvider clock, TextWriter stderr, out Evaluator evaluator, out DateOnly asOf)
    {
        evaluator = null!;
        if (!AsOfDate.TryResolve(asOfText, clock, out asOf, out var dateError))
        {
            stderr.WriteLine($"error: {dateError}");
            return false;
        }
        if (!RuleLoading.TryLoad(rulesDir, stderr, out var library))
        {
            return false;
        }
        evaluator = new Evaluator(library);
        try
        {
            evaluator.EnsureInForce(asOf);
            return true;
        }
        catch (RuleNotInForceException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return false;
        }
    }
}
