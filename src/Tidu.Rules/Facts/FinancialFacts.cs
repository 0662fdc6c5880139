using Tidu.Domain.Profiles;
using Tidu.Rules.Values;

namespace Tidu.Rules.Facts;

/// <summary>
/// Facts read from the yearly financials. Years are offsets from Y (the last complete fiscal year);
/// ratios are exact <see cref="Rational"/>s of the raw amounts; a zero or missing denominator is
/// "not available".
/// </summary>
internal static class FinancialFacts
{
    public static readonly IReadOnlyDictionary<string, Func<FinancialYear, decimal?>> Fields = new Dictionary<string, Func<FinancialYear, decimal?>>(StringComparer.Ordinal)
    {
        ["operatingRevenue"] = f => f.OperatingRevenue,
        ["mainBusinessRevenue"] = f => f.MainBusinessRevenue,
        ["rdExpense"] = f => f.RdExpense,
        ["basicResearchExpense"] = f => f.BasicResearchExpense,
        ["netProfit"] = f => f.NetProfit,
        ["totalAssets"] = f => f.TotalAssets,
        ["totalLiabilities"] = f => f.TotalLiabilities,
        ["employees"] = f => f.Employees,
        ["rdStaff"] = f => f.RdStaff,
        ["newQualifiedEquityFinancing"] = f => f.NewQualifiedEquityFinancing,
        ["mainProductRevenue"] = f => f.MainProductRevenue,
        ["newProductOutputValue"] = f => f.NewProductOutputValue,
        ["industrialOutputValue"] = f => f.IndustrialOutputValue,
    };

    /// <summary>(numerator field, denominator field) of each ratio fact.</summary>
    public static readonly IReadOnlyDictionary<string, (string Numerator, string Denominator)> Ratios = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["rdRatio"] = ("rdExpense", "operatingRevenue"),
        ["mainBusinessShare"] = ("mainBusinessRevenue", "operatingRevenue"),
        ["debtRatio"] = ("totalLiabilities", "totalAssets"),
        ["netMargin"] = ("netProfit", "operatingRevenue"),
        ["rdStaffRatio"] = ("rdStaff", "employees"),
    };

    public static FactValue Amount(EvaluationContext c, string field, int year)
    {
        var f = c.Profile.FinancialsOf(year);
        if (f is null)
        {
            return FactValue.Missing(YearPointer(year), $"no financials for {year}");
        }
        var v = Fields[field](f);
        return v is { } d ? FactValue.Of(d) : FactValue.Missing($"/financials/{f.InputIndex}/{field}", $"{field} of {year} not provided");
    }

    public static FactValue Ratio(EvaluationContext c, string numerator, string denominator, int year)
    {
        var n = Amount(c, numerator, year);
        if (!n.IsAvailable)
        {
            return n;
        }
        var d = Amount(c, denominator, year);
        if (!d.IsAvailable)
        {
            return d;
        }
        var den = d.Number.Numerator;
        if (den <= 0m)
        {
            return FactValue.Missing(Pointer(c, denominator, year), $"{denominator} of {year} is zero: the ratio is not available");
        }
        return FactValue.Of(new Rational(n.Number.Numerator, den));
    }

    /// <summary>growth(y) = main-business revenue(y) / main-business revenue(y−1) − 1.</summary>
    public static FactValue Growth(EvaluationContext c, string field, int year)
    {
        var ratio = Ratio(c, field, field, year, year - 1);
        return ratio.IsAvailable ? FactValue.Of(ratio.Number - Rational.Of(1m)) : ratio;
    }

    /// <summary>value(year) / value(baseYear), exact.</summary>
    public static FactValue Ratio(EvaluationContext c, string field, string baseField, int year, int baseYear)
    {
        var now = Amount(c, field, year);
        if (!now.IsAvailable)
        {
            return now;
        }
        var before = Amount(c, baseField, baseYear);
        if (!before.IsAvailable)
        {
            return before;
        }
        if (before.Number.Numerator <= 0m)
        {
            return FactValue.Missing(Pointer(c, baseField, baseYear), $"{baseField} of {baseYear} is zero: growth is not available");
        }
        return FactValue.Of(new Rational(now.Number.Numerator, before.Number.Numerator));
    }

    /// <summary>Mean of the yearly growth rates of the <paramref name="years"/> years ending at Y; needs every one.</summary>
    public static FactValue AverageGrowth(EvaluationContext c, string field, int years)
    {
        var sum = Rational.Of(0m);
        for (var i = 0; i < years; i++)
        {
            var g = Growth(c, field, c.LastYear - i);
            if (!g.IsAvailable)
            {
                return g;
            }
            sum += g.Number;
        }
        return FactValue.Of(sum.DivideBy(years));
    }

    /// <summary>Sum over the window ending at Y of the years that are present; none present → not available.</summary>
    public static FactValue Sum(EvaluationContext c, string field, int years)
    {
        var total = 0m;
        var any = false;
        for (var y = c.LastYear - years + 1; y <= c.LastYear; y++)
        {
            var v = Amount(c, field, y);
            if (v.IsAvailable)
            {
                total += v.Number.Numerator;
                any = true;
            }
        }
        return any ? FactValue.Of(total) : FactValue.Missing(YearPointer(c.LastYear), $"no {field} in {c.LastYear - years + 1}–{c.LastYear}");
    }

    /// <summary>Average over the window ending at Y; needs every year.</summary>
    public static FactValue Average(EvaluationContext c, string field, int years)
    {
        var total = 0m;
        for (var y = c.LastYear - years + 1; y <= c.LastYear; y++)
        {
            var v = Amount(c, field, y);
            if (!v.IsAvailable)
            {
                return v;
            }
            total += v.Number.Numerator;
        }
        return FactValue.Of(new Rational(total, years));
    }

    /// <summary>
    /// Σ numerator / Σ denominator over the <paramref name="years"/> years ending at Y — a multi-year intensity
    /// such as "R&amp;D over the last 3 years / main-product sales". Needs both amounts of every year (a partial
    /// window would change what the ratio means); a zero denominator sum is not available.
    /// </summary>
    public static FactValue RatioOfSums(EvaluationContext c, string numerator, string denominator, int years)
    {
        var num = 0m;
        var den = 0m;
        for (var y = c.LastYear - years + 1; y <= c.LastYear; y++)
        {
            var n = Amount(c, numerator, y);
            if (!n.IsAvailable)
            {
                return n;
            }
            var d = Amount(c, denominator, y);
            if (!d.IsAvailable)
            {
                return d;
            }
            num += n.Number.Numerator;
            den += d.Number.Numerator;
        }
        return den <= 0m
            ? FactValue.Missing(Pointer(c, denominator, c.LastYear), $"{denominator} over {c.LastYear - years + 1}–{c.LastYear} is zero: the ratio is not available")
            : FactValue.Of(new Rational(num, den));
    }

    private static string Pointer(EvaluationContext c, string field, int year)
    {
        var i = c.Profile.InputIndexOfYear(year);
        return i < 0 ? YearPointer(year) : $"/financials/{i}/{field}";
    }

    private static string YearPointer(int year) => $"/financials (year {year})";
}
