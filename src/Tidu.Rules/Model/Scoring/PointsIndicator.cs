using Tidu.Rules.Facts;

namespace Tidu.Rules.Model.Scoring;

/// <summary>The input is itself the points (e.g. the province's 特色化 points assessed outside Tidu), at most Max.</summary>
public sealed class PointsIndicator(string id, string title, string? dimension, string? cite, string? note, FactReader fact, decimal max)
    : Indicator(id, title, dimension, cite, note, "分")
{
    public FactReader Fact { get; } = fact;
    public override decimal Max { get; } = max;

    public override IndicatorOutcome Score(EvaluationContext context)
    {
        var v = Fact.Read(context);
        if (!v.IsAvailable)
        {
            return new(0m, v, "not available");
        }
        return new(Math.Clamp(v.Number.ToDecimal(), 0m, Max), v, $"as given, at most {Max}");
    }
}
