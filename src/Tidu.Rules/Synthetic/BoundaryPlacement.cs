using Tidu.Domain.Profiles;
using Tidu.Rules.Model.Conditions;
using Tidu.Rules.Model.Scoring;

namespace Tidu.Rules.Synthetic;

/// <summary>
/// Puts one value of a profile exactly on a threshold of the rules, or one step of its grid beside it (below or above):
/// 0.01 万元 for money (a ratio moves through its numerator), 1 for counts and ranks, 0.0001 for shares, 0.01 for
/// quality-evaluation scores. The thresholds are read from the rule library — every check and every scoring band edge of
/// every version — so the generator carries no policy number of its own.
/// </summary>
internal static class BoundaryPlacement
{
    private static readonly HashSet<string> Money = ["operatingRevenue", "mainBusinessRevenue", "rdExpense", "netProfit", "totalAssets", "totalLiabilities"];
    private static readonly HashSet<string> Counts = ["employees"];
    private static readonly Dictionary<string, string> RatioNumerators = new(StringComparer.Ordinal)
    {
        ["rdRatio"] = "rdExpense",
        ["mainBusinessShare"] = "mainBusinessRevenue",
        ["debtRatio"] = "totalLiabilities",
        ["netMargin"] = "netProfit",
        ["rdStaffRatio"] = "rdStaff",
    };
    private static readonly HashSet<string> Shares = ["mainProductRevenueShare", "domesticMarketShare", "internationalMarketShare", "mainProductSalesShareOfMainBusiness"];
    private static readonly HashSet<string> ProfileCounts =
        ["ipClassI", "ipClassIApplied", "ipClassISelfDeveloped", "ipClassIHighValue", "ipClassII", "inventionPatents", "domesticMarketRank", "globalMarketRank", "mainProductYearsInField"];

    /// <summary>Whether the generator can place a value of <paramref name="fact"/>.</summary>
    public static bool CanSet(string fact) =>
        Money.Contains(fact) || Counts.Contains(fact) || RatioNumerators.ContainsKey(fact) || Shares.Contains(fact) || ProfileCounts.Contains(fact) || fact == "qualityEvaluationScore";

    /// <summary>Every threshold of every tier version on a fact the generator can set: check thresholds and band edges.</summary>
    public static IReadOnlyList<BoundaryTarget> From(RuleLibrary library)
    {
        static IEnumerable<Condition> Walk(Condition c) => new[] { c }.Concat(c.Members.SelectMany(Walk));
        var targets = new List<BoundaryTarget>();
        foreach (var t in library.Tiers)
        {
            foreach (var v in t.Versions)
            {
                targets.AddRange(Walk(v.Qualify).OfType<Check>().Where(c => c.Threshold is not null && CanSet(c.FactName))
                    .Select(c => new BoundaryTarget(t.Id, c.Id, c.FactName, c.YearOffset, c.Threshold!.Value)));
                foreach (var b in v.Score?.Indicators.OfType<BandIndicator>() ?? [])
                {
                    if (CanSet(b.Fact.Name))
                    {
                        targets.AddRange(b.Bands.Where(x => x.From is not null).Select(x => new BoundaryTarget(t.Id, b.Id, b.Fact.Name, b.Fact.Args.Year ?? 0, x.From!.Value)));
                    }
                }
            }
        }
        return targets.DistinctBy(x => (x.Fact, x.YearOffset, x.Threshold)).ToList();
    }

    /// <summary>The profile with the value of <paramref name="t"/> on its threshold (<paramref name="side"/> 0) or one grid step below (−1) or above (+1).</summary>
    public static EnterpriseProfile Place(EnterpriseProfile p, BoundaryTarget t, int side, int lastYear)
    {
        var year = lastYear + t.YearOffset;
        var cent = 0.01m * side;
        FinancialYear Set(FinancialYear f) => t.Fact switch
        {
            "rdStaffRatio" when f.Employees is { } e => f with { RdStaff = Math.Clamp((int)Math.Ceiling(t.Threshold * e) + side, 0, e) },
            "employees" => f with { Employees = Math.Max(0, (int)t.Threshold + side) },
            _ when RatioNumerators.TryGetValue(t.Fact, out var numerator) && Denominator(f, t.Fact) is { } d =>
                SetMoney(f, numerator, Math.Round(t.Threshold * d, 2, MidpointRounding.AwayFromZero) + cent),
            _ when Money.Contains(t.Fact) => SetMoney(f, t.Fact, t.Threshold + cent),
            _ => f,
        };
        var share = Math.Clamp(t.Threshold + 0.0001m * side, 0m, 1m);
        var count = (int)Math.Max(t.Fact is "domesticMarketRank" or "globalMarketRank" ? 1 : 0, t.Threshold + side);
        var m = p.MainProduct ?? new MainProduct();
        var ip = p.IntellectualProperty ?? new IntellectualProperty();
        return t.Fact switch
        {
            "mainProductRevenueShare" => p with { MainProduct = m with { RevenueShare = share } },
            "domesticMarketShare" => p with { MainProduct = m with { DomesticMarketShare = share } },
            "internationalMarketShare" => p with { MainProduct = m with { InternationalMarketShare = share } },
            "mainProductSalesShareOfMainBusiness" => p with { MainProduct = m with { SalesShareOfMainBusiness = share } },
            "domesticMarketRank" => p with { MainProduct = m with { DomesticMarketRank = count } },
            "globalMarketRank" => p with { MainProduct = m with { GlobalMarketRank = count } },
            "mainProductYearsInField" => p with { MainProduct = m with { YearsInField = count } },
            "ipClassI" => p with { IntellectualProperty = ip with { ClassI = count } },
            "ipClassIApplied" => p with { IntellectualProperty = ip with { ClassIApplied = count, ClassI = Math.Max(ip.ClassI ?? 0, count) } },
            "ipClassISelfDeveloped" => p with { IntellectualProperty = ip with { ClassISelfDeveloped = count, ClassI = Math.Max(ip.ClassI ?? 0, count) } },
            "ipClassIHighValue" => p with { IntellectualProperty = ip with { ClassIHighValue = count, ClassI = Math.Max(ip.ClassI ?? 0, count) } },
            "ipClassII" => p with { IntellectualProperty = ip with { ClassII = count } },
            "inventionPatents" => p with { IntellectualProperty = ip with { InventionPatents = count } },
            "qualityEvaluationScore" => p with { QualityEvaluations = Score(p.QualityEvaluations, lastYear + 1 + t.YearOffset, Math.Clamp(t.Threshold + cent, 0m, 100m)) },
            _ => p with { Financials = p.Financials.Select(f => f.Year == year ? Set(f) : f).ToList() },
        };
    }

    private static decimal? Denominator(FinancialYear f, string fact) => fact switch
    {
        "debtRatio" => f.TotalAssets,
        _ => f.OperatingRevenue,
    };

    private static FinancialYear SetMoney(FinancialYear f, string field, decimal v)
    {
        var value = field == "netProfit" ? v : Math.Max(0m, v);
        return field switch
        {
            "operatingRevenue" => f with { OperatingRevenue = value },
            "mainBusinessRevenue" => f with { MainBusinessRevenue = value },
            "rdExpense" => f with { RdExpense = value },
            "netProfit" => f with { NetProfit = value },
            "totalAssets" => f with { TotalAssets = value },
            _ => f with { TotalLiabilities = value },
        };
    }

    private static List<QualityEvaluation> Score(IReadOnlyList<QualityEvaluation>? scores, int year, decimal value) =>
        [.. (scores ?? []).Where(q => q.Year != year), new QualityEvaluation(year, value)];
}
