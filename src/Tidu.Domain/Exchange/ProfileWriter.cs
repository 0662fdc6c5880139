using System.Text.Encodings.Web;
using System.Text.Json;
using Tidu.Domain.Profiles;

namespace Tidu.Domain.Exchange;

/// <summary>Writes a profile in exchange format v1.1 (absent values are left out, never written as zero).</summary>
public static class ProfileWriter
{
    public static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(Utf8JsonWriter w, EnterpriseProfile p)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(p);
        w.WriteStartObject();
        w.WriteString("creditCode", p.CreditCode);
        w.WriteString("name", p.Name);
        w.WriteString("regionCode", p.RegionCode);
        w.WriteString("industryCode", p.IndustryCode);
        Bool(w, "registeredInMainland", p.RegisteredInMainland);
        Bool(w, "independentLegalPerson", p.IndependentLegalPerson);
        Date(w, "establishedOn", p.EstablishedOn);
        Date(w, "nicheMarketSince", p.NicheMarketSince);
        Str(w, "listing", p.Listing);
        Str(w, "listingPlan", p.ListingPlan);
        if (p.MainProduct is { } m)
        {
            w.WriteStartObject("mainProduct");
            Str(w, "name", m.Name);
            Bool(w, "strategicEmergingIndustry", m.StrategicEmergingIndustry);
            Str(w, "chainContribution", m.ChainContribution);
            Bool(w, "keyField", m.KeyField);
            Num(w, "domesticMarketShare", m.DomesticMarketShare);
            Num(w, "globalMarketRank", m.GlobalMarketRank);
            Num(w, "salesShareOfMainBusiness", m.SalesShareOfMainBusiness);
            Num(w, "yearsInField", m.YearsInField);
            Num(w, "internationalMarketShare", m.InternationalMarketShare);
            Num(w, "domesticMarketRank", m.DomesticMarketRank);
            Bool(w, "marketPositionLeading", m.MarketPositionLeading);
            Bool(w, "restrictedCategory", m.RestrictedCategory);
            Num(w, "revenueShare", m.RevenueShare);
            Num(w, "productCount", m.ProductCount);
            Str(w, "industryDirection", m.IndustryDirection);
            w.WriteEndObject();
        }
        w.WriteStartArray("financials");
        foreach (var f in p.Financials)
        {
            w.WriteStartObject();
            w.WriteNumber("year", f.Year);
            Num(w, "operatingRevenue", f.OperatingRevenue);
            Num(w, "mainBusinessRevenue", f.MainBusinessRevenue);
            Num(w, "rdExpense", f.RdExpense);
            Num(w, "basicResearchExpense", f.BasicResearchExpense);
            Num(w, "netProfit", f.NetProfit);
            Num(w, "totalAssets", f.TotalAssets);
            Num(w, "totalLiabilities", f.TotalLiabilities);
            Num(w, "employees", f.Employees);
            Num(w, "rdStaff", f.RdStaff);
            Num(w, "newQualifiedEquityFinancing", f.NewQualifiedEquityFinancing);
            Num(w, "mainProductRevenue", f.MainProductRevenue);
            Num(w, "newProductOutputValue", f.NewProductOutputValue);
            Num(w, "industrialOutputValue", f.IndustrialOutputValue);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (p.IntellectualProperty is { } ip)
        {
            w.WriteStartObject("intellectualProperty");
            Num(w, "classI", ip.ClassI);
            Num(w, "classISelfDeveloped", ip.ClassISelfDeveloped);
            Num(w, "classIHighValue", ip.ClassIHighValue);
            Num(w, "classIApplied", ip.ClassIApplied);
            Num(w, "classII", ip.ClassII);
            Num(w, "inventionPatents", ip.InventionPatents);
            w.WriteEndObject();
        }
        Str(w, "rdInstitution", p.RdInstitution);
        Num(w, "digitalLevel", p.DigitalLevel);
        Bool(w, "coreBusinessOnInformationSystem", p.CoreBusinessOnInformationSystem);
        if (p.Quality is { } q)
        {
            w.WriteStartObject("quality");
            Bool(w, "provincialQualityAward", q.ProvincialQualityAward);
            if (q.ManagementSystemCertifications is { } certs)
            {
                w.WriteStartArray("managementSystemCertifications");
                foreach (var cert in certs)
                {
                    w.WriteStringValue(cert);
                }
                w.WriteEndArray();
            }
            Bool(w, "developedMarketProductCertification", q.DevelopedMarketProductCertification);
            Bool(w, "ownBrand", q.OwnBrand);
            w.WriteEndObject();
        }
        List(w, "standards", p.Standards, s => { w.WriteString("level", s.Level); w.WriteString("role", s.Role); Num(w, "year", s.Year); });
        List(w, "honors", p.Honors, h => { w.WriteString("kind", h.Kind); Num(w, "year", h.Year); Date(w, "validUntil", h.ValidUntil); Num(w, "rank", h.Rank); });
        List(w, "recognitions", p.Recognitions, r => { w.WriteString("tier", r.Tier); Date(w, "recognizedOn", r.RecognizedOn); Date(w, "validUntil", r.ValidUntil); Str(w, "issuer", r.Issuer); });
        Num(w, "localFeatureScore", p.LocalFeatureScore);
        if (p.Compliance is { } c)
        {
            w.WriteStartObject("compliance");
            Bool(w, "abnormalOperationList", c.AbnormalOperationList);
            Bool(w, "seriousDishonestyList", c.SeriousDishonestyList);
            Bool(w, "majorIncidentWithin3Years", c.MajorIncidentWithin3Years);
            Bool(w, "violationWithin3Years", c.ViolationWithin3Years);
            Bool(w, "wageArrears", c.WageArrears);
            Bool(w, "jointPunishment", c.JointPunishment);
            w.WriteEndObject();
        }
        List(w, "qualityEvaluations", p.QualityEvaluations, e => { w.WriteNumber("year", e.Year); w.WriteNumber("score", e.Score); });
        if (p.VerifiedCriteria is { } verified)
        {
            w.WriteStartArray("verifiedCriteria");
            foreach (var id in verified)
            {
                w.WriteStringValue(id);
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void List<T>(Utf8JsonWriter w, string name, IReadOnlyList<T>? items, Action<T> body)
    {
        if (items is null)
        {
            return;
        }
        w.WriteStartArray(name);
        foreach (var item in items)
        {
            w.WriteStartObject();
            body(item);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void Str(Utf8JsonWriter w, string name, string? v)
    {
        if (v is not null)
        {
            w.WriteString(name, v);
        }
    }

    private static void Bool(Utf8JsonWriter w, string name, bool? v)
    {
        if (v is { } b)
        {
            w.WriteBoolean(name, b);
        }
    }

    private static void Num(Utf8JsonWriter w, string name, decimal? v)
    {
        if (v is { } d)
        {
            w.WriteNumber(name, d);
        }
    }

    private static void Num(Utf8JsonWriter w, string name, int? v)
    {
        if (v is { } i)
        {
            w.WriteNumber(name, i);
        }
    }

    private static void Date(Utf8JsonWriter w, string name, DateOnly? v)
    {
        if (v is { } d)
        {
            w.WriteString(name, d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
