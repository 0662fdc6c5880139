using Tidu.Rules.Evaluation;
using Tidu.Rules.Facts;
using Tidu.Rules.Model.Conditions;
using Tidu.Rules.Values;

namespace Tidu.Rules.Model.Scoring;

/// <summary>PointsEach for each item that holds, at most Max (e.g. quality items: 3 each, at most 5).</summary>
public sealed class CountIndicator(string id, string title, string? dimension, string? cite, string? note, IReadOnlyList<Condition> items, decimal pointsEach, decimal max)
    : Indicator(id, title, dimension, cite, note, null)
{
    public IReadOnlyList<Condition> Items { get; } = items;
    public decimal PointsEach { get; } = pointsEach;
    public override decimal Max { get; } = max;

    public override IndicatorOutcome Score(EvaluationContext context)
    {
        var held = new List<string>();
        foreach (var item in Items)
        {
            if (item.Evaluate(context, null, null))
            {
                held.Add(item.Id);
            }
        }
        var points = Math.Min(Max, held.Count * PointsEach);
        string? missing = null;
        if (held.Count * PointsEach < Max)
        {
            // Below the cap: name a missing input if one is why (explaining only in this case keeps screening cheap).
            var sink = new ExplanationSink();
            foreach (var item in Items)
            {
                item.Evaluate(context, sink, null);
            }
            missing = sink.FirstMissing(0);
        }
        return new(points, FactValue.Of(held.Count == 0 ? "none" : string.Join(", ", held)), $"{PointsEach} per item, at most {Max}", missing);
    }
}
