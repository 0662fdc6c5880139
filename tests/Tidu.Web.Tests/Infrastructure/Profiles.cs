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
