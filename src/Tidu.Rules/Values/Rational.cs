using System.Globalization;

namespace Tidu.Rules.Values;

/// <summary>
/// An exact quantity kept as numerator / denominator (denominator &gt; 0), so that a ratio compared with a
/// threshold is decided by cross-multiplication and never by a rounded quotient: 300 / 10000 ≥ 0.03 holds
/// exactly, and so does (1/3 + 2/3) = 1.
/// </summary>
public readonly record struct Rational
{
    public Rational(decimal numerator, decimal denominator)
    {
        if (denominator <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(denominator), "denominator must be positive");
        }
        Numerator = numerator;
        Denominator = denominator;
    }

    public decimal Numerator { get; }
    public decimal Denominator { get; }

    public static Rational Of(decimal value) => new(value, 1m);

    public bool IsWhole => Denominator == 1m;

    /// <summary>Sign of (this − <paramref name="threshold"/>).</summary>
    public int CompareTo(decimal threshold) => Numerator.CompareTo(threshold * Denominator);

    public int CompareTo(Rational other) => (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    public static Rational operator +(Rational a, Rational b) =>
        a.Denominator == b.Denominator
            ? new(a.Numerator + b.Numerator, a.Denominator)
            : new(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    public static Rational operator -(Rational a, Rational b) => a + new Rational(-b.Numerator, b.Denominator);

    /// <summary>Division by a positive whole number (averages).</summary>
    public Rational DivideBy(decimal positive) => new(Numerator, Denominator * positive);

    /// <summary>
    /// The quotient for display and for arithmetic that does not decide a boundary. A quotient beyond the range of
    /// <see cref="decimal"/> (a tiny denominator) saturates at its largest value with the quotient's sign.
    /// </summary>
    public decimal ToDecimal()
    {
        // Denominators are positive: the quotient overflows exactly when |numerator| > MaxValue × denominator.
        if (Denominator < 1m && Math.Abs(Numerator) > decimal.MaxValue * Denominator)
        {
            return Numerator < 0m ? decimal.MinValue : decimal.MaxValue;
        }
        return Numerator / Denominator;
    }

    public override string ToString() => ToDisplay().ToString(CultureInfo.InvariantCulture);

    /// <summary>Display value: whole values as they are, quotients rounded to 6 decimals; no trailing zeros.</summary>
    public decimal ToDisplay() =>
        IsWhole ? Numerator.Normalize() : Math.Round(ToDecimal(), 6, MidpointRounding.AwayFromZero).Normalize();
}

internal static class DecimalExtensions
{
    /// <summary>Drops trailing zeros (2.500 → 2.5) so output does not depend on how a value was computed.</summary>
    public static decimal Normalize(this decimal d) => d / 1.000000000000000000000000000000000m;
}
