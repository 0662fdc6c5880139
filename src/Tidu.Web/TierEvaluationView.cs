using Tidu.Rules.Evaluation;
using Tidu.Rules.Gaps;

namespace Tidu.Web;

/// <summary>Model of Pages/Shared/_TierEvaluation: one tier's outcome with every check, and the gap when it is not met.</summary>
public sealed record TierEvaluationView(TierResult Tier, GapResult? Gap);
