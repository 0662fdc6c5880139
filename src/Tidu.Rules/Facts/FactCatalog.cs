using System.Collections.Frozen;
using Tidu.Domain.Profiles;
using Tidu.Rules.Values;

namespace Tidu.Rules.Facts;

/// <summary>
/// Every fact a rule file may name. A fact is a definition (how to read or derive a quantity from the profile),
/// never a policy number: thresholds, windows and ranks come from the rule file as <see cref="FactArgs"/>.
/// Facts return "not available" for absent inputs; a rule that wants a default states it (<c>default:</c>).
/// </summary>
public static class FactCatalog
{
    private static readonly FrozenSet<string> None = FrozenSet<string>.Empty;
    private static readonly FrozenSet<string> YearOnly = new[] { "year" }.ToFrozenSet();

    /// <summary>Facts that record the enterprise's standing rather than its performance (see <see cref="FactDefinition.Closable"/>).</summary>
    private static readonly FrozenSet<string> Standing = new[]
    {
        "sizeClass", "holdsRecognition", "honorCount", "registeredInMainland", "independentLegalPerson", "abnormalOperationList",
        "seriousDishonestyList", "majorIncidentWithin3Years", "violationWithin3Years", "wageArrears", "jointPunishment", "restrictedCategory",
        "regionCode", "provinceCode", "listing", "nicheMarketYears", "mainProductYearsInField",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static readonly FrozenDictionary<string, FactDefinition> All = Build()
        .Select(d => Standing.Contains(d.Name) ? d with { Closable = false } : d)
        .ToFrozenDictionary(d => d.Name, StringComparer.Ordinal);

    /// <summary>Whether the enterprise can pass a check of <paramref name="factName"/> by changing its own data (an unknown fact counts as closable).</summary>
    public static bool IsClosable(string factName) => !All.TryGetValue(factName, out var fact) || fact.Closable;

    private static IEnumerable<FactDefinition> Build()
    {
        foreach (var field in FinancialFacts.Fields.Keys)
        {
            yield return new(field, FactKind.Number, $"{field} of year Y+year (default Y)", YearOnly,
                a => FinancialFacts.Amount(field, a.Year ?? 0));
        }
        foreach (var (name, (num, den)) in FinancialFacts.Ratios)
        {
            yield return new(name, FactKind.Number, $"{num} / {den} of year Y+year", YearOnly,
                a => FinancialFacts.Ratio(num, den, a.Year ?? 0));
        }
        yield return new("mainBusinessGrowth", FactKind.Number, "main-business revenue(y) / main-business revenue(y−1) − 1", YearOnly,
            a => FinancialFacts.Growth("mainBusinessRevenue", a.Year ?? 0));
        yield return new("averageMainBusinessGrowth", FactKind.Number, "mean of the yearly main-business growth rates of the last `years` years", Args("years"),
            a => FinancialFacts.AverageGrowth("mainBusinessRevenue", Require(a.Years, "years")));
        yield return new("operatingRevenueGrowthFactor", FactKind.Number, "operating revenue(Y) / operating revenue(Y−years)", Args("years"),
            a => FinancialFacts.YearRatio("operatingRevenue", 0, -Require(a.Years, "years")));
        yield return new("sumOverYears", FactKind.Number, "sum of `field` over the last `years` years (years present)", Args("field", "years"),
            a => FinancialFacts.Sum(FinancialField(a.Field), Require(a.Years, "years")));
        yield return new("averageOverYears", FactKind.Number, "average of `field` over the last `years` years (needs each year)", Args("field", "years"),
            a => FinancialFacts.Average(FinancialField(a.Field), Require(a.Years, "years")));
        yield return new("averageGrowth", FactKind.Number, "mean of the yearly growth rates of `field` over the last `years` years (e.g. net profit; a base ≤ 0 is not available)", Args("field", "years"),
            a => FinancialFacts.AverageGrowth(FinancialField(a.Field), Require(a.Years, "years")));
        yield return new("growth", FactKind.Number, "`field`(Y+year) / `field`(Y+year−1) − 1 (e.g. R&D expense growth)", Args("field", "year"),
            a => FinancialFacts.Growth(FinancialField(a.Field), a.Year ?? 0));

        yield return new("ratioOfSums", FactKind.Number, "sum of `field` / sum of `over` over the last `years` years (needs both in every year)", Args("field", "over", "years"),
            a => FinancialFacts.RatioOfSums(FinancialField(a.Field), FinancialField(a.Over, "over"), Require(a.Years, "years")));

        yield return new("nicheMarketYears", FactKind.Number, "full years from nicheMarketSince to January 1 of Y+1", None,
            _ => ProfileFacts.NicheYears());
        yield return new("yearsSinceEstablished", FactKind.Number, "full years from establishedOn to the evaluation date D (anniversary counting)", None,
            _ => ProfileFacts.YearsSinceEstablished());
        yield return new("sizeClass", FactKind.Text, "SME size class (large/medium/small/micro) per the size-class rule set", None,
            _ => ProfileFacts.SizeClass());

        yield return Flag("registeredInMainland", "/registeredInMainland", p => p.RegisteredInMainland);
        yield return Flag("independentLegalPerson", "/independentLegalPerson", p => p.IndependentLegalPerson);
        yield return Flag("abnormalOperationList", "/compliance/abnormalOperationList", p => p.Compliance?.AbnormalOperationList);
        yield return Flag("seriousDishonestyList", "/compliance/seriousDishonestyList", p => p.Compliance?.SeriousDishonestyList);
        yield return Flag("majorIncidentWithin3Years", "/compliance/majorIncidentWithin3Years", p => p.Compliance?.MajorIncidentWithin3Years);
        yield return Flag("violationWithin3Years", "/compliance/violationWithin3Years", p => p.Compliance?.ViolationWithin3Years);
        yield return Flag("wageArrears", "/compliance/wageArrears", p => p.Compliance?.WageArrears);
        yield return Flag("jointPunishment", "/compliance/jointPunishment", p => p.Compliance?.JointPunishment);
        yield return Flag("restrictedCategory", "/mainProduct/restrictedCategory", p => p.MainProduct?.RestrictedCategory);
        yield return Flag("strategicEmergingIndustry", "/mainProduct/strategicEmergingIndustry", p => p.MainProduct?.StrategicEmergingIndustry);
        yield return Flag("keyField", "/mainProduct/keyField", p => p.MainProduct?.KeyField);
        yield return Flag("marketPositionLeading", "/mainProduct/marketPositionLeading", p => p.MainProduct?.MarketPositionLeading);
        yield return Flag("coreBusinessOnInformationSystem", "/coreBusinessOnInformationSystem", p => p.CoreBusinessOnInformationSystem);
        yield return Flag("provincialQualityAward", "/quality/provincialQualityAward", p => p.Quality?.ProvincialQualityAward);
        yield return Flag("developedMarketProductCertification", "/quality/developedMarketProductCertification", p => p.Quality?.DevelopedMarketProductCertification);
        yield return Flag("ownBrand", "/quality/ownBrand", p => p.Quality?.OwnBrand);

        yield return Text("chainContribution", "/mainProduct/chainContribution", p => p.MainProduct?.ChainContribution);
        yield return Text("rdInstitution", "/rdInstitution", p => p.RdInstitution);
        yield return Text("industryDirection", "/mainProduct/industryDirection", p => p.MainProduct?.IndustryDirection);
        yield return Text("listing", "/listing", p => p.Listing);
        yield return Text("listingPlan", "/listingPlan", p => p.ListingPlan);
        yield return Text("regionCode", "/regionCode", p => p.RegionCode);
        yield return Text("provinceCode", "/regionCode", ProfileFacts.ProvinceOf);

        yield return Number("domesticMarketShare", "/mainProduct/domesticMarketShare", p => p.MainProduct?.DomesticMarketShare);
        yield return Number("internationalMarketShare", "/mainProduct/internationalMarketShare", p => p.MainProduct?.InternationalMarketShare);
        yield return Count("domesticMarketRank", "/mainProduct/domesticMarketRank", p => p.MainProduct?.DomesticMarketRank);
        yield return Count("globalMarketRank", "/mainProduct/globalMarketRank", p => p.MainProduct?.GlobalMarketRank);
        yield return Number("mainProductRevenueShare", "/mainProduct/revenueShare", p => p.MainProduct?.RevenueShare);
        yield return Number("mainProductSalesShareOfMainBusiness", "/mainProduct/salesShareOfMainBusiness", p => p.MainProduct?.SalesShareOfMainBusiness);
        yield return Count("mainProductYearsInField", "/mainProduct/yearsInField", p => p.MainProduct?.YearsInField);
        yield return Count("mainProductCount", "/mainProduct/productCount", p => p.MainProduct?.ProductCount);
        yield return Count("ipClassI", "/intellectualProperty/classI", p => p.IntellectualProperty?.ClassI);
        yield return Count("ipClassISelfDeveloped", "/intellectualProperty/classISelfDeveloped", p => p.IntellectualProperty?.ClassISelfDeveloped);
        yield return Count("ipClassIHighValue", "/intellectualProperty/classIHighValue", p => p.IntellectualProperty?.ClassIHighValue);
        yield return Count("ipClassIApplied", "/intellectualProperty/classIApplied", p => p.IntellectualProperty?.ClassIApplied);
        yield return Count("ipClassII", "/intellectualProperty/classII", p => p.IntellectualProperty?.ClassII);
        yield return Count("inventionPatents", "/intellectualProperty/inventionPatents", p => p.IntellectualProperty?.InventionPatents);
        yield return Count("digitalLevel", "/digitalLevel", p => p.DigitalLevel);
        yield return Number("localFeatureScore", "/localFeatureScore", p => p.LocalFeatureScore);

        yield return new("certificationCount", FactKind.Number,
            "management-system certifications matching any of `matching` (case, spaces and a ':year' suffix ignored); all when `matching` is absent",
            Args("matching"), a => ProfileFacts.CertificationCount(a.Matching));
        yield return new("standardCount", FactKind.Number, "standards entries, optionally filtered by `levels` and `roles`", Args("levels", "roles"),
            a => ProfileFacts.StandardCount(a.Levels, a.Roles));
        yield return new("honorCount", FactKind.Number,
            "honours of `kinds` valid on D, obtained in or after D.year − withinYears, ranked at most maxRank (each filter when given)",
            Args("kinds", "withinYears", "maxRank"), a => ProfileFacts.HonorCount(Require(a.Kinds, "kinds"), a.WithinYears, a.MaxRank));
        yield return new("holdsRecognition", FactKind.Boolean, "holds a recognition of `tier` valid on D", Args("tier"),
            a => ProfileFacts.HoldsRecognition(Require(a.Tier, "tier")));
        yield return new("officerVerified", FactKind.Boolean, "an officer verified the qualitative `criterion` as met (listed in verifiedCriteria)", Args("criterion"),
            a => ProfileFacts.OfficerVerified(Require(a.Criterion, "criterion")));
        yield return new("qualityEvaluationScore", FactKind.Number, "quality evaluation score issued for D.year + year (default D.year)", YearOnly,
            a => ProfileFacts.QualityScore(a.Year ?? 0));
        yield return new("score", FactKind.Number, "the tier's total score, or one dimension's (`dimension`)", Args("dimension"),
            a => ProfileFacts.Score(a.Dimension));
    }

    private static FrozenSet<string> Args(params string[] names) => names.ToFrozenSet(StringComparer.Ordinal);

    private static T Require<T>(T? value, string name) where T : class =>
        value ?? throw new ArgumentException($"argument '{name}' is required");

    private static int Require(int? value, string name) =>
        value is { } v && v > 0 ? v : throw new ArgumentException($"argument '{name}' is required and must be positive");

    private static string FinancialField(string? field, string argument = "field") =>
        field is not null && FinancialFacts.Fields.ContainsKey(field)
            ? field
            : throw new ArgumentException($"argument '{argument}' must be one of: {string.Join(", ", FinancialFacts.Fields.Keys)}");

    private static FactDefinition Flag(string name, string pointer, Func<EnterpriseProfile, bool?> read) =>
        new(name, FactKind.Boolean, pointer, None, _ => ProfileFacts.Flag(name, pointer, read));

    private static FactDefinition Text(string name, string pointer, Func<EnterpriseProfile, string?> read) =>
        new(name, FactKind.Text, pointer, None, _ => ProfileFacts.Text(name, pointer, read));

    private static FactDefinition Number(string name, string pointer, Func<EnterpriseProfile, decimal?> read) =>
        new(name, FactKind.Number, pointer, None, _ => ProfileFacts.Number(name, pointer, read));

    private static FactDefinition Count(string name, string pointer, Func<EnterpriseProfile, int?> read) =>
        new(name, FactKind.Number, pointer, None, _ => ProfileFacts.Count(name, pointer, read));

    /// <summary>"iso 9001:2015" → "ISO9001": upper case, no spaces, hyphens or a ':year' suffix.</summary>
    public static string NormalizeCertification(string s) => ProfileFacts.NormalizeCertification(s);
}
