using Tidu.Rules.Facts;

namespace Tidu.Rules.Model.Scoring;

/// <summary>PointsPer for each full Per of the value, at most Max (e.g. 1 point per full 2 years, at most 5).</summary>
public sealed class StepsIndicator(string id, string title, string? dimension, string? cite, string? note, string? unit, FactReader fact, decimal per, decimal pointsPer, decimal max)
    : Indicator(id, title, dimension, cite, note, unit)
{
    public FactReader Fact { get; } = fact;
    public decimal Per { get; } = per;
    public decimal PointsPer { get; } = pointsPer;
    public override decimal Max { get; } = max;

    public override IndicatorOutcome Score(EvaluationContext context)
    {
        var v = Fact.Read(context);
        if (!v.IsAvailable)
        {
            return new(0m, v, "not available");
        }
        var steps = Math.Max(0m, Math.Floor(v.Number.Numerator / (v.Number.Denominator * Per)));
        return new(Math.Min(Max, steps * PointsPer), v, $"{PointsPer} per full {Per}, at most {Max}");
    }
}
