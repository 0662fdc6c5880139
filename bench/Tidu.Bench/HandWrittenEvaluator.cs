using Tidu.Domain.Profiles;

namespace Tidu.Bench;

/// <summary>
/// The national criteria in force from 2022-08-01 to 2026-03-31 (工信部企业〔2022〕63号 and the 2011 size standard),
/// written out by hand in plain C#: the baseline a rules engine is measured against. It lives in the bench only; the
/// policy of record is rules/national/*.yaml, which this mirrors check by check (same facts, same defaults, same
/// boundaries). No explanations: outcomes and scores only.
/// <para>
/// Conventions (the fact catalogue's): Y = asOf.Year − 1; every ratio is kept as numerator and denominator of the raw
/// amounts and a/b ≥ t is decided as a ≥ t·b with b &gt; 0 (a zero or missing denominator makes the ratio not
/// available); a missing input fails its check or scores 0 unless the rule file states a default.
/// </para>
/// </summary>
public sealed class HandWrittenEvaluator
{
    private static readonly DateOnly First = new(2022, 8, 1);
    private static readonly DateOnly Last = new(2026, 3, 31);

    /// <summary>Quality-management systems that count for specialized indicator 6, normalised (upper case, no spaces, hyphens, underscores or ':year').</summary>
    private static readonly string[] QualityManagementSystems = ["ISO9001", "IATF16949", "AS9100", "ISO13485", "GJB9001", "TL9000"];

    private readonly DateOnly _asOf;
    private readonly int _y;

    public HandWrittenEvaluator(DateOnly asOf)
    {
        if (asOf < First || asOf > Last)
        {
            throw new ArgumentOutOfRangeException(nameof(asOf), "the hand-written evaluator encodes only the 2022 measures (2022-08-01 to 2026-03-31)");
        }
        _asOf = asOf;
        _y = asOf.Year - 1;
    }

    public Outcome Evaluate(EnterpriseProfile p)
    {
        ArgumentNullException.ThrowIfNull(p);
        FinancialYear? y0 = null, y1 = null, y2 = null;
        foreach (var f in p.Financials)
        {
            if (f.Year == _y)
            {
                y0 = f;
            }
            else if (f.Year == _y - 1)
            {
                y1 = f;
            }
            else if (f.Year == _y - 2)
            {
                y2 = f;
            }
        }

        var sizeClass = SizeClass(p.IndustryCode, y0);
        var basic = Basic(p, sizeClass);

        // Facts read by more than one tier.
        var revenue = y0?.OperatingRevenue;
        var rdRatioOk = Ratio(y0?.RdExpense, revenue, out var rdN, out var rdD);
        var mainShareOk = Ratio(y0?.MainBusinessRevenue, revenue, out var msN, out var msD);
        var debtOk = Ratio(y0?.TotalLiabilities, y0?.TotalAssets, out var debtN, out var debtD);
        var rdStaffOk = Ratio(y0?.RdStaff, y0?.Employees, out var rsN, out var rsD);
        var avgGrowthOk = AverageGrowth(y0?.MainBusinessRevenue, y1?.MainBusinessRevenue, y2?.MainBusinessRevenue, out var agN, out var agD);
        var nicheOk = NicheYears(p.NicheMarketSince, out var nicheYears);
        var ip = p.IntellectualProperty;
        var ipHighValue = ip?.ClassIHighValue ?? 0; // default: "0"
        var ipSelfDeveloped = ip?.ClassISelfDeveloped ?? 0;
        var ipClassI = ip?.ClassI ?? 0;
        var ipClassII = ip?.ClassII ?? 0;
        var rdInstitution = p.RdInstitution ?? "none"; // default: none
        var financing2 = Sum(y1?.NewQualifiedEquityFinancing, y0?.NewQualifiedEquityFinancing, out var financing2Ok);
        var mainProductShare = p.MainProduct?.RevenueShare;
        var mainProductOk = mainProductShare > 0.5m;
        var chain = p.MainProduct?.ChainContribution;
        var ownBrand = p.Quality?.OwnBrand;

        var innovative = Innovative(p, basic, y0, y1, y2, rdRatioOk, rdN, rdD, mainShareOk, msN, msD, debtOk, debtN, debtD, ipHighValue, ipSelfDeveloped, ipClassI, ipClassII, rdInstitution);
        var specialized = Specialized(p, basic, y0, y1, revenue, rdRatioOk, rdN, rdD, mainShareOk, msN, msD, debtOk, debtN, debtD, rdStaffOk, rsN, rsD,
            avgGrowthOk, agN, agD, nicheOk, nicheYears, ipHighValue, ipSelfDeveloped, ipClassI, ipClassII, rdInstitution, financing2, financing2Ok,
            mainProductOk, chain, ownBrand);

        // 小巨人 (附件3): holds a valid 专精特新 recognition, basic conditions, main product, and all six groups.
        var holdsSpecialized = false;
        foreach (var r in p.Recognitions ?? [])
        {
            if (r.Tier == "specialized-sme" && r.IsValidOn(_asOf))
            {
                holdsSpecialized = true;
                break;
            }
        }
        var littleGiant = holdsSpecialized && basic && mainProductOk
            && LittleGiantSpecialisation(nicheOk, nicheYears, mainShareOk, msN, msD, avgGrowthOk, agN, agD)
            && LittleGiantRefinement(p, debtOk, debtN, debtD)
            && p.MainProduct?.DomesticMarketShare >= 0.10m && ownBrand == true
            && LittleGiantInnovation(p, y0, y1, revenue, rdRatioOk, rdN, rdD, rdStaffOk, rsN, rsD, financing2, financing2Ok, rdInstitution)
            && chain == "key-results"
            && p.MainProduct?.KeyField == true;

        return new Outcome(sizeClass, innovative, specialized, new TierOutcome(littleGiant, null));
    }

    /// <summary>中小企业划型 (工信部联企业〔2011〕300号 第四条): "X以下" strict, "X及以上" inclusive; any missing input of the group → null.</summary>
    private static string? SizeClass(string industryCode, FinancialYear? y0)
    {
        var e = (decimal?)y0?.Employees;
        var r = y0?.OperatingRevenue;
        var a = y0?.TotalAssets;
        bool sme, medium, small;
        switch (IndustryGroups.Find(industryCode))
        {
            case "agriculture":
                if (r is not { } ra) { return null; }
                (sme, medium, small) = (ra < 20000m, ra >= 500m, ra >= 50m);
                break;
            case "industry":
                if (e is not { } ei || r is not { } ri) { return null; }
                (sme, medium, small) = (ei < 1000m || ri < 40000m, ei >= 300m && ri >= 2000m, ei >= 20m && ri >= 300m);
                break;
            case "construction":
                if (r is not { } rc || a is not { } ac) { return null; }
                (sme, medium, small) = (rc < 80000m || ac < 80000m, rc >= 6000m && ac >= 5000m, rc >= 300m && ac >= 300m);
                break;
            case "wholesale":
                if (e is not { } ew || r is not { } rw) { return null; }
                (sme, medium, small) = (ew < 200m || rw < 40000m, ew >= 20m && rw >= 5000m, ew >= 5m && rw >= 1000m);
                break;
            case "retail":
                if (e is not { } er || r is not { } rr) { return null; }
                (sme, medium, small) = (er < 300m || rr < 20000m, er >= 50m && rr >= 500m, er >= 10m && rr >= 100m);
                break;
            case "transport":
                if (e is not { } et || r is not { } rt) { return null; }
                (sme, medium, small) = (et < 1000m || rt < 30000m, et >= 300m && rt >= 3000m, et >= 20m && rt >= 200m);
                break;
            case "warehousing":
                if (e is not { } eh || r is not { } rh) { return null; }
                (sme, medium, small) = (eh < 200m || rh < 30000m, eh >= 100m && rh >= 1000m, eh >= 20m && rh >= 100m);
                break;
            case "postal":
                if (e is not { } ep || r is not { } rp) { return null; }
                (sme, medium, small) = (ep < 1000m || rp < 30000m, ep >= 300m && rp >= 2000m, ep >= 20m && rp >= 100m);
                break;
            case "accommodation":
            case "catering":
                if (e is not { } eo || r is not { } ro) { return null; }
                (sme, medium, small) = (eo < 300m || ro < 10000m, eo >= 100m && ro >= 2000m, eo >= 10m && ro >= 100m);
                break;
            case "information-transmission":
                if (e is not { } en || r is not { } rn) { return null; }
                (sme, medium, small) = (en < 2000m || rn < 100000m, en >= 100m && rn >= 1000m, en >= 10m && rn >= 100m);
                break;
            case "software":
                if (e is not { } es || r is not { } rs) { return null; }
                (sme, medium, small) = (es < 300m || rs < 10000m, es >= 100m && rs >= 1000m, es >= 10m && rs >= 50m);
                break;
            case "real-estate-development":
                if (r is not { } rd || a is not { } ad) { return null; }
                (sme, medium, small) = (rd < 200000m || ad < 10000m, rd >= 1000m && ad >= 5000m, rd >= 100m && ad >= 2000m);
                break;
            case "property-management":
                if (e is not { } em || r is not { } rm) { return null; }
                (sme, medium, small) = (em < 1000m || rm < 5000m, em >= 300m && rm >= 1000m, em >= 100m && rm >= 500m);
                break;
            case "leasing-business-services":
                if (e is not { } el || a is not { } al) { return null; }
                (sme, medium, small) = (el < 300m || al < 120000m, el >= 100m && al >= 8000m, el >= 10m && al >= 100m);
                break;
            case IndustryGroups.Other:
                if (e is not { } ex) { return null; }
                (sme, medium, small) = (ex < 300m, ex >= 100m, ex >= 10m);
                break;
            default:
                return null; // industry code too coarse to pick a group
        }
        return !sme ? "large" : medium ? "medium" : small ? "small" : "micro";
    }

    /// <summary>基本条件 (63号 附件1 一), with the defaults the rule file states for absent inputs.</summary>
    private static bool Basic(EnterpriseProfile p, string? sizeClass) =>
        (p.RegisteredInMainland ?? true)
        && (p.IndependentLegalPerson ?? true)
        && sizeClass is "medium" or "small" or "micro"
        && !(p.Compliance?.AbnormalOperationList ?? false)
        && !(p.Compliance?.SeriousDishonestyList ?? false)
        && !(p.MainProduct?.RestrictedCategory ?? false)
        && !(p.Compliance?.MajorIncidentWithin3Years ?? false)
        && !(p.Compliance?.ViolationWithin3Years ?? false);

    /// <summary>创新型中小企业 (63号 附件1): basic conditions and (a direct condition or the score).</summary>
    private TierOutcome Innovative(EnterpriseProfile p, bool basic, FinancialYear? y0, FinancialYear? y1, FinancialYear? y2,
        bool rdRatioOk, decimal rdN, decimal rdD, bool mainShareOk, decimal msN, decimal msD, bool debtOk, decimal debtN, decimal debtD,
        int ipHighValue, int ipSelfDeveloped, int ipClassI, int ipClassII, string rdInstitution)
    {
        // 1 IP (innovation, 20)
        var ipPoints = ipHighValue >= 1 ? 20m : ipSelfDeveloped >= 1 ? 15m : ipClassI >= 1 ? 10m : ipClassII >= 1 ? 5m : 0m;
        // 2 R&D / revenue (innovation, 20)
        var rdPoints = !rdRatioOk ? 0m
            : AtLeast(rdN, rdD, 0.05m) ? 20m
            : AtLeast(rdN, rdD, 0.03m) ? 15m
            : AtLeast(rdN, rdD, 0.02m) ? 10m
            : AtLeast(rdN, rdD, 0.01m) ? 5m
            : 0m;
        // 3 main-business growth of Y (growth, 20)
        var growthPoints = !Growth(y0?.MainBusinessRevenue, y1?.MainBusinessRevenue, out var gN, out var gD) ? 0m
            : AtLeast(gN, gD, 0.15m) ? 20m
            : AtLeast(gN, gD, 0.10m) ? 15m
            : AtLeast(gN, gD, 0.05m) ? 10m
            : AtLeast(gN, gD, 0m) ? 5m
            : 0m;
        // 4 debt ratio (growth, 10): exactly 55% → 5, exactly 75% → 0
        var debtPoints = !debtOk ? 0m
            : AtLeast(debtN, debtD, 0.75m) ? 0m
            : AtLeast(debtN, debtD, 0.55m) ? 5m
            : 10m;
        // 5 field (specialisation, 10): missing → 0, not 5
        var fieldPoints = p.MainProduct?.StrategicEmergingIndustry switch
        {
            true => 10m,
            false => 5m,
            null => 0m,
        };
        // 6 main-business share (specialisation, 20)
        var sharePoints = !mainShareOk ? 0m
            : AtLeast(msN, msD, 0.70m) ? 20m
            : AtLeast(msN, msD, 0.60m) ? 15m
            : AtLeast(msN, msD, 0.55m) ? 10m
            : AtLeast(msN, msD, 0.50m) ? 5m
            : 0m;
        var innovation = ipPoints + rdPoints;
        var growth = growthPoints + debtPoints;
        var specialisation = fieldPoints + sharePoints;
        var score = innovation + growth + specialisation;

        var financing3 = Sum(y2?.NewQualifiedEquityFinancing, y1?.NewQualifiedEquityFinancing, y0?.NewQualifiedEquityFinancing, out var financing3Ok);
        var direct = HonorCount(p, ["national-st-award", "provincial-st-award"], withinYears: 3, maxRank: null) >= 1 // D1
            || HonorCount(p, ["high-tech-enterprise", "national-tech-innovation-demo", "ip-advantage", "ip-demonstration"], withinYears: null, maxRank: null) >= 1 // D2
            || rdInstitution is "provincial" or "national" // D3
            || (financing3Ok && financing3 >= 500m); // D4: Y−2..Y
        var scored = score >= 60m && innovation >= 20m && growth >= 15m && specialisation >= 15m;
        return new TierOutcome(basic && (direct || scored), score);
    }

    /// <summary>专精特新中小企业 (63号 附件2): basic conditions, main product, C1–C4; the 100-point score.</summary>
    private TierOutcome Specialized(EnterpriseProfile p, bool basic, FinancialYear? y0, FinancialYear? y1, decimal? revenue,
        bool rdRatioOk, decimal rdN, decimal rdD, bool mainShareOk, decimal msN, decimal msD, bool debtOk, decimal debtN, decimal debtD,
        bool rdStaffOk, decimal rsN, decimal rsD, bool avgGrowthOk, decimal agN, decimal agD, bool nicheOk, int nicheYears,
        int ipHighValue, int ipSelfDeveloped, int ipClassI, int ipClassII, string rdInstitution, decimal financing2, bool financing2Ok,
        bool mainProductOk, string? chain, bool? ownBrand)
    {
        // 1 main-business share (5)
        var score = !mainShareOk ? 0m
            : AtLeast(msN, msD, 0.80m) ? 5m
            : AtLeast(msN, msD, 0.70m) ? 3m
            : AtLeast(msN, msD, 0.60m) ? 1m
            : 0m;
        // 2 average main-business growth over 2 years (10): needs Y−2, Y−1 and Y
        score += !avgGrowthOk ? 0m
            : AtLeast(agN, agD, 0.10m) ? 10m
            : AtLeast(agN, agD, 0.08m) ? 8m
            : AtLeast(agN, agD, 0.06m) ? 6m
            : AtLeast(agN, agD, 0.04m) ? 4m
            : AtLeast(agN, agD, 0m) ? 2m
            : 0m;
        // 3 niche years (5): 1 point per full 2 years
        score += nicheOk ? Math.Min(5m, Math.Max(0, nicheYears / 2)) : 0m;
        // 4 field (5)
        score += chain switch
        {
            "key-results" => 5m,
            "basics" => 3m,
            _ => 0m,
        };
        // 5 digital level (5)
        score += p.DigitalLevel switch
        {
            >= 3 => 5m,
            2 => 3m,
            _ => 0m,
        };
        // 6 quality (5): 3 per item, at most 5
        var items = 0;
        var quality = p.Quality;
        if (quality?.ProvincialQualityAward == true)
        {
            items++;
        }
        if (quality?.ManagementSystemCertifications is { } certs && CountQualitySystems(certs) >= 1)
        {
            items++;
        }
        if (ownBrand == true)
        {
            items++;
        }
        if (p.Standards is { Count: >= 1 })
        {
            items++;
        }
        score += Math.Min(5m, items * 3m);
        // 7 net margin (10)
        score += !Ratio(y0?.NetProfit, revenue, out var nmN, out var nmD) ? 0m
            : AtLeast(nmN, nmD, 0.10m) ? 10m
            : AtLeast(nmN, nmD, 0.08m) ? 8m
            : AtLeast(nmN, nmD, 0.06m) ? 6m
            : AtLeast(nmN, nmD, 0.04m) ? 4m
            : AtLeast(nmN, nmD, 0.02m) ? 2m
            : 0m;
        // 8 debt ratio (5): 50% → 3, 60% → 1, 70% → 0
        score += !debtOk ? 0m
            : AtLeast(debtN, debtD, 0.70m) ? 0m
            : AtLeast(debtN, debtD, 0.60m) ? 1m
            : AtLeast(debtN, debtD, 0.50m) ? 3m
            : 5m;
        // 9 local features (15): the province's points as given (default 0), clamped to [0, 15]
        score += Math.Clamp(p.LocalFeatureScore ?? 0m, 0m, 15m);
        // 10 IP (10)
        score += ipHighValue >= 1 ? 10m : ipSelfDeveloped >= 1 ? 8m : ipClassI >= 1 ? 6m : ipClassII >= 1 ? 2m : 0m;
        // 11 R&D input (10): the better of amount and ratio
        var rdExpense = y0?.RdExpense;
        var byAmount = rdExpense is not { } amount ? 0m
            : amount >= 500m ? 10m
            : amount >= 400m ? 8m
            : amount >= 300m ? 6m
            : amount >= 200m ? 4m
            : amount >= 100m ? 2m
            : 0m;
        var byRatio = !rdRatioOk ? 0m
            : AtLeast(rdN, rdD, 0.10m) ? 10m
            : AtLeast(rdN, rdD, 0.08m) ? 8m
            : AtLeast(rdN, rdD, 0.06m) ? 6m
            : AtLeast(rdN, rdD, 0.04m) ? 4m
            : AtLeast(rdN, rdD, 0.03m) ? 2m
            : 0m;
        score += Math.Max(byAmount, byRatio);
        // 12 R&D staff share (5)
        score += !rdStaffOk ? 0m
            : AtLeast(rsN, rsD, 0.20m) ? 5m
            : AtLeast(rsN, rsD, 0.10m) ? 3m
            : AtLeast(rsN, rsD, 0.05m) ? 1m
            : 0m;
        // 13 R&D institution (10)
        score += rdInstitution switch
        {
            "national" => 10m,
            "provincial" => 8m,
            "city" => 4m,
            "below-city" => 2m,
            _ => 0m,
        };

        var c1 = nicheOk && nicheYears >= 2;
        var c2 = rdExpense >= 100m && rdRatioOk && AtLeast(rdN, rdD, 0.03m);
        var c3 = revenue >= 1000m || (revenue < 1000m && financing2Ok && financing2 >= 2000m);
        var c4 = score >= 60m
            || HonorCount(p, ["provincial-st-award"], withinYears: 3, maxRank: 3) >= 1
            || HonorCount(p, ["national-st-award"], withinYears: 3, maxRank: 5) >= 1
            || (y1?.RdExpense is { } rd1 && rdExpense is { } rd0 && rd1 + rd0 >= 1000m * 2) // average of Y−1 and Y ≥ 1000, both years needed
            || (financing2Ok && financing2 >= 6000m)
            || HonorCount(p, ["chuangke-top500", "chuangke-top50"], withinYears: 3, maxRank: null) >= 1;
        return new TierOutcome(basic && mainProductOk && c1 && c2 && c3 && c4, score);
    }

    private static bool LittleGiantSpecialisation(bool nicheOk, int nicheYears, bool mainShareOk, decimal msN, decimal msD, bool avgGrowthOk, decimal agN, decimal agD) =>
        nicheOk && nicheYears >= 3
        && mainShareOk && AtLeast(msN, msD, 0.70m)
        && avgGrowthOk && AtLeast(agN, agD, 0.05m);

    private static bool LittleGiantRefinement(EnterpriseProfile p, bool debtOk, decimal debtN, decimal debtD) =>
        p.CoreBusinessOnInformationSystem == true
        && (p.Quality?.ManagementSystemCertifications is { Count: >= 1 } || p.Quality?.DevelopedMarketProductCertification == true)
        && debtOk && debtN <= 0.70m * debtD;

    private bool LittleGiantInnovation(EnterpriseProfile p, FinancialYear? y0, FinancialYear? y1, decimal? revenue,
        bool rdRatioOk, decimal rdN, decimal rdD, bool rdStaffOk, decimal rsN, decimal rsD, decimal financing2, bool financing2Ok, string rdInstitution)
    {
        var rdPrevOk = Ratio(y1?.RdExpense, y1?.OperatingRevenue, out var rdN1, out var rdD1);
        var rdSum2 = Sum(y1?.RdExpense, y0?.RdExpense, out var rdSum2Ok);
        var rd = (revenue >= 10000m && rdRatioOk && AtLeast(rdN, rdD, 0.03m) && rdPrevOk && AtLeast(rdN1, rdD1, 0.03m))
            || (revenue >= 5000m && revenue < 10000m && rdRatioOk && AtLeast(rdN, rdD, 0.06m) && rdPrevOk && AtLeast(rdN1, rdD1, 0.06m))
            || (revenue < 5000m && financing2Ok && financing2 >= 8000m && rdSum2Ok && rdSum2 >= 3000m && rdStaffOk && AtLeast(rsN, rsD, 0.50m));
        var general = rd
            && rdInstitution is "below-city" or "city" or "provincial" or "national"
            && (p.IntellectualProperty?.ClassIApplied ?? 0) >= 2;
        return general
            || HonorCount(p, ["national-st-award"], withinYears: 3, maxRank: 3) >= 1
            || HonorCount(p, ["chuangke-top50"], withinYears: 3, maxRank: null) >= 1;
    }

    /// <summary>Honours of the given kinds valid on D and not obtained after D; within the last <paramref name="withinYears"/> years (year ≥ D.year − n) and ranked at most <paramref name="maxRank"/> when given.</summary>
    private int HonorCount(EnterpriseProfile p, ReadOnlySpan<string> kinds, int? withinYears, int? maxRank)
    {
        var n = 0;
        foreach (var h in p.Honors ?? [])
        {
            if (!kinds.Contains(h.Kind) || h.ValidUntil < _asOf || h.Year > _asOf.Year)
            {
                continue;
            }
            if (withinYears is { } w && !(h.Year >= _asOf.Year - w))
            {
                continue;
            }
            if (maxRank is { } r && !(h.Rank <= r))
            {
                continue;
            }
            n++;
        }
        return n;
    }

    private static int CountQualitySystems(IReadOnlyList<string> certifications)
    {
        var n = 0;
        foreach (var c in certifications)
        {
            foreach (var wanted in QualityManagementSystems)
            {
                if (NormalizesTo(c, wanted))
                {
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    /// <summary>Whether <paramref name="certification"/> upper-cased, without white space, '-', '_' and anything from ':' on, equals <paramref name="wanted"/>.</summary>
    private static bool NormalizesTo(string certification, string wanted)
    {
        var j = 0;
        foreach (var ch in certification)
        {
            if (ch == ':')
            {
                break;
            }
            if (char.IsWhiteSpace(ch) || ch == '-' || ch == '_')
            {
                continue;
            }
            if (j == wanted.Length || char.ToUpperInvariant(ch) != wanted[j])
            {
                return false;
            }
            j++;
        }
        return j == wanted.Length;
    }

    /// <summary>Full years from <paramref name="since"/> to January 1 of Y+1 (anniversary counting); missing → not available.</summary>
    private bool NicheYears(DateOnly? since, out int years)
    {
        years = 0;
        if (since is not { } s)
        {
            return false;
        }
        var end = new DateOnly(_y + 1, 1, 1);
        if (s >= end)
        {
            return true;
        }
        years = end.Year - s.Year;
        if (s.AddYears(years) > end)
        {
            years--;
        }
        return true;
    }

    /// <summary>numerator / denominator of raw amounts; not available when either is missing or the denominator is not positive.</summary>
    private static bool Ratio(decimal? numerator, decimal? denominator, out decimal n, out decimal d)
    {
        n = numerator ?? 0m;
        d = denominator ?? 0m;
        return numerator is not null && denominator > 0m;
    }

    /// <summary>growth = now / before − 1 = (now − before) / before; not available when either is missing or before ≤ 0.</summary>
    private static bool Growth(decimal? now, decimal? before, out decimal n, out decimal d)
    {
        n = d = 0m;
        if (now is not { } a || before is not { } b || b <= 0m)
        {
            return false;
        }
        n = a - b;
        d = b;
        return true;
    }

    /// <summary>Mean of growth(Y) and growth(Y−1) as one fraction: ((y0−y1)·y2 + (y1−y2)·y1) / (2·y1·y2).</summary>
    private static bool AverageGrowth(decimal? m0, decimal? m1, decimal? m2, out decimal n, out decimal d)
    {
        n = d = 0m;
        if (!Growth(m0, m1, out var n0, out var d0) || !Growth(m1, m2, out var n1, out var d1))
        {
            return false;
        }
        n = (n0 * d1) + (n1 * d0);
        d = 2m * d0 * d1;
        return true;
    }

    /// <summary>Sum of the years present; none present → not available.</summary>
    private static decimal Sum(decimal? a, decimal? b, out bool available)
    {
        available = a is not null || b is not null;
        return (a ?? 0m) + (b ?? 0m);
    }

    private static decimal Sum(decimal? a, decimal? b, decimal? c, out bool available)
    {
        available = a is not null || b is not null || c is not null;
        return (a ?? 0m) + (b ?? 0m) + (c ?? 0m);
    }

    /// <summary>n / d ≥ t with d &gt; 0, decided exactly as n ≥ t·d.</summary>
    private static bool AtLeast(decimal n, decimal d, decimal t) => n >= t * d;
}
