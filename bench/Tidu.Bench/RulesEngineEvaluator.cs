using System.Text.Json;
using RulesEngine.Models;
using Tidu.Domain.Profiles;

namespace Tidu.Bench;

/// <summary>
/// The same 2022 national criteria run by Microsoft RulesEngine 6.x from JSON workflows (workflows/*.json, copied
/// beside the program): per profile, the derived facts are computed in C# (<see cref="RulesEngineFacts"/>), then the
/// size-class workflow of the enterprise's industry group runs, then the basic conditions, then the three tier
/// workflows. Thresholds, score bands (as expressions), sums and the and/or trees are all in the JSON. A tier's score
/// is the output of its rule's OutputExpression action (on success and on failure alike).
/// </summary>
public sealed class RulesEngineEvaluator
{
    private static readonly DateOnly First = new(2022, 8, 1);
    private static readonly DateOnly Last = new(2026, 3, 31);

    private readonly RulesEngine.RulesEngine _engine;
    private readonly DateOnly _asOf;
    private readonly Dictionary<string, string> _sizeWorkflows = new(StringComparer.Ordinal);

    public RulesEngineEvaluator(DateOnly asOf, string? workflowDirectory = null)
    {
        if (asOf < First || asOf > Last)
        {
            throw new ArgumentOutOfRangeException(nameof(asOf), "the RulesEngine workflows encode only the 2022 measures (2022-08-01 to 2026-03-31)");
        }
        _asOf = asOf;
        var directory = workflowDirectory ?? Path.Combine(AppContext.BaseDirectory, "workflows");
        var workflows = Directory.EnumerateFiles(directory, "*.json")
            .Order(StringComparer.Ordinal)
            .SelectMany(path => JsonSerializer.Deserialize<Workflow[]>(File.ReadAllText(path)) ?? [])
            .ToArray();
        foreach (var w in workflows.Where(w => w.WorkflowName.StartsWith("size-class/", StringComparison.Ordinal)))
        {
            _sizeWorkflows[w.WorkflowName["size-class/".Length..]] = w.WorkflowName;
        }
        // Errors in an expression must throw, not turn into a silently failed rule.
        _engine = new RulesEngine.RulesEngine(workflows, reSettings: new ReSettings { EnableExceptionAsErrorMessage = false });
    }

    public async ValueTask<Outcome> EvaluateAsync(EnterpriseProfile profile)
    {
        var facts = RulesEngineFacts.From(profile, _asOf);
        facts.SizeClass = await SizeClassAsync(facts).ConfigureAwait(false);
        facts.Basic = (await _engine.ExecuteAllRulesAsync("basic-conditions", facts).ConfigureAwait(false))[0].IsSuccess;
        var innovative = Tier(await _engine.ExecuteAllRulesAsync("innovative-sme", facts).ConfigureAwait(false));
        var specialized = Tier(await _engine.ExecuteAllRulesAsync("specialized-sme", facts).ConfigureAwait(false));
        var littleGiant = Tier(await _engine.ExecuteAllRulesAsync("little-giant", facts).ConfigureAwait(false));
        return new Outcome(facts.SizeClass, innovative, specialized, littleGiant);
    }

    private async ValueTask<string?> SizeClassAsync(RulesEngineFacts facts)
    {
        if (facts.SizeGroup is not { } group)
        {
            return null; // industry code too coarse for one group
        }
        var results = await _engine.ExecuteAllRulesAsync(_sizeWorkflows[group], facts).ConfigureAwait(false);
        bool inputs = false, sme = false, medium = false, small = false;
        foreach (var r in results)
        {
            var name = r.Rule.RuleName;
            if (name.EndsWith(".inputs", StringComparison.Ordinal))
            {
                inputs = r.IsSuccess;
            }
            else if (name.EndsWith(".sme", StringComparison.Ordinal))
            {
                sme = r.IsSuccess;
            }
            else if (name.EndsWith(".medium", StringComparison.Ordinal))
            {
                medium = r.IsSuccess;
            }
            else if (name.EndsWith(".small", StringComparison.Ordinal))
            {
                small = r.IsSuccess;
            }
        }
        return !inputs ? null : !sme ? "large" : medium ? "medium" : small ? "small" : "micro";
    }

    private static TierOutcome Tier(List<RuleResultTree> results)
    {
        var top = results[0];
        if (top.ActionResult?.Exception is { } ex)
        {
            throw new InvalidOperationException($"rule {top.Rule.RuleName}: the score expression failed", ex);
        }
        return new TierOutcome(top.IsSuccess, top.ActionResult?.Output is { } score ? Convert.ToDecimal(score, System.Globalization.CultureInfo.InvariantCulture) : null);
    }
}
