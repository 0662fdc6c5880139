using System.Runtime.CompilerServices;
using Tidu.Rules.Facts;
using Tidu.Rules.Model.Scoring;
using Tidu.Rules.Values;

namespace Tidu.Rules.Plans;

/// <summary>One scoring indicator, compiled: its points for the enterprise being evaluated.</summary>
internal abstract class ScoreStep(Indicator source)
{
    public Indicator Source { get; } = source;

    public abstract decimal Points(PlanRun run);

    /// <summary>A value no points have: <see cref="WholePoints"/> found fractional points.</summary>
    public const long NotWhole = long.MinValue;

    /// <summary>
    /// The points as a whole number (what nearly every score card awards), or <see cref="NotWhole"/> when they have a
    /// fraction: the score is summed in integers without a decimal per indicator.
    /// </summary>
    public virtual long WholePoints(PlanRun run) => Whole(Points(run));

    /// <summary><paramref name="points"/> as a long when it is an integer of scale 0 (5, not 5.0: the sum keeps the scale decimal addition gives), else <see cref="NotWhole"/>.</summary>
    public static long Whole(decimal points)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(points, bits);
        if (bits[1] == 0 && bits[2] == 0 && (bits[3] & 0x00FF0000) == 0)
        {
            return bits[3] < 0 ? -(long)unchecked((uint)bits[0]) : unchecked((uint)bits[0]);
        }
        return NotWhole;
    }

    /// <summary>A fact through its reader: the slot, or the rule's default when the input is absent.</summary>
    internal sealed class Reading(FactReader reader)
    {
        private readonly FactNode _node = reader.Node;
        private readonly bool _hasDefault = reader.Default is not null;

        public FactNode Node => _node;

        public bool HasDefault => _hasDefault;

        /// <summary>A copy of the default in slot form (its approximation computed).</summary>
        public FactResult Default => _default;

        // The default's slot is shared by every thread, so its approximation is computed here, once.
        private FactResult _default = Step.Prepared(reader.Default);

        public ref FactResult Read(PlanRun run)
        {
            ref var v = ref run.Context.Slot(_node);
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
    private readonly bool[] _hasFrom = [.. b.Bands.Select(x => x.From is not null)];
    private readonly Threshold[] _from = [.. b.Bands.Select(x => new Threshold(x.From ?? 0m))];
    private readonly bool[] _hasTo = [.. b.Bands.Select(x => x.To is not null)];
    private readonly Threshold[] _to = [.. b.Bands.Select(x => new Threshold(x.To ?? 0m))];
    private readonly decimal[] _points = [.. b.Bands.Select(x => x.Points)];
    private readonly long[] _whole = [.. b.Bands.Select(x => Whole(x.Points))];

    // The loader keeps bands contiguous from the top down (the top open above, each 'to' the 'from' of the band
    // above it): going down, a value below every earlier 'from' is below this band's 'to' already, so one
    // comparison per band decides. Checked here rather than assumed.
    private readonly bool _contiguous = b.Bands.Count > 0 && b.Bands[0].To is null
        && b.Bands.Skip(1).Select((x, i) => x.To is { } t && b.Bands[i].From is { } f && t == f).All(x => x);

    public override decimal Points(PlanRun run) => Band(ref _fact.Read(run)) is var k and >= 0 ? _points[k] : 0m;

    public override long WholePoints(PlanRun run) => Band(ref _fact.Read(run)) is var k and >= 0 ? _whole[k] : 0;

    internal Reading Fact => _fact;

    /// <summary>Each band has a lower bound (the top band may not).</summary>
    internal bool[] HasFrom => _hasFrom;

    internal Threshold[] From => _from;

    /// <summary>Bands contiguous from the top down: one comparison per band decides.</summary>
    internal bool Contiguous => _contiguous;

    internal long WholeOf(int band) => _whole[band];

    /// <summary>The whole points of the rule's default (the value read when the input is missing).</summary>
    internal long WholeOfDefault()
    {
        var v = _fact.Default;
        return Band(ref v) is var k and >= 0 ? _whole[k] : 0;
    }

    /// <summary>The band the value falls in, −1 for none (or a value that is not a number).</summary>
    private int Band(ref FactResult v)
    {
        if (v.Kind != FactKind.Number)
        {
            return -1;
        }
        if (_contiguous)
        {
            // The value's double decides every band it is clearly above or below; only a value at a band's edge is
            // compared exactly (see Threshold).
            var x = v.Approximate();
            var from = _from;
            var hasFrom = _hasFrom;
            for (var k = 0; k < from.Length; k++)
            {
                if (!hasFrom[k] || x > from[k].Above || (x >= from[k].Below && v.CompareTo(from[k].Value) >= 0))
                {
                    return k;
                }
            }
            return -1;
        }
        for (var k = 0; k < _points.Length; k++)
        {
            if ((!_hasFrom[k] || v.CompareTo(in _from[k]) >= 0) && (!_hasTo[k] || v.CompareTo(in _to[k]) < 0))
            {
                return k;
            }
        }
        return -1;
    }
}

internal sealed class BestStep(BestIndicator b, ScoreStep[] readings) : ScoreStep(b)
{
    internal ScoreStep[] Readings => readings;

    // Whole points compare as their integers; one reading that is not whole sends the indicator the decimal way.
    public override long WholePoints(PlanRun run)
    {
        var best = readings[0].WholePoints(run);
        for (var i = 1; i < readings.Length && best != NotWhole; i++)
        {
            var p = readings[i].WholePoints(run);
            if (p == NotWhole)
            {
                best = NotWhole;
            }
            else if (p > best)
            {
                best = p;
            }
        }
        return best != NotWhole ? best : Whole(Points(run));
    }

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
    private readonly long[] _whole = [.. c.Cases.Select(x => Whole(x.Points))];
    private readonly long _otherwiseWhole = Whole(c.Otherwise);

    /// <summary>The root step of each case's condition, in order.</summary>
    internal int[] Whens => whens;

    internal long WholeOf(int i) => _whole[i];

    internal long OtherwiseWhole => _otherwiseWhole;

    public override long WholePoints(PlanRun run)
    {
        for (var i = 0; i < whens.Length; i++)
        {
            if (run.Eval(whens[i]))
            {
                return _whole[i];
            }
        }
        return _otherwiseWhole;
    }

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

    // Whole points each and a whole cap (scale 0): the product and the cap in integers are the decimals' values.
    private readonly long _eachWhole = Whole(c.PointsEach);
    private readonly long _maxWhole = Whole(c.Max);

    internal int[] Items => items;

    /// <summary>Whole points each (not negative) and a whole cap: the count's points are computed in integers.</summary>
    internal bool WholeCount => _eachWhole != NotWhole && _maxWhole != NotWhole && _eachWhole >= 0;

    internal long EachWhole => _eachWhole;

    internal long MaxWhole => _maxWhole;

    public override long WholePoints(PlanRun run)
    {
        if (!WholeCount)
        {
            return Whole(Points(run));
        }
        var held = 0L;
        foreach (var item in items)
        {
            held += run.Eval(item) ? 1 : 0;
        }
        return Math.Min(_maxWhole, held * _eachWhole);
    }

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
    private readonly long[] _whole = [.. m.Map.Values.Select(Whole)];

    public override long WholePoints(PlanRun run)
    {
        ref var v = ref _fact.Read(run);
        if (v.Kind != FactKind.Text)
        {
            return 0;
        }
        for (var i = 0; i < _keys.Length; i++)
        {
            if (string.Equals(_keys[i], v.Text, StringComparison.Ordinal))
            {
                return _whole[i];
            }
        }
        return 0;
    }

    public override decimal Points(PlanRun run)
    {
        ref var v = ref _fact.Read(run);
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
        ref var v = ref _fact.Read(run);
        return v.Kind != FactKind.Number ? 0m : Math.Clamp(v.Numerator / v.Denominator, 0m, _max);
    }
}

internal sealed class StepsStep(StepsIndicator s) : ScoreStep(s)
{
    private readonly Reading _fact = new(s.Fact);
    private readonly decimal _per = s.Per;
    private readonly decimal _pointsPer = s.PointsPer;
    private readonly decimal _max = s.Max;

    // A whole 'per' lets a count be divided in integers (e.g. years of a niche market, per 2 years).
    private readonly int _wholePer = s.Per == decimal.Truncate(s.Per) && s.Per is > 0m and <= int.MaxValue ? (int)s.Per : 0;

    public override decimal Points(PlanRun run)
    {
        ref var v = ref _fact.Read(run);
        if (v.Kind != FactKind.Number)
        {
            return 0m;
        }
        decimal steps;
        if (_wholePer > 0 && v.TryGetInteger(out var n))
        {
            // Floor division in integers: the same value, and like Math.Floor a whole decimal.
            steps = n >= 0 ? n / _wholePer : 0;
        }
        else
        {
            steps = Math.Max(0m, Math.Floor(v.Numerator / (v.Denominator * _per)));
        }
        return Math.Min(_max, steps * _pointsPer);
    }
}
