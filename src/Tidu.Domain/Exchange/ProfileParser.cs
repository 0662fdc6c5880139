using System.Text.Json;
using System.Text.RegularExpressions;
using Tidu.Domain.Profiles;

namespace Tidu.Domain.Exchange;

/// <summary>
/// Maps one JSON object of exchange format v1.1 to an <see cref="EnterpriseProfile"/>, validating it against
/// the schema (types, ranges, enums, patterns) and the rules the schema cannot express: the credit code's
/// check character and unique fiscal years. Every error is collected; a record with any error yields no profile.
/// </summary>
public static partial class ProfileParser
{
    // \z, not $: in .NET $ also matches before a final "\n", which the schema's (ECMA-262) pattern does not allow.
    [GeneratedRegex(@"^[0-9]{6}\z")]
    private static partial Regex RegionCodePattern();

    [GeneratedRegex(@"^[A-T]([0-9]{2}([0-9]{1,2})?)?\z")]
    private static partial Regex IndustryCodePattern();

    // A criterion id as rule files write check ids: dot-separated lower-case words joined by hyphens.
    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)*\z")]
    private static partial Regex CriterionIdPattern();

    public static ProfileRecord Parse(JsonElement root, long ordinal, string locator)
    {
        var errors = new List<RecordError>();
        var r = new JsonFieldReader(errors, locator);
        if (!r.IsObject(root, ""))
        {
            return new ProfileRecord(ordinal, locator, null, errors);
        }

        var creditCode = r.String(root, "creditCode", "/creditCode", required: true);
        if (creditCode is not null && CreditCode.Validate(creditCode) is { } ccReason)
        {
            r.Error("/creditCode", $"invalid credit code: {ccReason}");
        }
        var name = r.String(root, "name", "/name", required: true);
        if (name is { Length: 0 })
        {
            r.Error("/name", "must not be empty");
        }
        var region = r.String(root, "regionCode", "/regionCode", required: true);
        if (region is not null && !RegionCodePattern().IsMatch(region))
        {
            r.Error("/regionCode", $"'{JsonFieldReader.Truncate(region)}' is not a 6-digit region code (GB/T 2260)");
        }
        var industry = r.String(root, "industryCode", "/industryCode", required: true);
        if (industry is not null && !IndustryCodePattern().IsMatch(industry))
        {
            r.Error("/industryCode", $"'{JsonFieldReader.Truncate(industry)}' is not a GB/T 4754 code (section letter A–T, then 2, 3 or 4 digits, e.g. C3484)");
        }

        var financials = ReadFinancials(r, root);
        var profile = new EnterpriseProfile
        {
            CreditCode = creditCode ?? "",
            Name = name ?? "",
            RegionCode = region ?? "",
            IndustryCode = industry ?? "",
            RegisteredInMainland = r.Bool(root, "registeredInMainland", "/registeredInMainland"),
            IndependentLegalPerson = r.Bool(root, "independentLegalPerson", "/independentLegalPerson"),
            EstablishedOn = r.Date(root, "establishedOn", "/establishedOn"),
            NicheMarketSince = r.Date(root, "nicheMarketSince", "/nicheMarketSince"),
            Listing = r.Enum(root, "listing", "/listing", Vocabulary.Listing),
            ListingPlan = r.Enum(root, "listingPlan", "/listingPlan", Vocabulary.ListingPlan),
            MainProduct = ReadMainProduct(r, root),
            Financials = financials,
            IntellectualProperty = ReadIntellectualProperty(r, root),
            RdInstitution = r.Enum(root, "rdInstitution", "/rdInstitution", Vocabulary.RdInstitution),
            DigitalLevel = r.Int(root, "digitalLevel", "/digitalLevel", 1, 4),
            CoreBusinessOnInformationSystem = r.Bool(root, "coreBusinessOnInformationSystem", "/coreBusinessOnInformationSystem"),
            Quality = ReadQuality(r, root),
            Standards = ReadStandards(r, root),
            Honors = ReadHonors(r, root),
            Recognitions = ReadRecognitions(r, root),
            LocalFeatureScore = r.Decimal(root, "localFeatureScore", "/localFeatureScore", 0m, 15m),
            Compliance = ReadCompliance(r, root),
            QualityEvaluations = ReadQualityEvaluations(r, root),
            VerifiedCriteria = ReadVerifiedCriteria(r, root),
        };

        if (r.HasErrors)
        {
            var code = creditCode is not null && CreditCode.IsValid(creditCode) ? creditCode : null;
            return new ProfileRecord(ordinal, locator, null, errors.Select(e => e with { CreditCode = code }).ToList());
        }
        return new ProfileRecord(ordinal, locator, profile, errors);
    }

    private static List<FinancialYear> ReadFinancials(JsonFieldReader r, JsonElement root)
    {
        var list = new List<FinancialYear>();
        if (!JsonFieldReader.TryGet(root, "financials", out var arr))
        {
            r.Error("/financials", "is required");
            return list;
        }
        if (arr.ValueKind != JsonValueKind.Array)
        {
            r.Error("/financials", $"expected an array, got {JsonFieldReader.Describe(arr)}");
            return list;
        }
        var firstIndexOfYear = new Dictionary<int, int>();
        var i = 0;
        foreach (var item in arr.EnumerateArray())
        {
            var p = $"/financials/{i}";
            if (r.IsObject(item, p))
            {
                var year = r.Int(item, "year", p + "/year", 1990, 2100, required: true);
                if (year is { } y && !firstIndexOfYear.TryAdd(y, i))
                {
                    r.Error(p + "/year", $"year {y} appears twice (also at /financials/{firstIndexOfYear[y]})");
                }
                list.Add(new FinancialYear
                {
                    Year = year ?? 0,
                    InputIndex = i,
                    OperatingRevenue = r.Decimal(item, "operatingRevenue", p + "/operatingRevenue", 0m),
                    MainBusinessRevenue = r.Decimal(item, "mainBusinessRevenue", p + "/mainBusinessRevenue", 0m),
                    RdExpense = r.Decimal(item, "rdExpense", p + "/rdExpense", 0m),
                    BasicResearchExpense = r.Decimal(item, "basicResearchExpense", p + "/basicResearchExpense", 0m),
                    NetProfit = r.Decimal(item, "netProfit", p + "/netProfit"),
                    TotalAssets = r.Decimal(item, "totalAssets", p + "/totalAssets", 0m),
                    TotalLiabilities = r.Decimal(item, "totalLiabilities", p + "/totalLiabilities", 0m),
                    Employees = r.Int(item, "employees", p + "/employees", 0),
                    RdStaff = r.Int(item, "rdStaff", p + "/rdStaff", 0),
                    NewQualifiedEquityFinancing = r.Decimal(item, "newQualifiedEquityFinancing", p + "/newQualifiedEquityFinancing", 0m),
                    MainProductRevenue = r.Decimal(item, "mainProductRevenue", p + "/mainProductRevenue", 0m),
                    NewProductOutputValue = r.Decimal(item, "newProductOutputValue", p + "/newProductOutputValue", 0m),
                    IndustrialOutputValue = r.Decimal(item, "industrialOutputValue", p + "/industrialOutputValue", 0m),
                });
            }
            i++;
        }
        if (i == 0)
        {
            r.Error("/financials", "must hold at least one fiscal year");
        }
        list.Sort((a, b) => a.Year.CompareTo(b.Year));
        return list;
    }

    private static MainProduct? ReadMainProduct(JsonFieldReader r, JsonElement root)
    {
        const string p = "/mainProduct";
        if (!JsonFieldReader.TryGet(root, "mainProduct", out var m) || !r.IsObject(m, p))
        {
            return null;
        }
        return new MainProduct
        {
            Name = r.String(m, "name", p + "/name"),
            StrategicEmergingIndustry = r.Bool(m, "strategicEmergingIndustry", p + "/strategicEmergingIndustry"),
            ChainContribution = r.Enum(m, "chainContribution", p + "/chainContribution", Vocabulary.ChainContribution),
            KeyField = r.Bool(m, "keyField", p + "/keyField"),
            DomesticMarketShare = r.Decimal(m, "domesticMarketShare", p + "/domesticMarketShare", 0m, 1m),
            GlobalMarketRank = r.Int(m, "globalMarketRank", p + "/globalMarketRank", 1),
            SalesShareOfMainBusiness = r.Decimal(m, "salesShareOfMainBusiness", p + "/salesShareOfMainBusiness", 0m, 1m),
            YearsInField = r.Int(m, "yearsInField", p + "/yearsInField", 0),
            InternationalMarketShare = r.Decimal(m, "internationalMarketShare", p + "/internationalMarketShare", 0m, 1m),
            DomesticMarketRank = r.Int(m, "domesticMarketRank", p + "/domesticMarketRank", 1),
            MarketPositionLeading = r.Bool(m, "marketPositionLeading", p + "/marketPositionLeading"),
            RestrictedCategory = r.Bool(m, "restrictedCategory", p + "/restrictedCategory"),
            RevenueShare = r.Decimal(m, "revenueShare", p + "/revenueShare", 0m, 1m),
            ProductCount = r.Int(m, "productCount", p + "/productCount", 1),
            IndustryDirection = r.Enum(m, "industryDirection", p + "/industryDirection", Vocabulary.IndustryDirection),
        };
    }

    private static IntellectualProperty? ReadIntellectualProperty(JsonFieldReader r, JsonElement root)
    {
        const string p = "/intellectualProperty";
        if (!JsonFieldReader.TryGet(root, "intellectualProperty", out var ip) || !r.IsObject(ip, p))
        {
            return null;
        }
        return new IntellectualProperty
        {
            ClassI = r.Int(ip, "classI", p + "/classI", 0),
            ClassISelfDeveloped = r.Int(ip, "classISelfDeveloped", p + "/classISelfDeveloped", 0),
            ClassIHighValue = r.Int(ip, "classIHighValue", p + "/classIHighValue", 0),
            ClassIApplied = r.Int(ip, "classIApplied", p + "/classIApplied", 0),
            ClassII = r.Int(ip, "classII", p + "/classII", 0),
            InventionPatents = r.Int(ip, "inventionPatents", p + "/inventionPatents", 0),
        };
    }

    private static QualityInfo? ReadQuality(JsonFieldReader r, JsonElement root)
    {
        const string p = "/quality";
        if (!JsonFieldReader.TryGet(root, "quality", out var q) || !r.IsObject(q, p))
        {
            return null;
        }
        List<string>? certs = null;
        foreach (var (item, path) in r.Array(q, "managementSystemCertifications", p + "/managementSystemCertifications"))
        {
            certs ??= [];
            if (item.ValueKind == JsonValueKind.String)
            {
                certs.Add(item.GetString()!);
            }
            else
            {
                r.Error(path, $"expected a string, got {JsonFieldReader.Describe(item)}");
            }
        }
        return new QualityInfo
        {
            ProvincialQualityAward = r.Bool(q, "provincialQualityAward", p + "/provincialQualityAward"),
            ManagementSystemCertifications = certs ?? (JsonFieldReader.TryGet(q, "managementSystemCertifications", out _) ? [] : null),
            DevelopedMarketProductCertification = r.Bool(q, "developedMarketProductCertification", p + "/developedMarketProductCertification"),
            OwnBrand = r.Bool(q, "ownBrand", p + "/ownBrand"),
        };
    }

    private static List<StandardEntry>? ReadStandards(JsonFieldReader r, JsonElement root)
    {
        if (!JsonFieldReader.TryGet(root, "standards", out _))
        {
            return null;
        }
        var list = new List<StandardEntry>();
        foreach (var (s, p) in r.Array(root, "standards", "/standards"))
        {
            if (!r.IsObject(s, p))
            {
                continue;
            }
            var level = r.Enum(s, "level", p + "/level", Vocabulary.StandardLevel);
            var role = r.Enum(s, "role", p + "/role", Vocabulary.StandardRole);
            if (!JsonFieldReader.TryGet(s, "level", out _))
            {
                r.Error(p + "/level", "is required");
            }
            if (!JsonFieldReader.TryGet(s, "role", out _))
            {
                r.Error(p + "/role", "is required");
            }
            list.Add(new StandardEntry(level ?? "", role ?? "", r.Int(s, "year", p + "/year")));
        }
        return list;
    }

    private static List<Honor>? ReadHonors(JsonFieldReader r, JsonElement root)
    {
        if (!JsonFieldReader.TryGet(root, "honors", out _))
        {
            return null;
        }
        var list = new List<Honor>();
        foreach (var (h, p) in r.Array(root, "honors", "/honors"))
        {
            if (!r.IsObject(h, p))
            {
                continue;
            }
            if (!JsonFieldReader.TryGet(h, "kind", out _))
            {
                r.Error(p + "/kind", "is required");
            }
            var kind = r.Enum(h, "kind", p + "/kind", Vocabulary.HonorKind);
            list.Add(new Honor(kind ?? "", r.Int(h, "year", p + "/year"), r.Date(h, "validUntil", p + "/validUntil"), r.Int(h, "rank", p + "/rank", 1)));
        }
        return list;
    }

    private static List<Recognition>? ReadRecognitions(JsonFieldReader r, JsonElement root)
    {
        if (!JsonFieldReader.TryGet(root, "recognitions", out _))
        {
            return null;
        }
        var list = new List<Recognition>();
        foreach (var (x, p) in r.Array(root, "recognitions", "/recognitions"))
        {
            if (!r.IsObject(x, p))
            {
                continue;
            }
            if (!JsonFieldReader.TryGet(x, "tier", out _))
            {
                r.Error(p + "/tier", "is required");
            }
            var tier = r.Enum(x, "tier", p + "/tier", Vocabulary.Tier);
            var on = r.Date(x, "recognizedOn", p + "/recognizedOn", required: true);
            var until = r.Date(x, "validUntil", p + "/validUntil");
            if (on is { } a && until is { } b && b < a)
            {
                r.Error(p + "/validUntil", $"ends ({b:yyyy-MM-dd}) before the recognition date ({a:yyyy-MM-dd})");
            }
            list.Add(new Recognition(tier ?? "", on ?? default, until, r.String(x, "issuer", p + "/issuer")));
        }
        return list;
    }

    private static Compliance? ReadCompliance(JsonFieldReader r, JsonElement root)
    {
        const string p = "/compliance";
        if (!JsonFieldReader.TryGet(root, "compliance", out var c) || !r.IsObject(c, p))
        {
            return null;
        }
        return new Compliance
        {
            AbnormalOperationList = r.Bool(c, "abnormalOperationList", p + "/abnormalOperationList"),
            SeriousDishonestyList = r.Bool(c, "seriousDishonestyList", p + "/seriousDishonestyList"),
            MajorIncidentWithin3Years = r.Bool(c, "majorIncidentWithin3Years", p + "/majorIncidentWithin3Years"),
            ViolationWithin3Years = r.Bool(c, "violationWithin3Years", p + "/violationWithin3Years"),
            WageArrears = r.Bool(c, "wageArrears", p + "/wageArrears"),
            JointPunishment = r.Bool(c, "jointPunishment", p + "/jointPunishment"),
        };
    }

    private static List<QualityEvaluation>? ReadQualityEvaluations(JsonFieldReader r, JsonElement root)
    {
        if (!JsonFieldReader.TryGet(root, "qualityEvaluations", out _))
        {
            return null;
        }
        var list = new List<QualityEvaluation>();
        var seen = new HashSet<int>();
        foreach (var (q, p) in r.Array(root, "qualityEvaluations", "/qualityEvaluations"))
        {
            if (!r.IsObject(q, p))
            {
                continue;
            }
            var year = r.Int(q, "year", p + "/year", 1990, 2100, required: true);
            var score = r.Decimal(q, "score", p + "/score", 0m, 100m);
            if (!JsonFieldReader.TryGet(q, "score", out _))
            {
                r.Error(p + "/score", "is required");
            }
            if (year is { } y && !seen.Add(y))
            {
                r.Error(p + "/year", $"year {y} appears twice");
            }
            list.Add(new QualityEvaluation(year ?? 0, score ?? 0m));
        }
        return list;
    }

    private static List<string>? ReadVerifiedCriteria(JsonFieldReader r, JsonElement root)
    {
        if (!JsonFieldReader.TryGet(root, "verifiedCriteria", out _))
        {
            return null;
        }
        var list = new List<string>();
        var firstIndex = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (item, p) in r.Array(root, "verifiedCriteria", "/verifiedCriteria"))
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                r.Error(p, $"expected a string, got {JsonFieldReader.Describe(item)}");
                continue;
            }
            var id = item.GetString()!;
            if (!CriterionIdPattern().IsMatch(id))
            {
                r.Error(p, $"'{JsonFieldReader.Truncate(id)}' is not a criterion id (lower-case words with hyphens, dot-separated, e.g. hidden-champion.pool.focus)");
            }
            else if (!firstIndex.TryAdd(id, p))
            {
                r.Error(p, $"'{id}' appears twice (also at {firstIndex[id]})");
            }
            else
            {
                list.Add(id);
            }
        }
        return list;
    }
}
