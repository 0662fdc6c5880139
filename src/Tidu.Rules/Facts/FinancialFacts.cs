using Tidu.Domain.Profiles;
using Tidu.Rules.Values;

namespace Tidu.Rules.Facts;

/// <summary>
/// Facts read from the yearly financials. Years are offsets from Y (the last complete fiscal year);
/// ratios are exact numerator / denominator of the raw amounts; a zero or missing denominator is
/// "not available". Each amount is one fact node, so the ratios, sums and growths built on it share it.
/// </summary>
internal static class FinancialFacts
{
    /// <summary>The yearly fields a fact may name, in a fixed order (<see cref="FieldIndex"/>).</summary>
    private static readonly string[] FieldNames =
    [
        "operatingRevenue", "mainBusinessRevenue", "rdExpense", "basicResearchExpense", "netProfit", "totalAssets", "totalLiabilities",
        "employees", "rdStaff", "newQualifiedEquityFinancing", "mainProductRevenue", "newProductOutputValue", "industrialOutputValue",
    ];

    public static readonly IReadOnlyDictionary<string, Func<FinancialYear, decimal?>> Fields =
        FieldNames.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => (Func<FinancialYear, decimal?>)(f => Read(f, x.i)), StringComparer.Ordinal);

    /// <summary>(numerator field, denominator field) of each ratio fact.</summary>
    public static readonly IReadOnlyDictionary<string, (string Numerator, string Denominator)> Ratios = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["rdRatio"] = ("rdExpense", "operatingRevenue"),
        ["mainBusinessShare"] = ("mainBusinessRevenue", "operatingRevenue"),
        ["debtRatio"] = ("totalLiabilities", "totalAssets"),
        ["netMargin"] = ("netProfit", "operatingRevenue"),
        ["rdStaffRatio"] = ("rdStaff", "employees"),
    };

    private static int FieldIndex(string field) => Array.IndexOf(FieldNames, field) is var i and >= 0 ? i : throw new ArgumentException($"unknown financial field '{field}'");

    /// <summary>Headcounts are whole numbers (their slot keeps an exact double at once).</summary>
    private const int FirstCount = 7;
    private const int LastCount = 8;

    private static decimal? Read(FinancialYear f, int field) => field switch
    {
        0 => f.OperatingRevenue,
        1 => f.MainBusinessRevenue,
        2 => f.RdExpense,
        3 => f.BasicResearchExpense,
        4 => f.NetProfit,
        5 => f.TotalAssets,
        6 => f.TotalLiabilities,
        7 => f.Employees,
        8 => f.RdStaff,
        9 => f.NewQualifiedEquityFinancing,
        10 => f.MainProductRevenue,
        11 => f.NewProductOutputValue,
        _ => f.IndustrialOutputValue,
    };

    /// <summary><paramref name="field"/> of year Y + <paramref name="offset"/>.</summary>
    public static AmountFact Amount(string field, int offset) =>
        FactNode.Intern($"{field}@{offset}", () => new AmountFact(field, FieldIndex(field), offset));

    /// <summary><paramref name="numerator"/> / <paramref name="denominator"/> of year Y + <paramref name="offset"/>.</summary>
    public static FactNode Ratio(string numerator, string denominator, int offset)
    {
        var n = Amount(numerator, offset);
        var d = Amount(denominator, offset);
        return FactNode.Intern($"ratio({numerator},{denominator})@{offset}", () => new RatioFact(n, d, growth: false));
    }

    /// <summary>value(Y + offset) / value(Y + baseOffset), exact ("growth is not available" when the base is zero).</summary>
    public static FactNode YearRatio(string field, int offset, int baseOffset)
    {
        var n = Amount(field, offset);
        var d = Amount(field, baseOffset);
        return FactNode.Intern($"yearRatio({field})@{offset}/{baseOffset}", () => new RatioFact(n, d, growth: true));
    }

    /// <summary>growth(y) = value(y) / value(y−1) − 1.</summary>
    public static FactNode Growth(string field, int offset)
    {
        var ratio = YearRatio(field, offset, offset - 1);
        return FactNode.Intern($"growth({field})@{offset}", () => new GrowthFact(ratio));
    }

    /// <summary>Mean of the yearly growth rates of the <paramref name="years"/> years ending at Y; needs every one.</summary>
    public static FactNode AverageGrowth(string field, int years)
    {
        var growths = Enumerable.Range(0, years).Select(i => Growth(field, -i)).ToArray();
        return FactNode.Intern($"averageGrowth({field},{years})", () => new AverageGrowthFact(growths));
    }

    /// <summary>Sum over the window ending at Y of the years that are present; none present → not available.</summary>
    public static FactNode Sum(string field, int years)
    {
        var amounts = Window(field, years);
        return FactNode.Intern($"sum({field},{years})", () => new SumFact(field, amounts));
    }

    /// <summary>Average over the window ending at Y; needs every year.</summary>
    public static FactNode Average(string field, int years)
    {
        var amounts = Window(field, years);
        return FactNode.Intern($"average({field},{years})", () => new AverageFact(amounts));
    }

    /// <summary>
    /// Σ numerator / Σ denominator over the <paramref name="years"/> years ending at Y — a multi-year intensity
    /// such as "R&amp;D over the last 3 years / main-product sales". Needs both amounts of every year (a partial
    /// window would change what the ratio means); a zero denominator sum is not available.
    /// </summary>
    public static FactNode RatioOfSums(string numerator, string denominator, int years)
    {
        var n = Window(numerator, years);
        var d = Window(denominator, years);
        return FactNode.Intern($"ratioOfSums({numerator},{denominator},{years})", () => new RatioOfSumsFact(denominator, n, d));
    }

    /// <summary>The amounts of Y−years+1 … Y, oldest first.</summary>
    private static AmountFact[] Window(string field, int years) =>
        Enumerable.Range(0, years).Select(i => Amount(field, i - years + 1)).ToArray();

    internal sealed class AmountFact(string field, int index, int offset) : FactNode(FactKind.Number)
    {
        public string Field { get; } = field;
        public int Offset { get; } = offset;

        public override void Compute(EvaluationContext context, ref FactResult result)
        {
            var year = context.LastYear + Offset;
            var f = context.YearEntry(year);
            if (f is null)
            {
                result.SetMissing(new MissingInput(MissingKind.NoYear, Year: year));
            }
            else if (index is >= FirstCount and <= LastCount && (index == FirstCount ? f.Employees : f.RdStaff) is { } n)
            {
                result.SetNumber(n);
            }
            else if (index is < FirstCount or > LastCount && Read(f, index) is { } d)
            {
                result.SetNumber(d);
            }
            else
            {
                result.SetMissing(new MissingInput(MissingKind.FieldMissing, Field, Index: f.InputIndex, Year: year));
            }
        }
    }

    /// <summary>n / d of two amounts; a denominator ≤ 0 makes it not available ("ratio" or "growth" in the reason).</summary>
    private sealed class RatioFact(AmountFact numerator, AmountFact denominator, bool growth) : FactNode(FactKind.Number)
    {
        public override void Compute(EvaluationContext context, ref FactResult result)
        {
            ref readonly var n = ref context.Read(numerator);
            if (!n.IsAvailable)
            {
                result.SetMissing(n.Missing);
                return;
            }
            ref readonly var d = ref context.Read(denominator);
            if (!d.IsAvailable)
            {
                result.SetMissing(d.Missing);
                return;
            }
            if (d.Numerator <= 0m)
            {
                var year = context.LastYear + denominator.Offset;
                result.SetMissing(new MissingInput(growth ? MissingKind.GrowthZero : MissingKind.RatioZero, denominator.Field, Index: context.InputIndexOfYear(year), Year: year));
                return;
            }
            result.SetRatio(n.Numerator, d.Numerator);
        }
    }

    private sealed class GrowthFact(FactNode ratio) : FactNode(FactKind.Number)
    {
        public override void Compute(EvaluationContext context, ref FactResult result)
        {
            ref readonly var r = ref context.Read(ratio);
            if (!r.IsAvailable)
            {
                result.SetMissing(r.Missing);
                return;
            }
            // r − 1 as the exact fraction (n − d) / d.
            var (n, d) = Rationals.Add(r.Numerator, r.Denominator, -1m, 1m);
            result.SetRatio(n, d);
        }
    }

    private sealed class AverageGrowthFact(FactNode[] growths) : FactNode(FactKind.Number)
    {
        public override void Compute(EvaluationContext context, ref FactResult result)
        {
            decimal n = 0m, d = 1m;
            foreach (var g in growths)
            {
                ref readonly var v = ref context.Read(g);
                if (!v.IsAvailable)
                {
                    result.SetMissing(v.Missing);
                    return;
                }
                (n, d) = Rationals.Add(n, d, v.Numerator, v.Denominator);
            }
            result.SetRatio(n, d * growths.Length);
        }
    }

    private sealed class SumFact(string field, AmountFact[] amounts) : FactNode(FactKind.Number)
    {
        public override void Compute(EvaluationContext context, ref FactResult result)
        {
            var total = 0m;
            var any = false;
            foreach (var a in amounts)
            {
                ref readonly var v = ref context.Read(a);
                if (v.IsAvailable)
                {
                    total += v.Numerator;
                    any = true;
                }
            }
            if (any)
            {
                result.SetNumber(total);
            }
            else
            {
                result.SetMissing(new MissingInput(MissingKind.SumNone, field, Year: context.LastYear - amounts.Length + 1, Year2: context.LastYear));
            }
        }
    }

    private sealed class AverageFact(AmountFact[] amounts) : FactNode(FactKind.Number)
    {
        public override void Compute(EvaluationContext context, ref FactResult result)
        {
            var total = 0m;
            foreach (var a in amounts)
            {
                ref readonly var v = ref context.Read(a);
                if (!v.IsAvailable)
                {
                    result.SetMissing(v.Missing);
                    return;
                }
                total += v.Numerator;
            }
            result.SetRatio(total, amounts.Length);
        }
    }

    private sealed class RatioOfSumsFact(string denominatorField, AmountFact[] numerators, AmountFact[] denominators) : FactNode(FactKind.Number)
    {
        public override void Compute(EvaluationContext context, ref FactResult result)
        {
            var num = 0m;
            var den = 0m;
            for (var i = 0; i < numerators.Length; i++)
            {
                ref readonly var n = ref context.Read(numerators[i]);
                if (!n.IsAvailable)
                {
                    result.SetMissing(n.Missing);
                    return;
                }
                ref readonly var d = ref context.Read(denominators[i]);
                if (!d.IsAvailable)
                {
                    result.SetMissing(d.Missing);
                    return;
                }
                num += n.Numerator;
                den += d.Numerator;
            }
            if (den <= 0m)
            {
                result.SetMissing(new MissingInput(MissingKind.RatioOfSumsZero, denominatorField, Index: context.InputIndexOfYear(context.LastYear),
                    Year: context.LastYear - numerators.Length + 1, Year2: context.LastYear));
                return;
            }
            result.SetRatio(num, den);
        }
    }
}

/// <summary>Exact sums of fractions, in the same steps as <see cref="Rational"/> so values are identical to the digit.</summary>
internal static class Rationals
{
    /// <summary>a/b + c/d: (a + c)/b when the denominators are equal, else (a·d + c·b)/(b·d).</summary>
    public static (decimal Numerator, decimal Denominator) Add(decimal a, decimal b, decimal c, decimal d) =>
        b == d ? (a + c, b) : (a * d + c * b, b * d);
}
