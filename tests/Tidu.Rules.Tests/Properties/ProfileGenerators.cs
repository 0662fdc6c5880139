using CsCheck;
using Tidu.Domain.Profiles;

namespace Tidu.Rules.Tests.Properties;

/// <summary>
/// Random but plausible profiles for property tests: three fiscal years (2023–2025) with ratios spread across every
/// band of the scoring tables, optional honours and recognitions, and values near the boundaries as often as not.
/// </summary>
internal static class ProfileGenerators
{
    private static readonly string[] Industries = ["C3484", "C3911", "F5171", "I6510", "G5920", "L7211", "M7310", "E4710"];
    private static readonly string[] Institutions = ["none", "below-city", "city", "provincial", "national"];
    private static readonly string[] Chains = ["key-results", "basics", "none"];
    private static readonly string[] HonorKinds = ["high-tech-enterprise", "tech-sme", "provincial-st-award", "national-st-award", "chuangke-top500", "chuangke-top50", "ip-advantage"];

    /// <summary>An amount in 万元 with two decimals.</summary>
    private static Gen<decimal> Amount(int min, int max) => Gen.Int[min * 100, max * 100].Select(i => i / 100m);

    private static readonly Gen<FinancialYear> YearGen =
        Gen.Select(Amount(100, 60000), Gen.Int[40, 100], Gen.Int[0, 150], Gen.Int[-10, 20], Gen.Int[20, 95], Gen.Int[5, 1500], Gen.Int[0, 60], Gen.Int[0, 3])
            .Select((revenue, mainPct, rdPerMille, marginPct, debtPct, employees, rdStaffPct, financingChoice) => new FinancialYear
            {
                Year = 0,
                OperatingRevenue = revenue,
                MainBusinessRevenue = Math.Round(revenue * mainPct / 100m, 2),
                RdExpense = Math.Round(revenue * rdPerMille / 1000m, 2),
                NetProfit = Math.Round(revenue * marginPct / 100m, 2),
                TotalAssets = Math.Round(revenue * 1.5m, 2),
                TotalLiabilities = Math.Round(revenue * 1.5m * debtPct / 100m, 2),
                Employees = employees,
                RdStaff = employees * rdStaffPct / 100,
                NewQualifiedEquityFinancing = financingChoice switch { 0 => 0m, 1 => 500m, 2 => 2000m, _ => 8000m },
            });

    private static readonly Gen<Honor> HonorGen =
        Gen.Select(Gen.Int[0, HonorKinds.Length - 1], Gen.Int[2020, 2026], Gen.Int[1, 8], Gen.Bool)
            .Select((k, year, rank, expired) => new Honor(HonorKinds[k], year, expired ? new DateOnly(2025, 12, 31) : new DateOnly(2028, 12, 31), rank));

    /// <summary>The all-tier <see cref="Support.Profiles.Strong"/> profile nudged across several boundaries at once.</summary>
    private static readonly Gen<EnterpriseProfile> NearStrong =
        Gen.Select(Gen.Int[80, 120], Gen.Int[60, 100], Gen.Int[30, 90], Gen.Int[40, 100], Gen.Int[0, 8], Gen.Int[45, 90], Gen.Bool)
            .Select((rdPct, mainPct, debtPct, revenueSharePct, ipApplied, quality, selected) =>
            {
                var p = Support.Profiles.Strong();
                return p with
                {
                    Financials = p.Financials.Select(f => f with
                    {
                        RdExpense = Math.Round(f.RdExpense!.Value * rdPct / 100m, 2),
                        MainBusinessRevenue = Math.Round(f.OperatingRevenue!.Value * mainPct / 100m, 2),
                        TotalLiabilities = Math.Round(f.TotalAssets!.Value * debtPct / 100m, 2),
                    }).ToList(),
                    MainProduct = p.MainProduct! with { RevenueShare = revenueSharePct / 100m },
                    IntellectualProperty = p.IntellectualProperty! with { ClassIApplied = ipApplied },
                    QualityEvaluations = [new QualityEvaluation(2026, quality), new QualityEvaluation(2025, quality)],
                    // Tiers that are a selection held (the key little giant after its call closed, product champions after 2023).
                    Recognitions = selected ? [.. p.Recognitions!, .. Support.Profiles.Selections] : p.Recognitions,
                };
            });

    private static readonly Gen<EnterpriseProfile> Random =
        Gen.Select(YearGen.Array[3], Gen.Int[0, Industries.Length - 1], Gen.Int[2010, 2025], Gen.Int[0, 4], Gen.Int[1, 4], Gen.Int[0, 2])
            .SelectMany((years, industry, nicheYear, institution, digital, chain) =>
                Gen.Select(HonorGen.List[0, 3], Gen.Int[0, 6], Gen.Int[0, 100], Gen.Int[40, 100], Gen.Bool, Gen.Bool, Gen.Int[0, 3], Gen.Int[30, 90])
                    .Select((honors, ip, share, revenueShare, holdsSpecialized, holdsInnovative, recognitionSet, quality) => new EnterpriseProfile
                    {
                        CreditCode = "91420111D5QA4XFD1C",
                        Name = "生成企业",
                        RegionCode = "330106",
                        IndustryCode = Industries[industry],
                        NicheMarketSince = new DateOnly(nicheYear, 1, 1 + recognitionSet),
                        MainProduct = new MainProduct
                        {
                            StrategicEmergingIndustry = share % 2 == 0,
                            ChainContribution = Chains[chain],
                            KeyField = share % 3 == 0,
                            DomesticMarketShare = share / 200m,
                            DomesticMarketRank = 1 + share % 10,
                            MarketPositionLeading = share % 5 != 0,
                            RevenueShare = revenueShare / 100m,
                        },
                        Financials = years.Select((f, i) => f with { Year = 2023 + i, InputIndex = i }).ToList(),
                        IntellectualProperty = new IntellectualProperty { ClassI = ip, ClassISelfDeveloped = ip / 2, ClassIHighValue = ip / 3, ClassIApplied = ip / 2, ClassII = ip },
                        RdInstitution = Institutions[institution],
                        DigitalLevel = digital,
                        CoreBusinessOnInformationSystem = share % 4 != 0,
                        Quality = new QualityInfo { ManagementSystemCertifications = share % 2 == 0 ? ["ISO 9001:2015"] : [], OwnBrand = share % 3 != 1, DevelopedMarketProductCertification = false, ProvincialQualityAward = false },
                        Standards = share % 5 == 0 ? [new StandardEntry("industry", "participate", 2024)] : [],
                        Honors = honors,
                        Recognitions = [.. holdsSpecialized ? new[] { new Recognition("specialized-sme", new DateOnly(2024, 1, 1), new DateOnly(2027, 1, 1), null) } : [],
                                        .. holdsInnovative ? new[] { new Recognition("innovative-sme", new DateOnly(2024, 1, 1), new DateOnly(2027, 1, 1), null) } : []],
                        LocalFeatureScore = share % 16,
                        QualityEvaluations = [new QualityEvaluation(2026, quality), new QualityEvaluation(2025, quality)],
                    }));

    /// <summary>Half random profiles, half near the all-tier profile, so every tier is met and missed often.</summary>
    public static readonly Gen<EnterpriseProfile> Profile = Gen.Bool.SelectMany(near => near ? NearStrong : Random);

    public static Gen<T> OneOf<T>(params T[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);

    public static readonly Gen<DateOnly> AsOf = OneOf(new DateOnly(2026, 3, 31), new DateOnly(2026, 4, 1), new DateOnly(2026, 6, 30));
}
