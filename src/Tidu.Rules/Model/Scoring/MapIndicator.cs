using Tidu.Rules.Facts;

namespace Tidu.Rules.Model.Scoring;

/// <summary>Points by the value of an enumerated fact (e.g. R&amp;D institution level → points).</summary>
public sealed class MapIndicator(string id, string title, string? dimension, string? cite, string? note, FactReader fact, IReadOnlyDictionary<string, decimal> map)
    : Indicator(id, title, dimension, cite, note, null)
{
    public FactReader Fact { get; } = fact;
    public IReadOnlyDictionary<string, decimal> Map { get; } = map;
    public override decimal Max { get; } = map.Values.Max();

    public override IndicatorOutcome Score(EvaluationContext context)
    {
        var v = Fact.Read(context);
        if (!v.IsAvailable)
        {
            return new(0m, v, "not available");
        }
        return Map.TryGetValue(v.Text!, out var p) ? new(p, v, v.Text!) : new(0m, v, "not listed");
    }
}
