using System.Text.Json.Nodes;

namespace Tidu.Cli.Tests.Registry;

/// <summary>
/// A 西湖区 (330106) manufacturer that is a Zhejiang hidden champion on 30 June 2025 (2016 version, 浙经信企创〔2016〕234号)
/// only through the figures exchange format v1.1 added. It is in the pool (an SME: 250 staff, revenue 12000 万元 ≤ 30000;
/// every qualitative pool criterion verified; its own brand) and meets two of the four confirmation indicators:
/// 1 (market verified, main product 80% of sales ≥ 70%) and 4, the innovation indicator — over 2022–2024,
/// R&amp;D / main-product sales = (300 + 350 + 400) / (9000 + 10000 + 11000) = 3.5% ≥ 3% and new-product output value /
/// gross industrial output = (4000 + 4500.5 + 4999.5) / (10000 + 11000 + 12750) = 40% ≥ 40%. It meets neither 2 (no
/// certification, no verified standard) nor 3 (no standard drafted): without the v1.1 figures it is not a hidden champion.
/// 2021 gives the main-product sales only; its other two figures are not available.
/// </summary>
internal static class HiddenChampionCandidate
{
    public const string Tier = "hidden-champion";
    public const string CreditCode = "91330106MA2CFXY1X9";

    public static readonly DateOnly AsOf = new(2025, 6, 30);

    public sealed record Figures(int Year, decimal Rd, decimal? MainProduct, decimal? NewProduct, decimal? Industrial);

    public static readonly Figures[] Years =
    [
        new(2021, 250m, 8000.25m, null, null),
        new(2022, 300m, 9000m, 4000m, 10000m),
        new(2023, 350m, 10000m, 4500.5m, 11000m),
        new(2024, 400m, 11000m, 4999.5m, 12750m),
    ];

    public static string Json(IEnumerable<Figures> years) => new JsonObject
    {
        ["creditCode"] = CreditCode,
        ["name"] = "隐形冠军候选有限公司",
        ["regionCode"] = "330106",
        ["industryCode"] = "C3484",
        ["establishedOn"] = "2010-03-01",
        ["mainProduct"] = new JsonObject { ["name"] = "微型轴承", ["revenueShare"] = 0.8m },
        ["financials"] = new JsonArray([.. years.Select(y =>
        {
            var o = new JsonObject
            {
                ["year"] = y.Year, ["operatingRevenue"] = 12000m, ["mainBusinessRevenue"] = 11000m, ["rdExpense"] = y.Rd, ["netProfit"] = 900m,
                ["totalAssets"] = 20000m, ["totalLiabilities"] = 8000m, ["employees"] = 250, ["rdStaff"] = 40,
            };
            Put(o, "mainProductRevenue", y.MainProduct);
            Put(o, "newProductOutputValue", y.NewProduct);
            Put(o, "industrialOutputValue", y.Industrial);
            return (JsonNode)o;
        })]),
        ["quality"] = new JsonObject { ["ownBrand"] = true },
        ["verifiedCriteria"] = new JsonArray("hidden-champion.pool.growth-field", "hidden-champion.pool.focus", "hidden-champion.pool.quality",
            "hidden-champion.pool.distinctive", "hidden-champion.pool.innovation", "hidden-champion.focus.market"),
    }.ToJsonString();

    private static void Put(JsonObject o, string key, decimal? value)
    {
        if (value is { } v)
        {
            o[key] = v;
        }
    }
}
