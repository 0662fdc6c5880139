using Tidu.Domain.Profiles;

namespace Tidu.Rules.Tests.Support;

/// <summary>
/// Hand-built profiles for boundary tests. <see cref="Strong"/> is a manufacturing (C3484) firm that meets every
/// tier of the 2022 and the 2026 national rules on <see cref="AsOf2022Rules"/> / <see cref="AsOf2026Rules"/>
/// (Y = 2025). Tests vary one input with <c>with</c> and assert the outcome written from the measures' text.
/// </summary>
public static class Profiles
{
    /// <summary>Last day of the 2022 measures; Y = 2025.</summary>
    public static readonly DateOnly AsOf2022Rules = new(2026, 3, 31);

    /// <summary>In the 2026 revision; Y = 2025, "current year" quality score = 2026.</summary>
    public static readonly DateOnly AsOf2026Rules = new(2026, 6, 30);

    public static FinancialYear Year(int year, decimal operatingRevenue, decimal mainBusinessRevenue, decimal rdExpense,
        decimal netProfit, decimal totalAssets, decimal totalLiabilities, int employees, int rdStaff, decimal financing = 0m, int inputIndex = 0,
        decimal? mainProductRevenue = null, decimal? newProductOutput = null, decimal? industrialOutput = null) =>
        new()
        {
            Year = year,
            InputIndex = inputIndex,
            OperatingRevenue = operatingRevenue,
            MainBusinessRevenue = mainBusinessRevenue,
            RdExpense = rdExpense,
            NetProfit = netProfit,
            TotalAssets = totalAssets,
            TotalLiabilities = totalLiabilities,
            Employees = employees,
            RdStaff = rdStaff,
            NewQualifiedEquityFinancing = financing,
            MainProductRevenue = mainProductRevenue,
            NewProductOutputValue = newProductOutput,
            IndustrialOutputValue = industrialOutput,
        };

    /// <summary>
    /// Revenue 10000 → 11000 → 12100 (10% growth each year, main business 90%), R&amp;D 12%, debt 40%,
    /// net margin 12%, 250 employees of whom 100 in R&amp;D, niche since 2015, holds innovative-SME and
    /// specialized-SME recognitions and a tech-SME honour valid through 2027, quality scores 80.
    /// For the tiers beyond the national ladder it also holds a little-giant recognition, its main product has sold
    /// 80% of revenue (R&amp;D / main-product sales 15% over 2023–2025), new products are 46% of output
    /// (18000 / 39000), it is 2nd in the world after 12 years in the field, and an officer verified every
    /// qualitative criterion of the shipped rules but "new product".
    /// </summary>
    public static EnterpriseProfile Strong() => new()
    {
        CreditCode = "91420111D5QA4XFD1C",
        Name = "测试强企业",
        RegionCode = "330106",
        IndustryCode = "C3484",
        EstablishedOn = new DateOnly(2010, 3, 1),
        NicheMarketSince = new DateOnly(2015, 1, 1),
        MainProduct = new MainProduct
        {
            Name = "精密减速器",
            StrategicEmergingIndustry = true,
            ChainContribution = "key-results",
            KeyField = true,
            DomesticMarketShare = 0.2m,
            InternationalMarketShare = 0.05m,
            DomesticMarketRank = 2,
            MarketPositionLeading = true,
            RevenueShare = 0.8m,
            SalesShareOfMainBusiness = 0.9m,
            YearsInField = 12,
            GlobalMarketRank = 2,
            IndustryDirection = "emerging",
            ProductCount = 2,
        },
        Financials =
        [
            Year(2023, 10000m, 9000m, 1200m, 1200m, 20000m, 8000m, 250, 100, inputIndex: 0, mainProductRevenue: 8000m, newProductOutput: 5000m, industrialOutput: 12000m),
            Year(2024, 11000m, 9900m, 1320m, 1320m, 20000m, 8000m, 250, 100, inputIndex: 1, mainProductRevenue: 8800m, newProductOutput: 6000m, industrialOutput: 13000m),
            Year(2025, 12100m, 10890m, 1452m, 1452m, 20000m, 8000m, 250, 100, inputIndex: 2, mainProductRevenue: 9680m, newProductOutput: 7000m, industrialOutput: 14000m),
        ],
        IntellectualProperty = new IntellectualProperty { ClassI = 6, ClassISelfDeveloped = 5, ClassIHighValue = 2, ClassIApplied = 5, ClassII = 3, InventionPatents = 4 },
        RdInstitution = "provincial",
        DigitalLevel = 3,
        CoreBusinessOnInformationSystem = true,
        Quality = new QualityInfo { ProvincialQualityAward = true, ManagementSystemCertifications = ["ISO9001"], DevelopedMarketProductCertification = true, OwnBrand = true },
        Standards = [new StandardEntry("national", "lead", 2024)],
        Honors = [new Honor("tech-sme", 2025, new DateOnly(2027, 12, 31), null), new Honor("high-tech-enterprise", 2024, new DateOnly(2027, 12, 31), null)],
        Recognitions =
        [
            new Recognition("innovative-sme", new DateOnly(2024, 6, 1), new DateOnly(2027, 5, 31), "330000"),
            new Recognition("specialized-sme", new DateOnly(2024, 10, 1), new DateOnly(2027, 9, 30), "330000"),
            new Recognition("little-giant", new DateOnly(2025, 7, 1), new DateOnly(2028, 6, 30), "national"),
        ],
        LocalFeatureScore = 15m,
        QualityEvaluations = [new QualityEvaluation(2026, 80m), new QualityEvaluation(2025, 80m)],
        // Its main product is not a new product (12 years in the field): every other qualitative criterion is verified.
        VerifiedCriteria = AllVerifiedCriteria.Where(c => c != "single-champion.new-product").ToList(),
    };

    /// <summary>
    /// The recognitions that are selections no criteria can earn on the test dates: a key-little-giant selection (its
    /// call closed on 2021-07-23) and a product champion (none recognised since 2023), both valid through 2027.
    /// </summary>
    public static readonly IReadOnlyList<Recognition> Selections =
    [
        new Recognition("key-little-giant", new DateOnly(2025, 1, 1), new DateOnly(2027, 12, 31), "33"),
        new Recognition("single-champion-product", new DateOnly(2024, 1, 1), new DateOnly(2027, 12, 31), "national"),
    ];

    /// <summary>Every qualitative criterion the shipped rule files ask an officer to verify.</summary>
    public static readonly IReadOnlyList<string> AllVerifiedCriteria =
    [
        "key-little-giant.key-core-technology",
        "key-little-giant.leader-co-innovation",
        "hidden-champion.pool.growth-field",
        "hidden-champion.pool.focus",
        "hidden-champion.pool.quality",
        "hidden-champion.pool.distinctive",
        "hidden-champion.pool.innovation",
        "hidden-champion.focus.market",
        "hidden-champion.quality.international-standard",
        "hidden-champion.quality.satisfaction-or-traceability",
        "hidden-champion.features.ip-leading",
        "single-champion.energy-use-advanced",
        "single-champion.safety-advanced",
        "single-champion.new-product",
        "single-champion.innovation.verified",
        "single-champion.quality-profit",
        "single-champion.management-systems",
        "single-champion.2023.national-interest",
        "single-champion.2023.definition",
        "hidden-champion.2025.field",
        "hidden-champion.2025.credit",
        "hidden-champion.2025.ip.other",
    ];

    /// <summary>
    /// The same enterprise <paramref name="years"/> years earlier (negative) or later: every fiscal year, quality score,
    /// recognition, honour, standard and date moves by that many years, so a rule version of another period can be
    /// tested with the same figures (e.g. −5 puts Y = 2025 at Y = 2020 for an evaluation in 2021).
    /// </summary>
    public static EnterpriseProfile Shifted(this EnterpriseProfile p, int years) => p with
    {
        EstablishedOn = p.EstablishedOn?.AddYears(years),
        NicheMarketSince = p.NicheMarketSince?.AddYears(years),
        Financials = p.Financials.Select(f => f with { Year = f.Year + years }).ToList(),
        QualityEvaluations = p.QualityEvaluations?.Select(q => q with { Year = q.Year + years }).ToList(),
        Recognitions = p.Recognitions?.Select(r => r with { RecognizedOn = r.RecognizedOn.AddYears(years), ValidUntil = r.ValidUntil?.AddYears(years) }).ToList(),
        Honors = p.Honors?.Select(h => h with { Year = h.Year + years, ValidUntil = h.ValidUntil?.AddYears(years) }).ToList(),
        Standards = p.Standards?.Select(x => x with { Year = x.Year + years }).ToList(),
    };

    /// <summary>Replaces the financial entry of <paramref name="year"/> using <paramref name="change"/>.</summary>
    public static EnterpriseProfile WithYear(this EnterpriseProfile p, int year, Func<FinancialYear, FinancialYear> change) =>
        p with { Financials = p.Financials.Select(f => f.Year == year ? change(f) : f).ToList() };

    public static EnterpriseProfile WithMainProduct(this EnterpriseProfile p, Func<MainProduct, MainProduct> change) =>
        p with { MainProduct = change(p.MainProduct!) };
}
