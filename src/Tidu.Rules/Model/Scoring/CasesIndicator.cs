using Tidu.Rules.Evaluation;
using Tidu.Rules.Facts;
using Tidu.Rules.Model.Conditions;
using Tidu.Rules.Values;

namespace Tidu.Rules.Model.Scoring;

/// <summary>The points of the first case whose condition holds, else <see cref="Otherwise"/> (e.g. the IP table).</summary>
public sealed class CasesIndicator(string id, string title, string? dimension, string? cite, string? note, IReadOnlyList<(Condition When, decimal Points)> cases, decimal otherwise)
    : Indicator(id, title, dimension, cite, note, null)
{
    public IReadOnlyList<(Condition When, decimal Points)> Cases { get; } = cases;
    public decimal Otherwise { get; } = otherwise;
    public override decimal Max { get; } = Math.Max(otherwise, cases.Max(c => c.Points));

    public override IndicatorOutcome Score(EvaluationContext context)
    {
        foreach (var (when, points) in Cases)
        {
            if (when.Evaluate(context, null, null))
            {
                return new(points, FactValue.Of(when.Title), when.Title);
            }
        }
        // No case holds: explain once more, only now, to name a missing input if that is why.
        var sink = new ExplanationSink();
        foreach (var (when, _) in Cases)
        {
            when.Evaluate(context, sink, null);
        }
        var missing = sink.FirstMissing(0);
        return new(Otherwise, missing is null ? FactValue.Of("none of the cases") : FactValue.Missing(missing), "otherwise", missing);
    }
}
