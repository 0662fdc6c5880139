using System.Text.Json.Nodes;

namespace Tidu.Web.Tests.Infrastructure;

/// <summary>Exchange-format (v1.1) profiles for the tests: the required members and two fiscal years.</summary>
public static class Profiles
{
    public const string Industry = "C3484";

    public static JsonObject Minimal(string creditCode, string name, string regionCode, decimal revenue = 5000m) => new()
    {
        ["creditCode"] = creditCode,
        ["name"] = name,
        ["regionCode"] = regionCode,
        ["industryCode"] = Industry,
        ["establishedOn"] = "2015-03-01",
        ["financials"] = new JsonArray(
            new JsonObject { ["year"] = 2024, ["operatingRevenue"] = revenue, ["rdExpense"] = 300m, ["employees"] = 80 },
            new JsonObject { ["year"] = 2025, ["operatingRevenue"] = revenue + 1000m, ["rdExpense"] = 350m, ["employees"] = 90 }),
    };

    /// <summary>
    /// A manufacturing firm (C3484) that meets the specialized-SME criteria of the 2022 measures and the 2026 revision on
    /// <paramref name="today"/> (checked against the shipped rule files with <c>tidu evaluate</c>): three years to Y = the
    /// year before, revenue 10000 → 12100 万元 with 90% main business and 12% R&amp;D, debt 40%, 250 staff, a main product
    /// of 80% of revenue in its niche since 2015, five applied class-I patents, a provincial R&amp;D institution, a valid
    /// innovative-SME recognition and quality scores of 80. <see cref="Minimal"/> files qualify for no tier.
    /// </summary>
    public static JsonObject Qualifying(string creditCode, string name, string regionCode, DateOnly today)
    {
        var y = today.Year - 1;
        static JsonObject Year(int year, decimal revenue) => new()
        {
            ["year"] = year,
            ["operatingRevenue"] = revenue,
            ["mainBusinessRevenue"] = revenue * 0.9m,
            ["rdExpense"] = revenue * 0.12m,
            ["netProfit"] = revenue * 0.12m,
            ["totalAssets"] = 20000m,
            ["totalLiabilities"] = 8000m,
            ["employees"] = 250,
            ["rdStaff"] = 100,
            ["newQualifiedEquityFinancing"] = 0m,
        };
        static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["creditCode"] = creditCode,
            ["name"] = name,
            ["regionCode"] = regionCode,
            ["industryCode"] = Industry,
            ["establishedOn"] = "2010-03-01",
            ["nicheMarketSince"] = "2015-01-01",
            ["mainProduct"] = new JsonObject
            {
                ["name"] = "精密减速器",
                ["strategicEmergingIndustry"] = true,
                ["chainContribution"] = "key-results",
                ["keyField"] = true,
                ["domesticMarketShare"] = 0.2m,
                ["marketPositionLeading"] = true,
                ["revenueShare"] = 0.8m,
            },
            ["financials"] = new JsonArray(Year(y - 2, 10000m), Year(y - 1, 11000m), Year(y, 12100m)),
            ["intellectualProperty"] = new JsonObject { ["classI"] = 6, ["classISelfDeveloped"] = 5, ["classIHighValue"] = 2, ["classIApplied"] = 5, ["classII"] = 3 },
            ["rdInstitution"] = "provincial",
            ["digitalLevel"] = 3,
            ["coreBusinessOnInformationSystem"] = true,
            ["quality"] = new JsonObject
            {
                ["provincialQualityAward"] = true,
                ["managementSystemCertifications"] = new JsonArray("ISO9001"),
                ["developedMarketProductCertification"] = true,
                ["ownBrand"] = true,
            },
            ["standards"] = new JsonArray(new JsonObject { ["level"] = "national", ["role"] = "lead", ["year"] = y - 1 }),
            ["honors"] = new JsonArray(new JsonObject { ["kind"] = "tech-sme", ["year"] = y, ["validUntil"] = Iso(today.AddYears(1)) }),
            ["recognitions"] = new JsonArray(new JsonObject { ["tier"] = "innovative-sme", ["recognizedOn"] = Iso(today.AddYears(-1)), ["validUntil"] = Iso(today.AddYears(2)) }),
            ["localFeatureScore"] = 15,
            ["qualityEvaluations"] = new JsonArray(new JsonObject { ["year"] = today.Year, ["score"] = 80 }, new JsonObject { ["year"] = y, ["score"] = 80 }),
        };
    }
}

/// <summary>One enterprise the fixture creates in a known region, so every scope case has a target whose region the test chose.</summary>
public sealed record KnownEnterprise(string CreditCode, string Name, string RegionCode);

/// <summary>The enterprises every fixture creates (as the system, before any test runs).</summary>
public static class KnownEnterprises
{
    /// <summary>上城区 (Hangzhou) — in sc-county's, hz-city's and zj-province's scope.</summary>
    public static KnownEnterprise Shangcheng { get; } = new(CreditCodes.For("330102", 1), "测试上城精密仪器有限公司", "330102");

    /// <summary>拱墅区 (Hangzhou) — a sibling county of 上城区.</summary>
    public static KnownEnterprise Gongshu { get; } = new(CreditCodes.For("330105", 2), "测试拱墅新材料有限公司", "330105");

    /// <summary>海曙区 (Ningbo) — Zhejiang, but another city than Hangzhou.</summary>
    public static KnownEnterprise Haishu { get; } = new(CreditCodes.For("330203", 3), "测试海曙智能装备有限公司", "330203");

    /// <summary>江岸区 (Wuhan) — another province.</summary>
    public static KnownEnterprise Jiang_an { get; } = new(CreditCodes.For("420102", 4), "测试江岸光电有限公司", "420102");

    public static IReadOnlyList<KnownEnterprise> All { get; } = [Shangcheng, Gongshu, Haishu, Jiang_an];
}
