using Tidu.Domain.Profiles;

namespace Tidu.Bench;

/// <summary>
/// The flat input the RulesEngine workflows read (as <c>input1</c>): one enterprise's derived facts for an evaluation
/// date, computed in C# — ratios as numerator/denominator of the raw amounts with an availability flag (so the
/// workflows compare a/b ≥ t exactly as a ≥ t·b), growth, niche years, windowed sums and honour counts. Inputs the
/// rule file gives a default for stay nullable: the workflows apply the default (<c>?? 0</c>, <c>?? "none"</c>).
/// Thresholds, bands, points and the and/or structure are all in workflows/*.json, none here.
/// </summary>
public sealed class RulesEngineFacts
{
    // Size class (year Y). SizeGroup is the industry group (null: code too coarse); the workflow per group decides.
    public string? SizeGroup { get; set; }
    public bool HasEmployees { get; set; }
    public decimal Employees { get; set; }
    public bool HasOperatingRevenue { get; set; }
    public decimal OperatingRevenue { get; set; }
    public bool HasTotalAssets { get; set; }
    public decimal TotalAssets { get; set; }

    /// <summary>Set from the size-class workflow before the basic conditions run; null when not available.</summary>
    public string? SizeClass { get; set; }

    /// <summary>Set from the basic-conditions workflow before the tiers run.</summary>
    public bool Basic { get; set; }

    // Basic conditions (defaults applied in the workflow).
    public bool? RegisteredInMainland { get; set; }
    public bool? IndependentLegalPerson { get; set; }
    public bool? AbnormalOperationList { get; set; }
    public bool? SeriousDishonestyList { get; set; }
    public bool? RestrictedCategory { get; set; }
    public bool? MajorIncidentWithin3Years { get; set; }
    public bool? ViolationWithin3Years { get; set; }

    // Ratios of year Y (and Y−1 for R&D): available, numerator, denominator.
    public bool RdRatioOk { get; set; }
    public decimal RdRatioN { get; set; }
    public decimal RdRatioD { get; set; }
    public bool RdRatioPrevOk { get; set; }
    public decimal RdRatioPrevN { get; set; }
    public decimal RdRatioPrevD { get; set; }
    public bool MainShareOk { get; set; }
    public decimal MainShareN { get; set; }
    public decimal MainShareD { get; set; }
    public bool DebtOk { get; set; }
    public decimal DebtN { get; set; }
    public decimal DebtD { get; set; }
    public bool NetMarginOk { get; set; }
    public decimal NetMarginN { get; set; }
    public decimal NetMarginD { get; set; }
    public bool RdStaffOk { get; set; }
    public decimal RdStaffN { get; set; }
    public decimal RdStaffD { get; set; }

    /// <summary>growth(Y) = (mb(Y) − mb(Y−1)) / mb(Y−1).</summary>
    public bool GrowthOk { get; set; }
    public decimal GrowthN { get; set; }
    public decimal GrowthD { get; set; }

    /// <summary>Mean of growth(Y) and growth(Y−1) as one fraction.</summary>
    public bool AvgGrowthOk { get; set; }
    public decimal AvgGrowthN { get; set; }
    public decimal AvgGrowthD { get; set; }

    // Amounts of year Y and windows ending at Y.
    public decimal? RdExpense { get; set; }
    public bool RdAverage2Ok { get; set; }
    public decimal RdAverage2N { get; set; }
    public decimal RdAverage2D { get; set; }
    public bool RdSum2Ok { get; set; }
    public decimal RdSum2 { get; set; }
    public bool Financing2Ok { get; set; }
    public decimal Financing2 { get; set; }
    public bool Financing3Ok { get; set; }
    public decimal Financing3 { get; set; }

    public bool NicheYearsOk { get; set; }
    public int NicheYears { get; set; }

    // Profile facts.
    public int? IpClassIHighValue { get; set; }
    public int? IpClassISelfDeveloped { get; set; }
    public int? IpClassI { get; set; }
    public int? IpClassII { get; set; }
    public int? IpClassIApplied { get; set; }
    public string? RdInstitution { get; set; }
    public bool? StrategicEmergingIndustry { get; set; }
    public string? ChainContribution { get; set; }
    public bool? KeyField { get; set; }
    public decimal? DomesticMarketShare { get; set; }
    public decimal? MainProductRevenueShare { get; set; }
    public int? DigitalLevel { get; set; }
    public bool? CoreBusinessOnInformationSystem { get; set; }
    public bool? ProvincialQualityAward { get; set; }
    public bool? OwnBrand { get; set; }
    public bool? DevelopedMarketProductCertification { get; set; }

    /// <summary>Management-system certifications (null: list not given).</summary>
    public int? CertificationCount { get; set; }

    /// <summary>Of those, quality-management systems (ISO 9001 or a sector QMS), normalised.</summary>
    public int? QualityCertificationCount { get; set; }

    public int? StandardCount { get; set; }
    public decimal? LocalFeatureScore { get; set; }
    public bool HoldsSpecializedSme { get; set; }

    // Honours valid on D, not obtained after D; "within 3 years" = year ≥ D.year − 3.
    public int HonorsStAwardWithin3 { get; set; }
    public int HonorsHighTechEtc { get; set; }
    public int HonorsProvincialAwardTop3Within3 { get; set; }
    public int HonorsNationalAwardTop5Within3 { get; set; }
    public int HonorsNationalAwardTop3Within3 { get; set; }
    public int HonorsChuangke500Within3 { get; set; }
    public int HonorsChuangke50Within3 { get; set; }

    private static readonly string[] QualityManagementSystems = ["ISO9001", "IATF16949", "AS9100", "ISO13485", "GJB9001", "TL9000"];

    public static RulesEngineFacts From(EnterpriseProfile p, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(p);
        var y = asOf.Year - 1;
        var y0 = p.FinancialsOf(y);
        var y1 = p.FinancialsOf(y - 1);
        var y2 = p.FinancialsOf(y - 2);
        var f = new RulesEngineFacts
        {
            SizeGroup = IndustryGroups.Find(p.IndustryCode),
            RegisteredInMainland = p.RegisteredInMainland,
            IndependentLegalPerson = p.IndependentLegalPerson,
            AbnormalOperationList = p.Compliance?.AbnormalOperationList,
            SeriousDishonestyList = p.Compliance?.SeriousDishonestyList,
            RestrictedCategory = p.MainProduct?.RestrictedCategory,
            MajorIncidentWithin3Years = p.Compliance?.MajorIncidentWithin3Years,
            ViolationWithin3Years = p.Compliance?.ViolationWithin3Years,
            RdExpense = y0?.RdExpense,
            IpClassIHighValue = p.IntellectualProperty?.ClassIHighValue,
            IpClassISelfDeveloped = p.IntellectualProperty?.ClassISelfDeveloped,
            IpClassI = p.IntellectualProperty?.ClassI,
            IpClassII = p.IntellectualProperty?.ClassII,
            IpClassIApplied = p.IntellectualProperty?.ClassIApplied,
            RdInstitution = p.RdInstitution,
            StrategicEmergingIndustry = p.MainProduct?.StrategicEmergingIndustry,
            ChainContribution = p.MainProduct?.ChainContribution,
            KeyField = p.MainProduct?.KeyField,
            DomesticMarketShare = p.MainProduct?.DomesticMarketShare,
            MainProductRevenueShare = p.MainProduct?.RevenueShare,
            DigitalLevel = p.DigitalLevel,
            CoreBusinessOnInformationSystem = p.CoreBusinessOnInformationSystem,
            ProvincialQualityAward = p.Quality?.ProvincialQualityAward,
            OwnBrand = p.Quality?.OwnBrand,
            DevelopedMarketProductCertification = p.Quality?.DevelopedMarketProductCertification,
            CertificationCount = p.Quality?.ManagementSystemCertifications?.Count,
            QualityCertificationCount = p.Quality?.ManagementSystemCertifications?.Count(c => QualityManagementSystems.Contains(Normalize(c))),
            StandardCount = p.Standards?.Count,
            LocalFeatureScore = p.LocalFeatureScore,
            HoldsSpecializedSme = p.Recognitions?.Any(r => r.Tier == "specialized-sme" && r.IsValidOn(asOf)) == true,
        };
        (f.HasEmployees, f.Employees) = (y0?.Employees is not null, y0?.Employees ?? 0);
        (f.HasOperatingRevenue, f.OperatingRevenue) = (y0?.OperatingRevenue is not null, y0?.OperatingRevenue ?? 0m);
        (f.HasTotalAssets, f.TotalAssets) = (y0?.TotalAssets is not null, y0?.TotalAssets ?? 0m);

        (f.RdRatioOk, f.RdRatioN, f.RdRatioD) = Ratio(y0?.RdExpense, y0?.OperatingRevenue);
        (f.RdRatioPrevOk, f.RdRatioPrevN, f.RdRatioPrevD) = Ratio(y1?.RdExpense, y1?.OperatingRevenue);
        (f.MainShareOk, f.MainShareN, f.MainShareD) = Ratio(y0?.MainBusinessRevenue, y0?.OperatingRevenue);
        (f.DebtOk, f.DebtN, f.DebtD) = Ratio(y0?.TotalLiabilities, y0?.TotalAssets);
        (f.NetMarginOk, f.NetMarginN, f.NetMarginD) = Ratio(y0?.NetProfit, y0?.OperatingRevenue);
        (f.RdStaffOk, f.RdStaffN, f.RdStaffD) = Ratio(y0?.RdStaff, y0?.Employees);

        var g0 = Growth(y0?.MainBusinessRevenue, y1?.MainBusinessRevenue);
        var g1 = Growth(y1?.MainBusinessRevenue, y2?.MainBusinessRevenue);
        (f.GrowthOk, f.GrowthN, f.GrowthD) = g0;
        if (g0.Ok && g1.Ok)
        {
            (f.AvgGrowthOk, f.AvgGrowthN, f.AvgGrowthD) = (true, (g0.N * g1.D) + (g1.N * g0.D), 2m * g0.D * g1.D);
        }

        if (y1?.RdExpense is { } rd1 && y0?.RdExpense is { } rd0)
        {
            (f.RdAverage2Ok, f.RdAverage2N, f.RdAverage2D) = (true, rd1 + rd0, 2m);
        }
        (f.RdSum2Ok, f.RdSum2) = Sum(y1?.RdExpense, y0?.RdExpense, null);
        (f.Financing2Ok, f.Financing2) = Sum(y1?.NewQualifiedEquityFinancing, y0?.NewQualifiedEquityFinancing, null);
        (f.Financing3Ok, f.Financing3) = Sum(y2?.NewQualifiedEquityFinancing, y1?.NewQualifiedEquityFinancing, y0?.NewQualifiedEquityFinancing);

        if (p.NicheMarketSince is { } since)
        {
            var end = new DateOnly(y + 1, 1, 1);
            var years = since >= end ? 0 : end.Year - since.Year;
            if (since < end && since.AddYears(years) > end)
            {
                years--;
            }
            (f.NicheYearsOk, f.NicheYears) = (true, years);
        }

        foreach (var h in p.Honors ?? [])
        {
            if (h.ValidUntil < asOf || h.Year > asOf.Year)
            {
                continue;
            }
            var within3 = h.Year >= asOf.Year - 3;
            switch (h.Kind)
            {
                case "high-tech-enterprise" or "national-tech-innovation-demo" or "ip-advantage" or "ip-demonstration":
                    f.HonorsHighTechEtc++;
                    break;
                case "provincial-st-award" when within3:
                    f.HonorsStAwardWithin3++;
                    f.HonorsProvincialAwardTop3Within3 += h.Rank <= 3 ? 1 : 0;
                    break;
                case "national-st-award" when within3:
                    f.HonorsStAwardWithin3++;
                    f.HonorsNationalAwardTop5Within3 += h.Rank <= 5 ? 1 : 0;
                    f.HonorsNationalAwardTop3Within3 += h.Rank <= 3 ? 1 : 0;
                    break;
                case "chuangke-top500" when within3:
                    f.HonorsChuangke500Within3++;
                    break;
                case "chuangke-top50" when within3:
                    f.HonorsChuangke500Within3++;
                    f.HonorsChuangke50Within3++;
                    break;
                default:
                    break;
            }
        }
        return f;
    }

    private static (bool Ok, decimal N, decimal D) Ratio(decimal? n, decimal? d) =>
        n is { } a && d is { } b && b > 0m ? (true, a, b) : (false, 0m, 0m);

    private static (bool Ok, decimal N, decimal D) Growth(decimal? now, decimal? before) =>
        now is { } a && before is { } b && b > 0m ? (true, a - b, b) : (false, 0m, 0m);

    private static (bool Ok, decimal Sum) Sum(decimal? a, decimal? b, decimal? c) =>
        (a is not null || b is not null || c is not null, (a ?? 0m) + (b ?? 0m) + (c ?? 0m));

    private static string Normalize(string s)
    {
        var colon = s.IndexOf(':', StringComparison.Ordinal);
        var core = colon >= 0 ? s[..colon] : s;
        return string.Concat(core.Where(ch => !char.IsWhiteSpace(ch) && ch != '-' && ch != '_')).ToUpperInvariant();
    }
}
