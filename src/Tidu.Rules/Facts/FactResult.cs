using System.Globalization;
using Tidu.Rules.Values;

namespace Tidu.Rules.Facts;

/// <summary>How <see cref="MissingInput"/> names the input that was not available.</summary>
public enum MissingKind : byte
{
    None,

    /// <summary>A fixed pointer and reason (e.g. <c>/compliance/wageArrears</c>, "not provided").</summary>
    Static,

    /// <summary>The profile has no financials for a year.</summary>
    NoYear,

    /// <summary>A yearly entry lacks a field.</summary>
    FieldMissing,

    /// <summary>A ratio's denominator is zero (or negative).</summary>
    RatioZero,

    /// <summary>A growth's base-year amount is zero.</summary>
    GrowthZero,

    /// <summary>No year of a window has the field.</summary>
    SumNone,

    /// <summary>A ratio of sums over a window has a zero denominator sum.</summary>
    RatioOfSumsZero,

    /// <summary>No quality evaluation score for a year.</summary>
    QualityYear,
}

/// <summary>
/// Which input was not available and why, kept as a few numbers and interned names so that evaluating allocates
/// nothing; the JSON Pointer and the English reason are formatted only when an explanation asks for them.
/// </summary>
public readonly record struct MissingInput(MissingKind Kind, string? Field = null, string? ReasonText = null, int Index = -1, int Year = 0, int Year2 = 0)
{
    public static MissingInput Static(string path, string reason = "not provided") => new(MissingKind.Static, path, reason);

    /// <summary>The same input with another reason (the size class names the input its table missed).</summary>
    public MissingInput WithReason(string reason) => this with { ReasonText = reason };

    /// <summary>JSON Pointer (or description) of the missing input.</summary>
    public string Path => Kind switch
    {
        MissingKind.Static => Field!,
        MissingKind.NoYear => YearPointer(Year),
        MissingKind.FieldMissing => FieldPointer(Index, Field!),
        MissingKind.RatioZero or MissingKind.GrowthZero => Index < 0 ? YearPointer(Year) : FieldPointer(Index, Field!),
        MissingKind.SumNone => YearPointer(Year2),
        MissingKind.RatioOfSumsZero => Index < 0 ? YearPointer(Year2) : FieldPointer(Index, Field!),
        MissingKind.QualityYear => "/qualityEvaluations",
        _ => "",
    };

    /// <summary>Why, in English.</summary>
    public string Reason => ReasonText ?? Kind switch
    {
        MissingKind.NoYear => Invariant($"no financials for {Year}"),
        MissingKind.FieldMissing => Invariant($"{Field} of {Year} not provided"),
        MissingKind.RatioZero => Invariant($"{Field} of {Year} is zero: the ratio is not available"),
        MissingKind.GrowthZero => Invariant($"{Field} of {Year} is zero: growth is not available"),
        MissingKind.SumNone => Invariant($"no {Field} in {Year}–{Year2}"),
        MissingKind.RatioOfSumsZero => Invariant($"{Field} over {Year}–{Year2} is zero: the ratio is not available"),
        MissingKind.QualityYear => Invariant($"no quality evaluation score for {Year}"),
        _ => "not provided",
    };

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static string FieldPointer(int index, string field) => Invariant($"/financials/{index}/{field}");

    private static string YearPointer(int year) => Invariant($"/financials (year {year})");
}

/// <summary>
/// A fact's value in the slot an evaluation keeps for it: a number kept exactly as numerator / denominator (the
/// denominator is 1 for amounts and counts — <see cref="Whole"/>), a boolean, a text, or not available with the
/// missing input. Filled in place, so computing a fact allocates nothing.
/// </summary>
public struct FactResult
{
    public FactKind Kind { get; private set; }
    public bool Boolean { get; private set; }

    /// <summary>The denominator is 1 by construction: comparisons skip the cross-multiplication.</summary>
    public bool Whole { get; private set; }

    public decimal Numerator { get; private set; }
    public decimal Denominator { get; private set; }

    // Numerator / Denominator as a double, computed on the first comparison: decides comparisons far from the
    // threshold without decimal arithmetic.
    private double _approximation;
    private bool _hasApproximation;

    /// <summary>The evaluation that filled this slot (the context's generation), so a stale slot is recomputed.</summary>
    internal int Stamp { get; set; }
    public string? Text { get; private set; }
    public MissingInput Missing { get; private set; }

    public readonly bool IsAvailable => Kind != FactKind.NotAvailable;

    public void SetNumber(decimal value)
    {
        Kind = FactKind.Number;
        Numerator = value;
        Denominator = 1m;
        Whole = true;
        _hasApproximation = false;
        _isInteger = false;
    }

    /// <summary>A whole number: its double is exact, so it is kept at once.</summary>
    public void SetNumber(int value)
    {
        Kind = FactKind.Number;
        Numerator = value;
        Denominator = 1m;
        Whole = true;
        _approximation = value;
        _hasApproximation = true;
        _isInteger = true;
    }

    // Set from an int (counts, headcounts, years): integer arithmetic may stand in for decimal arithmetic.
    private bool _isInteger;

    /// <summary>The value when it was set as an int.</summary>
    public readonly bool TryGetInteger(out int value)
    {
        value = _isInteger ? (int)_approximation : 0;
        return _isInteger;
    }

    /// <summary>An exact quotient; <paramref name="denominator"/> must be positive.</summary>
    public void SetRatio(decimal numerator, decimal denominator)
    {
        Kind = FactKind.Number;
        Numerator = numerator;
        Denominator = denominator;
        Whole = false;
        _hasApproximation = false;
        _isInteger = false;
    }

    public void SetBoolean(bool value)
    {
        Kind = FactKind.Boolean;
        Boolean = value;
    }

    public void SetText(string value)
    {
        Kind = FactKind.Text;
        Text = value;
    }

    public void SetMissing(in MissingInput missing)
    {
        Kind = FactKind.NotAvailable;
        Missing = missing;
    }

    /// <summary>Sign of (this − <paramref name="threshold"/>), exactly: n/d against t as n against t·d.</summary>
    public readonly int CompareTo(decimal threshold) =>
        Whole ? Numerator.CompareTo(threshold) : Numerator.CompareTo(threshold * Denominator);

    /// <summary>
    /// Sign of (this − <paramref name="threshold"/>), exactly, deciding with doubles when the value is clearly away from
    /// the threshold (see <see cref="Threshold"/>); closer values are compared exactly.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public int CompareTo(in Threshold threshold)
    {
        if (_hasApproximation)
        {
            if (_approximation > threshold.Above)
            {
                return 1;
            }
            if (_approximation < threshold.Below)
            {
                return -1;
            }
        }
        return CompareSlowly(threshold);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private int CompareSlowly(in Threshold threshold)
    {
        if (!_hasApproximation)
        {
            Approximate();
            if (_approximation > threshold.Above)
            {
                return 1;
            }
            if (_approximation < threshold.Below)
            {
                return -1;
            }
        }
        return CompareTo(threshold.Value);
    }

    /// <summary>The number's double approximation (computed on first use and kept); only meaningful for a number.</summary>
    public double Approximate()
    {
        if (!_hasApproximation)
        {
            _approximation = Whole ? ToDouble(Numerator) : ToDouble(Numerator) / ToDouble(Denominator);
            _hasApproximation = true;
        }
        return _approximation;
    }

    private static readonly double[] PowersOfTen =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

    /// <summary>
    /// A decimal as the nearest double: amounts of the exchange format have a few digits and a small scale, so the
    /// integer and the power of ten are both exact doubles and one division rounds once (what the general conversion
    /// gives, without its 96-bit arithmetic); anything else goes through the general conversion.
    /// </summary>
    private static double ToDouble(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = (bits[3] >> 16) & 0xFF;
        var low = unchecked((uint)bits[0] | ((ulong)(uint)bits[1] << 32));
        if (bits[2] != 0 || low > (1UL << 53) || scale >= PowersOfTen.Length)
        {
            return (double)value;
        }
        var d = low / PowersOfTen[scale];
        return bits[3] < 0 ? -d : d;
    }

    /// <summary>The value as the explanations show it (strings are formatted here, never while evaluating).</summary>
    public readonly FactValue ToFactValue() => Kind switch
    {
        FactKind.Number => FactValue.Of(new Rational(Numerator, Denominator)),
        FactKind.Boolean => FactValue.Of(Boolean),
        FactKind.Text => FactValue.Of(Text!),
        _ => FactValue.Missing(Missing.Path, Missing.Reason),
    };
}

/// <summary>
/// A threshold from a rule file with the interval of doubles around it within which only an exact comparison decides.
/// A value's double approximation is within a few 1e-16 (relative) of the exact quotient, so outside a margin of
/// 1e-12 of the threshold the double comparison gives the exact answer (a zero threshold is decided by the sign,
/// which the double keeps exactly).
/// </summary>
public readonly struct Threshold
{
    public Threshold(decimal value)
    {
        Value = value;
        var d = (double)value;
        var margin = Math.Abs(d) * 1e-12;
        Below = d - margin;
        Above = d + margin;
    }

    public decimal Value { get; }

    /// <summary>Approximations below this are below the threshold.</summary>
    public double Below { get; }

    /// <summary>Approximations above this are above the threshold.</summary>
    public double Above { get; }
}
