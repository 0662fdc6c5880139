namespace Tidu.Rules.Evaluation;

/// <summary>How much of the explanation an evaluation builds.</summary>
public enum EvaluationDetail
{
    /// <summary>Qualified, scores and sub-scores only; <see cref="TierResult.Checks"/> is empty.</summary>
    Outcome,

    /// <summary>
    /// As <see cref="Outcome"/>, and <see cref="TierResult.Checks"/> holds only the decisive failures (id, title,
    /// parent, cite) — what screening needs to find near misses, at a fraction of the cost of <see cref="Full"/>.
    /// </summary>
    DecisiveFailures,

    /// <summary>Every check, group and indicator with values, requirements, points and citations.</summary>
    Full,
}
