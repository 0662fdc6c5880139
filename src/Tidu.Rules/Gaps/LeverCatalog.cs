using Tidu.Domain.Profiles;
using Tidu.Rules.Facts;

namespace Tidu.Rules.Gaps;

/// <summary>
/// For each fact of <see cref="FactCatalog"/>: the input(s) it reads, how to set them, and how much they are in the
/// enterprise's hands. Ratios and growth are moved through their numerator of the latest year (R&amp;D expense for
/// the R&amp;D ratio, main-business revenue for growth), never through past revenue or dates.
/// </summary>
internal static class LeverCatalog
{
    private const decimal Cent = 0.01m;
    private const decimal ShareStep = 0.0001m;
    /// <summary>No change is proposed beyond what the exchange format accepts.</summary>
    private const decimal Unbounded = Tidu.Domain.Exchange.Limits.MaxAmount;

    /// <summary>Ordered scales of the exchange format's levels: the choices are tried from the lowest.</summary>
    private static readonly string[] RdInstitutionScale = ["none", "below-city", "city", "provincial", "national"];
    private static readonly string[] ChainScale = ["none", "basics", "key-results"];
    private static readonly string[] ListingPlanScale = ["none", "tutoring", "filed"];

    /// <summary>Placeholder name of a management-system certification when the rule accepts any.</summary>
    public const string AnyCertification = "管理体系认证（任一）";

    /// <summary>The levers of <paramref name="fact"/> with <paramref name="args"/> in context <paramref name="c"/>; <paramref name="passesOn"/>
    /// is the check's test on another evaluation date, for the earliest date of a time blocker.</summary>
    public static IReadOnlyList<Lever> For(string fact, FactArgs args, EvaluationContext c, Func<DateOnly, bool>? passesOn)
    {
        var p = c.Profile;
        var y = c.LastYear + (args.Year ?? 0);
        if (FinancialFacts.Fields.ContainsKey(fact))
        {
            return [Financial(c, fact, y)];
        }
        if (FinancialFacts.Ratios.TryGetValue(fact, out var ratio))
        {
            return [Financial(c, ratio.Numerator, y)];
        }
        switch (fact)
        {
            case "mainBusinessGrowth":
                return [Financial(c, "mainBusinessRevenue", y)];
            case "averageMainBusinessGrowth":
                return [Financial(c, "mainBusinessRevenue", c.LastYear)];
            case "operatingRevenueGrowthFactor":
                return [Financial(c, "operatingRevenue", c.LastYear)];
            case "sumOverYears" or "averageOverYears":
                return [Financial(c, args.Field!, LatestYearIn(p, c.LastYear, args.Years ?? 1))];
            case "nicheMarketYears":
                return [NicheMarket(c, passesOn)];
            case "sizeClass":
                return [new FixedBlocker("sizeClass", c.SizeClass is null ? c.SizeClassMissingField : "/industryCode",
                    new BlockerInfo(c.SizeClass is null ? BlockerKind.MissingData : BlockerKind.SizeClass, Detail: c.SizeClass ?? c.SizeClassMissingField, HasHypothesis: false))];
            case "holdsRecognition":
                return [Recognition(c, args.Tier!)];
            case "honorCount":
                return [Honours(c, args)];
            case "certificationCount":
                return [Certifications(c, args.Matching)];
            case "standardCount":
                return [Standards(c, args)];
            case "qualityEvaluationScore":
                return [QualityScore(c, c.AsOf.Year + (args.Year ?? 0))];
            default:
                return Profile(fact, c) is { } lever ? [lever] : [];
        }
    }

    private static Lever? Profile(string fact, EvaluationContext c) => fact switch
    {
        "registeredInMainland" => Blocked(fact, "/registeredInMainland", (p, b) => p with { RegisteredInMainland = b }),
        "independentLegalPerson" => Blocked(fact, "/independentLegalPerson", (p, b) => p with { IndependentLegalPerson = b }),
        "abnormalOperationList" => Blocked(fact, "/compliance/abnormalOperationList", (p, b) => p with { Compliance = (p.Compliance ?? new()) with { AbnormalOperationList = b } }),
        "seriousDishonestyList" => Blocked(fact, "/compliance/seriousDishonestyList", (p, b) => p with { Compliance = (p.Compliance ?? new()) with { SeriousDishonestyList = b } }),
        "majorIncidentWithin3Years" => Blocked(fact, "/compliance/majorIncidentWithin3Years", (p, b) => p with { Compliance = (p.Compliance ?? new()) with { MajorIncidentWithin3Years = b } }),
        "violationWithin3Years" => Blocked(fact, "/compliance/violationWithin3Years", (p, b) => p with { Compliance = (p.Compliance ?? new()) with { ViolationWithin3Years = b } }),
        "wageArrears" => Blocked(fact, "/compliance/wageArrears", (p, b) => p with { Compliance = (p.Compliance ?? new()) with { WageArrears = b } }),
        "jointPunishment" => Blocked(fact, "/compliance/jointPunishment", (p, b) => p with { Compliance = (p.Compliance ?? new()) with { JointPunishment = b } }),
        "restrictedCategory" => Blocked(fact, "/mainProduct/restrictedCategory", (p, b) => p with { MainProduct = (p.MainProduct ?? new()) with { RestrictedCategory = b } }),
        "strategicEmergingIndustry" => Flag("/mainProduct/strategicEmergingIndustry", Effort.Structural, (p, b) => p with { MainProduct = (p.MainProduct ?? new()) with { StrategicEmergingIndustry = b } }),
        "keyField" => Flag("/mainProduct/keyField", Effort.Structural, (p, b) => p with { MainProduct = (p.MainProduct ?? new()) with { KeyField = b } }),
        "marketPositionLeading" => Flag("/mainProduct/marketPositionLeading", Effort.External, (p, b) => p with { MainProduct = (p.MainProduct ?? new()) with { MarketPositionLeading = b } }),
        "coreBusinessOnInformationSystem" => Flag("/coreBusinessOnInformationSystem", Effort.Actionable, (p, b) => p with { CoreBusinessOnInformationSystem = b }),
        "provincialQualityAward" => Flag("/quality/provincialQualityAward", Effort.External, (p, b) => p with { Quality = (p.Quality ?? new()) with { ProvincialQualityAward = b } }),
        "developedMarketProductCertification" => Flag("/quality/developedMarketProductCertification", Effort.Actionable, (p, b) => p with { Quality = (p.Quality ?? new()) with { DevelopedMarketProductCertification = b } }),
        "ownBrand" => Flag("/quality/ownBrand", Effort.Actionable, (p, b) => p with { Quality = (p.Quality ?? new()) with { OwnBrand = b } }),
        "chainContribution" => Scale("/mainProduct/chainContribution", ChainScale, _ => Effort.Structural, (p, s) => p with { MainProduct = (p.MainProduct ?? new()) with { ChainContribution = s } }),
        "rdInstitution" => Scale("/rdInstitution", RdInstitutionScale, s => s is "provincial" or "national" ? Effort.External : Effort.Actionable, (p, s) => p with { RdInstitution = s }),
        "listingPlan" => Scale("/listingPlan", ListingPlanScale, _ => Effort.External, (p, s) => p with { ListingPlan = s }),
        "domesticMarketShare" => Share("/mainProduct/domesticMarketShare", c.Profile.MainProduct?.DomesticMarketShare, (p, v) => p with { MainProduct = (p.MainProduct ?? new()) with { DomesticMarketShare = v } }),
        "internationalMarketShare" => Share("/mainProduct/internationalMarketShare", c.Profile.MainProduct?.InternationalMarketShare, (p, v) => p with { MainProduct = (p.MainProduct ?? new()) with { InternationalMarketShare = v } }),
        "mainProductRevenueShare" => Share("/mainProduct/revenueShare", c.Profile.MainProduct?.RevenueShare, (p, v) => p with { MainProduct = (p.MainProduct ?? new()) with { RevenueShare = v } }),
        "mainProductSalesShareOfMainBusiness" => Share("/mainProduct/salesShareOfMainBusiness", c.Profile.MainProduct?.SalesShareOfMainBusiness, (p, v) => p with { MainProduct = (p.MainProduct ?? new()) with { SalesShareOfMainBusiness = v } }),
        "domesticMarketRank" => Count("/mainProduct/domesticMarketRank", Effort.Performance, "位", c.Profile.MainProduct?.DomesticMarketRank, 1m, null, (p, v) => p with { MainProduct = (p.MainProduct ?? new()) with { DomesticMarketRank = v } }),
        "globalMarketRank" => Count("/mainProduct/globalMarketRank", Effort.Performance, "位", c.Profile.MainProduct?.GlobalMarketRank, 1m, null, (p, v) => p with { MainProduct = (p.MainProduct ?? new()) with { GlobalMarketRank = v } }),
        "ipClassI" => Ip("/intellectualProperty/classI", c.Profile.IntellectualProperty?.ClassI, (ip, v) => ip with { ClassI = v }),
        "ipClassISelfDeveloped" => Ip("/intellectualProperty/classISelfDeveloped", c.Profile.IntellectualProperty?.ClassISelfDeveloped, (ip, v) => ip with { ClassISelfDeveloped = v }),
        "ipClassIHighValue" => Ip("/intellectualProperty/classIHighValue", c.Profile.IntellectualProperty?.ClassIHighValue, (ip, v) => ip with { ClassIHighValue = v }),
        "ipClassIApplied" => Ip("/intellectualProperty/classIApplied", c.Profile.IntellectualProperty?.ClassIApplied, (ip, v) => ip with { ClassIApplied = v }),
        "ipClassII" => Ip("/intellectualProperty/classII", c.Profile.IntellectualProperty?.ClassII, (ip, v) => ip with { ClassII = v }),
        "inventionPatents" => Ip("/intellectualProperty/inventionPatents", c.Profile.IntellectualProperty?.InventionPatents, (ip, v) => ip with { InventionPatents = v }),
        "digitalLevel" => Count("/digitalLevel", Effort.Actionable, "级", c.Profile.DigitalLevel, 1m, 4m, (p, v) => p with { DigitalLevel = v }),
        "localFeatureScore" => new NumberLever("/localFeatureScore", "/localFeatureScore", Effort.External, "分", null, c.Profile.LocalFeatureScore, 1m, 0m, 15m, (p, v) => p with { LocalFeatureScore = v }),
        _ => null, // listing, region, years in field …: no change proposed; the check is reported as blocked
    };

    private static NumberLever Financial(EvaluationContext c, string field, int year)
    {
        var f = c.Profile.FinancialsOf(year);
        var path = f is null ? "/financials" : $"/financials/{f.InputIndex}/{field}";
        var blocker = f is null ? new BlockerInfo(BlockerKind.MissingData, Detail: GapNotes.NoFinancials + year.ToString(System.Globalization.CultureInfo.InvariantCulture), HasHypothesis: false) : null;
        var isCount = field is "employees" or "rdStaff";
        var effort = field is "rdExpense" or "rdStaff" or "basicResearchExpense" ? Effort.Actionable : Effort.Performance;
        // R&D staff are among the employees; without a headcount, as for any count, the format's limit bounds the search.
        decimal? max = field == "rdStaff" && f?.Employees is { } employees ? employees : isCount ? Tidu.Domain.Exchange.Limits.MaxCount : Unbounded;
        var lever = new NumberLever(path, path, blocker is null ? effort : Effort.Blocked, isCount ? "人" : "万元", blocker,
            f is null ? null : FinancialFacts.Fields[field](f), isCount ? 1m : Cent, field == "netProfit" ? -Unbounded : 0m, max,
            (p, v) => p with { Financials = p.Financials.Select(x => x.Year == year ? SetField(x, field, v) : x).ToList() });
        // Main-business revenue is part of operating revenue: beyond it, operating revenue rises with it (and no further).
        return field == "mainBusinessRevenue" && f is not null
            ? lever with
            {
                AlsoPaths = [$"/financials/{f.InputIndex}/operatingRevenue"],
                Set = (p, v) => p with
                {
                    Financials = p.Financials.Select(x => x.Year == year
                        ? x with { MainBusinessRevenue = v, OperatingRevenue = x.OperatingRevenue is { } o && o < v ? v : x.OperatingRevenue }
                        : x).ToList(),
                },
            }
            : lever;
    }

    private static FinancialYear SetField(FinancialYear f, string field, decimal v) => field switch
    {
        "operatingRevenue" => f with { OperatingRevenue = v },
        "mainBusinessRevenue" => f with { MainBusinessRevenue = v },
        "rdExpense" => f with { RdExpense = v },
        "basicResearchExpense" => f with { BasicResearchExpense = v },
        "netProfit" => f with { NetProfit = v },
        "totalAssets" => f with { TotalAssets = v },
        "totalLiabilities" => f with { TotalLiabilities = v },
        "employees" => f with { Employees = (int)v },
        "rdStaff" => f with { RdStaff = (int)v },
        "newQualifiedEquityFinancing" => f with { NewQualifiedEquityFinancing = v },
        _ => throw new ArgumentException($"unknown financial field {field}", nameof(field)),
    };

    /// <summary>Y when it has financials, else the latest year of the window that has.</summary>
    private static int LatestYearIn(EnterpriseProfile p, int lastYear, int years)
    {
        for (var y = lastYear; y > lastYear - years; y--)
        {
            if (p.FinancialsOf(y) is not null)
            {
                return y;
            }
        }
        return lastYear;
    }

    /// <summary>Only time passes this check; the hypothesis moves the start date back by whole years to check the rest.</summary>
    private static Lever NicheMarket(EvaluationContext c, Func<DateOnly, bool>? passesOn)
    {
        if (c.Profile.NicheMarketSince is not { } since)
        {
            return new FixedBlocker("/nicheMarketSince", "/nicheMarketSince", new BlockerInfo(BlockerKind.MissingData, Detail: "nicheMarketSince", HasHypothesis: false));
        }
        DateOnly? earliest = null;
        for (var year = c.AsOf.Year + 1; passesOn is not null && year <= c.AsOf.Year + 100; year++)
        {
            var d = new DateOnly(year, 1, 1);
            if (passesOn(d))
            {
                earliest = d;
                break;
            }
        }
        return new NumberLever("/nicheMarketSince", "/nicheMarketSince", Effort.Blocked, "年", new BlockerInfo(BlockerKind.Time, earliest), 0m, 1m, 0m, 200m,
            (p, k) => p with { NicheMarketSince = since.AddYears(-(int)k) });
    }

    private static ChoiceLever Recognition(EvaluationContext c, string tier)
    {
        bool? meets = c.TierQualified.TryGetValue(tier, out var q) ? q : null;
        return new ChoiceLever("/recognitions:" + tier, "/recognitions", Effort.Blocked, null, new BlockerInfo(BlockerKind.Prerequisite, Tier: tier, PrerequisiteQualified: meets),
            [new Choice(tier, p => p with { Recognitions = [.. p.Recognitions ?? [], new Recognition(tier, c.AsOf, null, null)] })]);
    }

    private static NumberLever Honours(EvaluationContext c, FactArgs a)
    {
        var kind = a.Kinds![0];
        var counted = FactCount(c, a);
        return new NumberLever("/honors:" + string.Join(",", a.Kinds), "/honors", Effort.Blocked, "项", new BlockerInfo(BlockerKind.Honour, Detail: string.Join(", ", a.Kinds)),
            counted, 1m, 0m, counted + 10,
            (p, v) => p with { Honors = [.. p.Honors ?? [], .. Enumerable.Repeat(new Honor(kind, c.AsOf.Year, null, a.MaxRank is null ? null : 1), Math.Max(0, (int)(v - counted)))] });
    }

    private static decimal FactCount(EvaluationContext c, FactArgs a)
    {
        var v = FactCatalog.All["honorCount"].Bind(a)(c);
        return v.IsAvailable ? v.Number.ToDecimal() : 0m;
    }

    private static NumberLever Certifications(EvaluationContext c, IReadOnlyList<string>? matching)
    {
        var name = matching is { Count: > 0 } ? matching[0] : AnyCertification;
        var v = FactCatalog.All["certificationCount"].Bind(new FactArgs { Matching = matching })(c);
        var counted = v.IsAvailable ? v.Number.ToDecimal() : 0m;
        return new NumberLever("/quality/managementSystemCertifications", "/quality/managementSystemCertifications", Effort.Actionable, "项", null, counted, 1m, 0m, counted + 10,
            (p, n) => p with { Quality = (p.Quality ?? new()) with { ManagementSystemCertifications = [.. p.Quality?.ManagementSystemCertifications ?? [], .. Enumerable.Repeat(name, Math.Max(0, (int)(n - counted)))] } })
        { Absolute = false };
    }

    private static NumberLever Standards(EvaluationContext c, FactArgs a)
    {
        // The exchange format's levels and roles are closed sets; without a filter a group standard one took part in counts.
        var level = a.Levels is { Count: > 0 } l ? l[0] : "group";
        var role = a.Roles is { Count: > 0 } r ? r[0] : "participate";
        var v = FactCatalog.All["standardCount"].Bind(a)(c);
        var counted = v.IsAvailable ? v.Number.ToDecimal() : 0m;
        return new NumberLever("/standards", "/standards", Effort.Actionable, "项", null, counted, 1m, 0m, counted + 10,
            (p, n) => p with { Standards = [.. p.Standards ?? [], .. Enumerable.Repeat(new StandardEntry(level, role, c.LastYear), Math.Max(0, (int)(n - counted)))] })
        { Absolute = false };
    }

    private static NumberLever QualityScore(EvaluationContext c, int year)
    {
        var list = c.Profile.QualityEvaluations ?? [];
        var i = list.ToList().FindIndex(q => q.Year == year);
        var path = i >= 0 ? $"/qualityEvaluations/{i}/score" : "/qualityEvaluations";
        return new NumberLever("/qualityEvaluations:" + year, path, Effort.External, "分", null, i >= 0 ? list[i].Score : null, 1m, 0m, 100m,
            (p, v) =>
            {
                var now = p.QualityEvaluations ?? [];
                return p with
                {
                    QualityEvaluations = now.Any(q => q.Year == year)
                        ? now.Select(q => q.Year == year ? q with { Score = v } : q).ToList()
                        : [.. now, new QualityEvaluation(year, v)],
                };
            });
    }

    private static ChoiceLever Blocked(string fact, string path, Func<EnterpriseProfile, bool, EnterpriseProfile> set) =>
        new(path, path, Effort.Blocked, null, new BlockerInfo(BlockerKind.Compliance, Detail: fact),
            [new Choice("false", p => set(p, false)), new Choice("true", p => set(p, true))]);

    private static ChoiceLever Flag(string path, Effort effort, Func<EnterpriseProfile, bool, EnterpriseProfile> set) =>
        new(path, path, effort, null, null, [new Choice("true", p => set(p, true)), new Choice("false", p => set(p, false))]);

    private static ChoiceLever Scale(string path, string[] scale, Func<string, Effort> effort, Func<EnterpriseProfile, string, EnterpriseProfile> set) =>
        new(path, path, effort(scale[^1]), null, null, scale.Select(s => new Choice(s, p => set(p, s), effort(s))).ToList());

    private static NumberLever Share(string path, decimal? current, Func<EnterpriseProfile, decimal, EnterpriseProfile> set) =>
        new(path, path, Effort.Performance, null, null, current, ShareStep, 0m, 1m, set);

    private static NumberLever Count(string path, Effort effort, string unit, int? current, decimal min, decimal? max, Func<EnterpriseProfile, int, EnterpriseProfile> set) =>
        new(path, path, effort, unit, null, current, 1m, min, max ?? Tidu.Domain.Exchange.Limits.MaxCount, (p, v) => set(p, (int)v));

    private static NumberLever Ip(string path, int? current, Func<IntellectualProperty, int, IntellectualProperty> set) =>
        Count(path, Effort.Actionable, "项", current, 0m, Tidu.Domain.Exchange.Limits.MaxCount, (p, v) => p with { IntellectualProperty = set(p.IntellectualProperty ?? new(), v) });
}
