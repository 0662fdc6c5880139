using Tidu.Rules.Facts;
using Tidu.Rules.Model.Scoring;
using Tidu.Rules.Values;

namespace Tidu.Rules.Plans;

/// <summary>One scoring indicator, compiled: its points for the enterprise being evaluated.</summary>
internal abstract class ScoreStep(Indicator source)
{
    public Indicator Source { get; } = source;

    public abstract decimal Points(PlanRun run);

    /// <summary>A fact through its reader: the slot, or the rule's default when the input is absent.</summary>
    protected sealed class Reading(FactReader reader)
    {
        private readonly FactNode _node = reader.Node;
        private readonly bool _hasDefault = reader.Default is not null;
        private readonly FactResult _default = reader.Default is { } d ? Step.ToResult(d) : default;

        public ref readonly FactResult Read(PlanRun run)
        {
            ref readonly var v = ref run.Context.Read(_node);
            if (v.IsAvailable || !_hasDefault)
            {
                return ref v;
            }
            return ref _default;
        }
    }
}

internal sealed class BandStep(BandIndicator b) : ScoreStep(b)
{
    private readonly Reading _fact = new(b.Fact);
    private readonly Band[] _bands = [.. b.Bands];

    public override decimal Points(PlanRun run)
    {
        ref readonly var v = ref _fact.Read(run);
        if (v.Kind != FactKind.Number)
        {
            return 0m;
        }
        foreach (var band in _bands)
        {
            if ((band.From is not { } f || v.CompareTo(f) >= 0) && (band.To is not { } t || v.CompareTo(t) < 0))
            {
                return band.Points;
            }
        }
        return 0m;
    }
}

internal sealed class BestStep(BestIndicator b, ScoreStep[] readings) : ScoreStep(b)
{
    public override decimal Points(PlanRun run)
    {
        var best = readings[0].Points(run);
        for (var i = 1; i < readings.Length; i++)
        {
            var p = readings[i].Points(run);
            if (p > best)
            {
                best = p;
            }
        }
        return best;
    }
}

internal sealed class CasesStep(CasesIndicator c, int[] whens) : ScoreStep(c)
{
    private readonly decimal[] _points = [.. c.Cases.Select(x => x.Points)];
    private readonly decimal _otherwise = c.Otherwise;

    public override decimal Points(PlanRun run)
    {
        for (var i = 0; i < whens.Length; i++)
        {
            if (run.Eval(whens[i]))
            {
                return _points[i];
            }
        }
        return _otherwise;
    }
}

internal sealed class CountStep(CountIndicator c, int[] items) : ScoreStep(c)
{
    private readonly decimal _each = c.PointsEach;
    private readonly decimal _max = c.Max;

    public override decimal Points(PlanRun run)
    {
        var held = 0;
        foreach (var item in items)
        {
            held += run.Eval(item) ? 1 : 0;
        }
        return Math.Min(_max, held * _each);
    }
}

internal sealed class MapStep(MapIndicator m) : ScoreStep(m)
{
    private readonly Reading _fact = new(m.Fact);
    private readonly string[] _keys = [.. m.Map.Keys];
    private readonly decimal[] _values = [.. m.Map.Values];

    public override decimal Points(PlanRun run)
    {
        ref readonly var v = ref _fact.Read(run);
        if (v.Kind != FactKind.Text)
        {
            return 0m;
        }
        for (var i = 0; i < _keys.Length; i++)
        {
            if (string.Equals(_keys[i], v.Text, StringComparison.Ordinal))
            {
                return _values[i];
            }
        }
        return 0m;
    }
}

internal sealed class AsPointsStep(PointsIndicator p) : ScoreStep(p)
{
    private readonly Reading _fact = new(p.Fact);
    private readonly decimal _max = p.Max;

    public override decimal Points(PlanRun run)
    {
        ref readonly var v = ref _fact.Read(run);
        return v.Kind != FactKind.Number ? 0m : Math.Clamp(v.Numerator / v.Denominator, 0m, _max);
    }
}

internal sealed class StepsStep(StepsIndicator s) : ScoreStep(s)
{
    private readonly Reading _fact = new(s.Fact);
    private readonly decimal _per = s.Per;
    private readonly decimal _pointsPer = s.PointsPer;
    private readonly decimal _max = s.Max;

    public override decimal Points(PlanRun run)
    {
        ref readonly var v = ref _fact.Read(run);
        if (v.Kind != FactKind.Number)
        {
            return 0m;
        }
        var steps = Math.Max(0m, Math.Floor(v.Numerator / (v.Denominator * _per)));
        return Math.Min(_max, steps * _pointsPer);
    }
}
