using Tidu.Rules.Facts;

namespace Tidu.Rules.Model.Scoring;

/// <summary>Points by contiguous bands of one numeric fact; "not available" scores 0.</summary>
public sealed class BandIndicator(string id, string title, string? dimension, string? cite, string? note, string? unit, FactReader fact, IReadOnlyList<Band> bands)
    : Indicator(id, title, dimension, cite, note, unit)
{
    public FactReader Fact { get; } = fact;
    public IReadOnlyList<Band> Bands { get; } = bands;
    public override decimal Max { get; } = bands.Max(b => b.Points);

    public override IndicatorOutcome Score(EvaluationContext context)
    {
        var v = Fact.Read(context);
        if (!v.IsAvailable)
        {
            return new(0m, v, "not available");
        }
        foreach (var b in Bands)
        {
            if ((b.From is not { } f || v.Number.CompareTo(f) >= 0) && (b.To is not { } t || v.Number.CompareTo(t) < 0))
            {
                return new(b.Points, v, b.Describe());
            }
        }
        return new(0m, v, "no band"); // unreachable: loading guarantees the bands cover every value
    }
}
