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

    private static IEnumerable<FactDefinition> Build()
    {
        foreach (var field in FinancialFacts.Fields.Keys)
        {
            yield return new(field, FactKind.Number, $"{field} of year Y+year (default Y)", YearOnly,
                a => { var off = a.Year ?? 0; return c => FinancialFacts.Amount(c, field, c.LastYear + off); });
        }
        foreach (var (name, (num, den)) in FinancialFacts.Ratios)
        {
            yield return new(name, FactKind.Number, $"{num} / {den} of year Y+year", YearOnly,
                a => { var off = a.Year ?? 0; return c => FinancialFacts.Ratio(c, num, den, c.LastYear + off); });
        }
        yield return new("mainBusinessGrowth", FactKind.Number, "main-business revenue(y) / main-business revenue(y−1) − 1", YearOnly,
            a => { var off = a.Year ?? 0; return c => FinancialFacts.Growth(c, "mainBusinessRevenue", c.LastYear + off); });
        yield return new("averageMainBusinessGrowth", FactKind.Number, "mean of the yearly main-business growth rates of the last `years` years", Args("years"),
            a => { var n = Require(a.Years, "years"); return c => FinancialFacts.AverageGrowth(c, "mainBusinessRevenue", n); });
        yield return new("operatingRevenueGrowthFactor", FactKind.Number, "operating revenue(Y) / operating revenue(Y−years)", Args("years"),
            a => { var n = Require(a.Years, "years"); return c => FinancialFacts.Ratio(c, "operatingRevenue", "operatingRevenue", c.LastYear, c.LastYear - n); });
        yield return new("sumOverYears", FactKind.Number, "sum of `field` over the last `years` years (years present)", Args("field", "years"),
            a => { var f = FinancialField(a.Field); var n = Require(a.Years, "years"); return c => FinancialFacts.Sum(c, f, n); });
        yield return new("averageOverYears", FactKind.Number, "average of `field` over the last `years` years (needs each year)", Args("field", "years"),
            a => { var f = FinancialField(a.Field); var n = Require(a.Years, "years"); return c => FinancialFacts.Average(c, f, n); });
        yield return new("growth", FactKind.Number, "`field`(Y+year) / `field`(Y+year−1) − 1 (e.g. R&D expense growth)", Args("field", "year"),
            a => { var f = FinancialField(a.Field); var off = a.Year ?? 0; return c => FinancialFacts.Growth(c, f, c.LastYear + off); });

        yield return new("ratioOfSums", FactKind.Number, "sum of `field` / sum of `over` over the last `years` years (needs both in every year)", Args("field", "over", "years"),
            a =>
            {
                var f = FinancialField(a.Field);
                var o = FinancialField(a.Over, "over");
                var n = Require(a.Years, "years");
                return c => FinancialFacts.RatioOfSums(c, f, o, n);
            });

        yield return new("nicheMarketYears", FactKind.Number, "full years from nicheMarketSince to January 1 of Y+1", None,
            _ => c => NicheYears(c));
        yield return new("sizeClass", FactKind.Text, "SME size class (large/medium/small/micro) per the size-class rule set", None,
            _ => c => c.SizeClass is { } s ? FactValue.Of(s) : FactValue.Missing(c.SizeClassMissingField ?? "/financials", "size class not available"));

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
        yield return Text("listing", "/listing", p => p.Listing);
        yield return Text("listingPlan", "/listingPlan", p => p.ListingPlan);
        yield return Text("regionCode", "/regionCode", p => p.RegionCode);
        yield return Text("provinceCode", "/regionCode", p => p.RegionCode is { Length: >= 2 } r ? r[..2] : null);

        yield return Number("domesticMarketShare", "/mainProduct/domesticMarketShare", p => p.MainProduct?.DomesticMarketShare);
        yield return Number("internationalMarketShare", "/mainProduct/internationalMarketShare", p => p.MainProduct?.InternationalMarketShare);
        yield return Number("domesticMarketRank", "/mainProduct/domesticMarketRank", p => p.MainProduct?.DomesticMarketRank);
        yield return Number("globalMarketRank", "/mainProduct/globalMarketRank", p => p.MainProduct?.GlobalMarketRank);
        yield return Number("mainProductRevenueShare", "/mainProduct/revenueShare", p => p.MainProduct?.RevenueShare);
        yield return Number("mainProductSalesShareOfMainBusiness", "/mainProduct/salesShareOfMainBusiness", p => p.MainProduct?.SalesShareOfMainBusiness);
        yield return Number("mainProductYearsInField", "/mainProduct/yearsInField", p => p.MainProduct?.YearsInField);
        yield return Number("ipClassI", "/intellectualProperty/classI", p => p.IntellectualProperty?.ClassI);
        yield return Number("ipClassISelfDeveloped", "/intellectualProperty/classISelfDeveloped", p => p.IntellectualProperty?.ClassISelfDeveloped);
        yield return Number("ipClassIHighValue", "/intellectualProperty/classIHighValue", p => p.IntellectualProperty?.ClassIHighValue);
        yield return Number("ipClassIApplied", "/intellectualProperty/classIApplied", p => p.IntellectualProperty?.ClassIApplied);
        yield return Number("ipClassII", "/intellectualProperty/classII", p => p.IntellectualProperty?.ClassII);
        yield return Number("inventionPatents", "/intellectualProperty/inventionPatents", p => p.IntellectualProperty?.InventionPatents);
        yield return Number("digitalLevel", "/digitalLevel", p => p.DigitalLevel);
        yield return Number("localFeatureScore", "/localFeatureScore", p => p.LocalFeatureScore);

        yield return new("certificationCount", FactKind.Number,
            "management-system certifications matching any of `matching` (case, spaces and a ':year' suffix ignored); all when `matching` is absent",
            Args("matching"), a => CertificationCount(a.Matching));
        yield return new("standardCount", FactKind.Number, "standards entries, optionally filtered by `levels` and `roles`", Args("levels", "roles"),
            a => c => c.Profile.Standards is { } s
                ? FactValue.Of(s.Count(x => (a.Levels is null || a.Levels.Contains(x.Level)) && (a.Roles is null || a.Roles.Contains(x.Role))))
                : FactValue.Missing("/standards"));
        yield return new("honorCount", FactKind.Number,
            "honours of `kinds` valid on D, obtained in or after D.year − withinYears, ranked at most maxRank (each filter when given)",
            Args("kinds", "withinYears", "maxRank"), a => HonorCount(a));
        yield return new("holdsRecognition", FactKind.Boolean, "holds a recognition of `tier` valid on D", Args("tier"),
            a => { var t = Require(a.Tier, "tier"); return c => FactValue.Of(c.Profile.Recognitions?.Any(r => r.Tier == t && r.IsValidOn(c.AsOf)) == true); });
        yield return new("officerVerified", FactKind.Boolean, "an officer verified the qualitative `criterion` as met (listed in verifiedCriteria)", Args("criterion"),
            a =>
            {
                var id = Require(a.Criterion, "criterion");
                return c => c.Profile.VerifiedCriteria is { } list
                    ? FactValue.Of(list.Contains(id, StringComparer.Ordinal))
                    : FactValue.Missing("/verifiedCriteria", "qualitative criteria not assessed by an officer");
            });
        yield return new("qualityEvaluationScore", FactKind.Number, "quality evaluation score issued for D.year + year (default D.year)", YearOnly,
            a => { var off = a.Year ?? 0; return c => QualityScore(c, c.AsOf.Year + off); });
        yield return new("score", FactKind.Number, "the tier's total score, or one dimension's (`dimension`)", Args("dimension"),
            a => a.Dimension is { } dim
                ? c => c.CurrentSubScores.TryGetValue(dim, out var v) ? FactValue.Of(v) : FactValue.Missing("score", $"dimension {dim} not scored")
                : c => c.CurrentScore is { } s ? FactValue.Of(s) : FactValue.Missing("score", "no score"));
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
        new(name, FactKind.Boolean, pointer, None, _ => c => read(c.Profile) is { } b ? FactValue.Of(b) : FactValue.Missing(pointer));

    private static FactDefinition Text(string name, string pointer, Func<EnterpriseProfile, string?> read) =>
        new(name, FactKind.Text, pointer, None, _ => c => read(c.Profile) is { } s ? FactValue.Of(s) : FactValue.Missing(pointer));

    private static FactDefinition Number(string name, string pointer, Func<EnterpriseProfile, decimal?> read) =>
        new(name, FactKind.Number, pointer, None, _ => c => read(c.Profile) is { } d ? FactValue.Of(d) : FactValue.Missing(pointer));

    /// <summary>Anniversary counting to January 1 of Y+1: 2023-01-01 → 3 years at the end of 2025; 2023-01-02 → 2.</summary>
    private static FactValue NicheYears(EvaluationContext c)
    {
        if (c.Profile.NicheMarketSince is not { } since)
        {
            return FactValue.Missing("/nicheMarketSince");
        }
        var end = new DateOnly(c.LastYear + 1, 1, 1);
        if (since >= end)
        {
            return FactValue.Of(0m);
        }
        var years = end.Year - since.Year;
        if (since.AddYears(years) > end)
        {
            years--;
        }
        return FactValue.Of(years);
    }

    private static Fact CertificationCount(IReadOnlyList<string>? matching)
    {
        var wanted = matching?.Select(NormalizeCertification).ToFrozenSet(StringComparer.Ordinal);
        return c => c.Profile.Quality?.ManagementSystemCertifications is { } certs
            ? FactValue.Of(certs.Count(x => wanted is null || wanted.Contains(NormalizeCertification(x))))
            : FactValue.Missing("/quality/managementSystemCertifications");
    }

    /// <summary>"iso 9001:2015" → "ISO9001": upper case, no spaces, hyphens or a ':year' suffix.</summary>
    public static string NormalizeCertification(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var colon = s.IndexOf(':', StringComparison.Ordinal);
        var core = colon >= 0 ? s[..colon] : s;
        return string.Concat(core.Where(ch => !char.IsWhiteSpace(ch) && ch != '-' && ch != '_')).ToUpperInvariant();
    }

    private static Fact HonorCount(FactArgs a)
    {
        var kinds = Require(a.Kinds, "kinds").ToFrozenSet(StringComparer.Ordinal);
        return c =>
        {
            var n = 0;
            foreach (var h in c.Profile.Honors ?? [])
            {
                if (!kinds.Contains(h.Kind) || (h.ValidUntil is { } until && until < c.AsOf))
                {
                    continue;
                }
                if (h.Year is { } y && y > c.AsOf.Year)
                {
                    continue; // obtained after the evaluation date
                }
                if (a.WithinYears is { } w && (h.Year is not { } year || year < c.AsOf.Year - w))
                {
                    continue;
                }
                if (a.MaxRank is { } r && (h.Rank is not { } rank || rank > r))
                {
                    continue;
                }
                n++;
            }
            return FactValue.Of(n);
        };
    }

    private static FactValue QualityScore(EvaluationContext c, int year)
    {
        foreach (var q in c.Profile.QualityEvaluations ?? [])
        {
            if (q.Year == year)
            {
                return FactValue.Of(q.Score);
            }
        }
        return FactValue.Missing("/qualityEvaluations", $"no quality evaluation score for {year}");
    }
}
