using Tidu.Rules.Evaluation;
using Tidu.Rules.Gaps;

namespace Tidu.Web;

/// <summary>
/// Model of Pages/Shared/_TierEvaluation: one tier's outcome with every check, the gap when it is not met, and which
/// fiscal year each financials entry of the evaluated profile holds (so a missing figure reads "2025年 研发费用"), and
/// what the file holds for the tier (its recognition), shown apart from the evaluation so the two never read as one.
/// </summary>
public sealed record TierEvaluationView(TierResult Tier, GapResult? Gap, Func<int, int?>? YearAt = null, string? Held = null);
