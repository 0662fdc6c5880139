using System.Buffers;
using System.Text.Json;
using Tidu.Domain.Profiles;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Gaps;

namespace Tidu.Application.Workflow;

/// <summary>
/// What an enterprise is shown when it applies: the evaluation of its file against the round's tier (every check
/// with actual, required and citation), the rule version that decided, and — when it does not qualify — the gap.
/// </summary>
public sealed record PreEvaluation(bool Qualified, string RuleVersion, string TraceJson, string? GapJson, TierResult Result, GapResult? Gap)
{
    /// <summary>Null when no rule set of the tier applies to the enterprise's region on that date.</summary>
    public static PreEvaluation? Of(EnterpriseProfile profile, DateOnly asOf, string tier, Evaluator evaluator, GapAnalyzer gaps)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(gaps);
        var evaluation = evaluator.Evaluate(profile, asOf, EvaluationDetail.Full);
        var result = evaluation.Tiers.SingleOrDefault(t => t.Tier == tier);
        if (result is null)
        {
            return null;
        }
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, EvaluationJsonWriter.Options))
        {
            EvaluationJsonWriter.Write(w, evaluation with { Tiers = [result] });
        }
        var gap = result.Qualified ? null : gaps.Analyze(profile, asOf, tier);
        return new PreEvaluation(result.Qualified, Version(result), System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan),
            gap is null ? null : GapJsonWriter.Line(gap), result, gap);
    }

    public static string Version(TierResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return $"{result.Version.RuleSetId}@{result.Version.VersionId}";
    }
}
