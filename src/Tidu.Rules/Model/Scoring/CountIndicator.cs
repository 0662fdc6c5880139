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
        var sink = new ExplanationSink();
        foreach (var item in Items)
        {
            if (item.Evaluate(context, sink, null))
            {
                held.Add(item.Id);
            }
        }
        var points = Math.Min(Max, held.Count * PointsEach);
        var missing = held.Count * PointsEach >= Max ? null : sink.FirstMissing(0);
        return new(points, FactValue.Of(held.Count == 0 ? "none" : string.Join(", ", held)), $"{PointsEach} per item, at most {Max}", missing);
    }
}
