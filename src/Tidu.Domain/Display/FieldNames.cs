using System.Collections.Frozen;
using System.Globalization;

namespace Tidu.Domain.Display;

/// <summary>
/// Chinese names of the exchange format's fields, and of JSON Pointers into a profile: <c>/financials/2/rdExpense</c>
/// reads "2025年 研发费用" when the caller knows which year the third entry holds, otherwise "财务数据第3年 研发费用".
/// The pointers stay in files and JSON (machine-readable); pages, the CLI's tables and notices show these names.
/// </summary>
public static class FieldNames
{
    private static readonly FrozenDictionary<string, string> Financial = Map(
        ("year", "年度"),
        ("operatingRevenue", "营业收入"),
        ("mainBusinessRevenue", "主营业务收入"),
        ("rdExpense", "研发费用"),
        ("basicResearchExpense", "基础研究投入"),
        ("netProfit", "净利润"),
        ("totalAssets", "资产总额"),
        ("totalLiabilities", "负债总额"),
        ("employees", "从业人员数"),
        ("rdStaff", "研发人员数"),
        ("newQualifiedEquityFinancing", "新增股权融资（合格机构投资者实缴额）"),
        ("mainProductRevenue", "主要产品销售收入"),
        ("newProductOutputValue", "新产品产值"),
        ("industrialOutputValue", "工业总产值"));

    private static readonly FrozenDictionary<string, string> Paths = Map(
        ("/creditCode", "统一社会信用代码"),
        ("/name", "企业名称"),
        ("/regionCode", "所属行政区划"),
        ("/industryCode", "行业代码"),
        ("/registeredInMainland", "在境内工商注册登记"),
        ("/independentLegalPerson", "具有独立法人资格"),
        ("/establishedOn", "成立日期"),
        ("/nicheMarketSince", "从事特定细分市场起始日期"),
        ("/listing", "上市情况"),
        ("/listingPlan", "上市计划"),
        ("/mainProduct", "主导产品"),
        ("/mainProduct/name", "主导产品名称"),
        ("/mainProduct/strategicEmergingIndustry", "主导产品属于战略性新兴产业"),
        ("/mainProduct/chainContribution", "主导产品在产业链中的作用"),
        ("/mainProduct/keyField", "主导产品属于重点领域"),
        ("/mainProduct/domesticMarketShare", "主导产品国内细分市场占有率"),
        ("/mainProduct/globalMarketRank", "主导产品全球市场排名"),
        ("/mainProduct/salesShareOfMainBusiness", "主导产品销售收入占主营业务收入比重"),
        ("/mainProduct/yearsInField", "主导产品从事该领域年限"),
        ("/mainProduct/internationalMarketShare", "主导产品国际细分市场占有率"),
        ("/mainProduct/domesticMarketRank", "主导产品国内细分市场排名"),
        ("/mainProduct/marketPositionLeading", "主导产品市场地位较为靠前（经核实）"),
        ("/mainProduct/restrictedCategory", "产品属于国家禁止、限制或淘汰类"),
        ("/mainProduct/revenueShare", "主导产品收入占营业收入比重"),
        ("/financials", "财务数据"),
        ("/intellectualProperty", "知识产权"),
        ("/intellectualProperty/classI", "Ⅰ类知识产权数量"),
        ("/intellectualProperty/classISelfDeveloped", "自主研发Ⅰ类知识产权数量"),
        ("/intellectualProperty/classIHighValue", "高价值Ⅰ类知识产权数量"),
        ("/intellectualProperty/classIApplied", "已实际应用的Ⅰ类知识产权数量"),
        ("/intellectualProperty/classII", "Ⅱ类知识产权数量"),
        ("/intellectualProperty/inventionPatents", "发明专利数量"),
        ("/rdInstitution", "研发机构级别"),
        ("/digitalLevel", "数字化水平等级"),
        ("/coreBusinessOnInformationSystem", "核心业务采用信息系统支撑"),
        ("/quality", "质量与品牌"),
        ("/quality/provincialQualityAward", "获得省级以上政府质量奖"),
        ("/quality/managementSystemCertifications", "管理体系认证"),
        ("/quality/developedMarketProductCertification", "获得发达国家或地区产品认证"),
        ("/quality/ownBrand", "拥有自主品牌"),
        ("/standards", "主导或参与制定的标准"),
        ("/honors", "荣誉资质"),
        ("/recognitions", "已获梯度认定"),
        ("/localFeatureScore", "地方特色化指标得分"),
        ("/compliance", "合规情况"),
        ("/compliance/abnormalOperationList", "列入经营异常名录"),
        ("/compliance/seriousDishonestyList", "列入严重失信主体名单"),
        ("/compliance/majorIncidentWithin3Years", "近三年发生重大安全、质量、环境污染事故"),
        ("/compliance/violationWithin3Years", "近三年有偷漏税等违法违规行为"),
        ("/compliance/wageArrears", "拖欠工资"),
        ("/compliance/jointPunishment", "被列为联合惩戒对象"),
        ("/qualityEvaluations", "专精特新发展质量评价得分"),
        ("/verifiedCriteria", "经主管部门核实的定性条件"),
        ("score", "评价得分"));

    /// <summary>The fiscal year of each financials entry of <paramref name="profile"/>, by its index as given in the input (for <see cref="Of"/>).</summary>
    public static Func<int, int?> YearsOf(Profiles.EnterpriseProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var years = profile.Financials.ToDictionary(f => f.InputIndex, f => f.Year);
        return i => years.TryGetValue(i, out var y) ? y : null;
    }

    /// <summary>The Chinese name of a financial-year field (<c>rdExpense</c> → 研发费用), or the key itself.</summary>
    public static string OfFinancial(string key) => Financial.GetValueOrDefault(key, key);

    /// <summary>
    /// The Chinese name of a JSON Pointer into a profile. <paramref name="yearAt"/> gives the fiscal year of the
    /// financials entry at an index as given in the input (null when not known). A gap's lever key
    /// (<c>/recognitions:little-giant</c>, <c>/honors:high-tech-enterprise</c>) reads as the item it asks for.
    /// </summary>
    public static string Of(string path, Func<int, int?>? yearAt = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Paths.TryGetValue(path, out var name))
        {
            return name;
        }
        // The engine names a year with no financials entry at all: "/financials (year 2025)".
        const string NoYear = "/financials (year ";
        if (path.StartsWith(NoYear, StringComparison.Ordinal) && path.EndsWith(')'))
        {
            return $"{path[NoYear.Length..^1]}年 财务数据";
        }
        var colon = path.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            var head = path[..colon];
            var items = path[(colon + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            return head switch
            {
                "/recognitions" => $"{Paths[head]}：{string.Join("、", items.Select(DisplayNames.Tier))}",
                "/honors" => $"{Paths[head]}：{string.Join("、", items.Select(DisplayNames.Honor))}",
                "/qualityEvaluations" => $"{string.Join("、", items)}年 {Paths[head]}",
                _ => Of(head, yearAt),
            };
        }
        var parts = path.TrimStart('/').Split('/');
        if (parts.Length >= 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            var field = parts.Length > 2 ? parts[2] : null;
            switch (parts[0])
            {
                case "financials":
                    var year = yearAt?.Invoke(index) is { } y ? $"{y}年" : $"财务数据第{index + 1}年";
                    return field is null ? year + " 财务数据" : $"{year} {OfFinancial(field)}";
                case "qualityEvaluations":
                    return $"第{index + 1}项 {Paths["/qualityEvaluations"]}";
                case "standards":
                    return $"第{index + 1}项 标准" + (field is null ? "" : " " + (field switch { "level" => "级别", "role" => "作用", "year" => "年度", _ => field }));
                case "honors":
                    return $"第{index + 1}项 荣誉资质";
                case "recognitions":
                    return $"第{index + 1}项 已获梯度认定";
                default:
                    break;
            }
        }
        // A deeper path whose parent has a name (e.g. /mainProduct/x): name the parent rather than show the path.
        for (var cut = path.LastIndexOf('/'); cut > 0; cut = path.LastIndexOf('/', cut - 1))
        {
            if (Paths.TryGetValue(path[..cut], out var parent))
            {
                return parent;
            }
        }
        return "相关数据";
    }

    private static FrozenDictionary<string, string> Map(params (string Id, string Name)[] pairs) =>
        pairs.ToFrozenDictionary(p => p.Id, p => p.Name, StringComparer.Ordinal);
}
