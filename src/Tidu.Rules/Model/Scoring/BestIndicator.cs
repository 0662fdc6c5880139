using Tidu.Rules.Facts;

namespace Tidu.Rules.Model.Scoring;

/// <summary>The better of several readings (e.g. R&amp;D input by amount or by ratio, whichever scores higher).</summary>
public sealed class BestIndicator(string id, string title, string? dimension, string? cite, string? note, IReadOnlyList<Indicator> readings)
    : Indicator(id, title, dimension, cite, note, null)
{
    public IReadOnlyList<Indicator> Readings { get; } = readings;
    public override decimal Max { get; } = readings.Max(r => r.Max);

    public override IndicatorOutcome Score(EvaluationContext context)
    {
        IndicatorOutcome? best = null;
        string? bestId = null;
        foreach (var r in Readings)
        {
            var o = r.Score(context);
            if (best is null || o.Points > best.Value.Points)
            {
                best = o;
                bestId = r.Id;
            }
        }
        return best!.Value with { Band = $"{bestId}: {best.Value.Band}" };
    }
}
