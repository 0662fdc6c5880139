using System.Collections.Frozen;
using System.Globalization;

namespace Tidu.Domain.Display;

/// <summary>
/// The display vocabulary: the Chinese name of every identifier the platform stores or the rules use (tiers, size
/// classes, the exchange format's closed value sets, roles, workflow steps), in one place for the pages, the CLI and
/// the notifications. Identifiers stay English in files, JSON and the database; people read these names.
/// An identifier without a name is returned unchanged, and <see cref="Identifiers"/> lets tests find such leaks.
/// </summary>
public static class DisplayNames
{
    private static readonly FrozenDictionary<string, string> Tiers = Map(
        ("innovative-sme", "创新型中小企业"),
        ("specialized-sme", "专精特新中小企业"),
        ("little-giant", "专精特新“小巨人”企业"),
        ("key-little-giant", "重点“小巨人”企业"),
        ("hidden-champion", "浙江省隐形冠军企业"),
        ("single-champion-enterprise", "制造业单项冠军示范企业"),
        ("single-champion-product", "制造业单项冠军产品"));

    /// <summary>Short names, for certificate numbers and narrow table cells.</summary>
    private static readonly FrozenDictionary<string, string> TierShorts = Map(
        ("innovative-sme", "创新型"),
        ("specialized-sme", "专精特新"),
        ("little-giant", "小巨人"),
        ("key-little-giant", "重点小巨人"),
        ("hidden-champion", "隐形冠军"),
        ("single-champion-enterprise", "单项冠军企业"),
        ("single-champion-product", "单项冠军产品"));

    private static readonly FrozenDictionary<string, string> SizeClasses = Map(
        ("large", "大型"), ("medium", "中型"), ("small", "小型"), ("micro", "微型"));

    private static readonly FrozenDictionary<string, string> Listings = Map(
        ("none", "未上市"),
        ("neeq", "新三板挂牌"),
        ("bse", "北京证券交易所上市"),
        ("sse-main", "上海证券交易所主板上市"),
        ("sse-star", "科创板上市"),
        ("szse-main", "深圳证券交易所主板上市"),
        ("szse-sme", "深圳证券交易所中小板上市"),
        ("szse-chinext", "创业板上市"),
        ("overseas", "境外上市"));

    private static readonly FrozenDictionary<string, string> ListingPlans = Map(
        ("none", "无上市计划"), ("filed", "已提交上市申请"), ("tutoring", "处于上市辅导期"));

    private static readonly FrozenDictionary<string, string> ChainContributions = Map(
        ("key-results", "在产业链关键环节取得实际成效"),
        ("basics", "属于产业基础领域或为龙头企业配套"),
        ("none", "无"));

    /// <summary>The 2026 little giant's fields of the main product (工信部企业〔2026〕2号 附件).</summary>
    private static readonly FrozenDictionary<string, string> IndustryDirections = Map(
        ("six-basics", "制造业“六基”领域"), ("traditional-upgrading", "改造提升传统产业"), ("emerging", "培育壮大新兴产业"),
        ("future", "布局建设未来产业"), ("other", "其他领域"));

    private static readonly FrozenDictionary<string, string> RdInstitutions = Map(
        ("none", "无研发机构"), ("below-city", "市级以下"), ("city", "市级"), ("provincial", "省级"), ("national", "国家级"));

    private static readonly FrozenDictionary<string, string> StandardLevels = Map(
        ("international", "国际标准"), ("national", "国家标准"), ("industry", "行业标准"), ("local", "地方标准"), ("group", "团体标准"));

    private static readonly FrozenDictionary<string, string> StandardRoles = Map(("lead", "主导制定"), ("participate", "参与制定"));

    private static readonly FrozenDictionary<string, string> Honors = Map(
        ("high-tech-enterprise", "高新技术企业"),
        ("tech-sme", "科技型中小企业"),
        ("national-tech-innovation-demo", "国家级技术创新示范企业"),
        ("ip-advantage", "知识产权优势企业"),
        ("ip-demonstration", "知识产权示范企业"),
        ("national-st-award", "国家级科技奖励"),
        ("provincial-st-award", "省级科技奖励"),
        ("chuangke-top500", "“创客中国”大赛全国500强"),
        ("chuangke-top50", "“创客中国”大赛全国50强"));

    private static readonly FrozenDictionary<string, string> RoleNames = Map(
        ("province-officer", "省级主管部门"),
        ("city-officer", "市级主管部门"),
        ("county-officer", "县（区）级主管部门"),
        ("expert", "评审专家"),
        ("enterprise", "企业用户"),
        ("commissioner", "服务专员"),
        ("system-administrator", "系统管理员"),
        ("security-administrator", "安全管理员"),
        ("audit-administrator", "审计管理员"),
        ("api-client", "接口调用方"));

    /// <summary>The level that took a workflow step.</summary>
    private static readonly FrozenDictionary<string, string> Levels = Map(
        ("enterprise", "企业"), ("county", "县级"), ("city", "市级"), ("province", "省级"), ("expert", "评审专家"));

    /// <summary>Workflow steps (application decisions).</summary>
    private static readonly FrozenDictionary<string, string> Decisions = Map(
        ("submit", "提交申报"),
        ("resubmit", "重新提交"),
        ("approve", "审核通过"),
        ("return", "退回补正"),
        ("reject", "不予通过"),
        ("recommend", "推荐"),
        ("publicize", "开始公示"),
        ("object", "登记异议"),
        ("uphold-objection", "异议成立"),
        ("dismiss-objection", "异议不成立"),
        ("recognize", "认定"),
        ("set-expert-review", "设置专家评审"),
        ("assign-expert", "指派评审专家"),
        ("declare-no-conflict", "声明无利益冲突"),
        ("declare-conflict", "声明利益冲突并回避"),
        ("score", "专家评分"),
        ("expert-review", "汇总专家评审"),
        ("verify", "核实数据"));

    /// <summary>Where an application stands (the names of ApplicationState), as the people waiting on it say it.</summary>
    private static readonly FrozenDictionary<string, string> States = Map(
        ("Submitted", "待县级初审"),
        ("Returned", "退回补正"),
        ("CountyApproved", "待市级推荐"),
        ("CityRecommended", "待省级审核"),
        ("ExpertReview", "专家评审中"),
        ("ExpertReviewed", "专家评审已汇总，待省级审核"),
        ("ProvinceApproved", "待公示"),
        ("Publicity", "公示中"),
        ("Recognized", "已认定"),
        ("Rejected", "未通过"));

    /// <summary>Funding levels of support clauses (a clause may be co-funded: "city+district").</summary>
    private static readonly FrozenDictionary<string, string> FundingLevels = Map(
        ("national", "国家"), ("province", "省级"), ("city", "市级"), ("district", "区级"), ("county", "县级"));

    /// <summary>
    /// The keys of a rule file, for the CLI's tables of rule versions and their differences (comparison keys read as
    /// their symbol: "ge: 2 → 3" is shown "≥ 2 → ≥ 3").
    /// </summary>
    private static readonly FrozenDictionary<string, string> RuleKeys = Map(
        ("id", "编号"), ("effectiveFrom", "施行日期"), ("effectiveTo", "截止日期"), ("cite", "依据"), ("note", "说明"),
        ("lastVerified", "最后核实"), ("verification", "核实记录"), ("title", "名称"), ("fact", "指标"), ("unit", "单位"), ("default", "缺省值"),
        ("points", "分值"), ("pointsEach", "每项分值"), ("pointsPer", "每档分值"), ("per", "步长"), ("max", "上限"),
        ("year", "年度"), ("years", "年数"), ("field", "数据项"), ("over", "分母"), ("kinds", "种类"), ("withinYears", "年限"),
        ("maxRank", "最高名次"), ("tier", "梯度"), ("matching", "匹配"), ("levels", "级别"), ("roles", "作用"),
        ("criterion", "定性条件"), ("dimension", "维度"), ("atLeast", "至少满足项数"), ("bands", "分档"), ("cases", "情形"),
        ("map", "对照表"), ("asPoints", "按分值计"), ("advice", "建议"), ("adviceIfQualifies", "建议条件"), ("parent", "上级"),
        ("industries", "行业"), ("otherwise", "其他"), ("order", "顺序"), ("is", "应为"), ("in", "属于"), ("notIn", "不属于"),
        ("amount", "金额"), ("fixed", "定额（万元）"), ("rate", "比例"), ("cap", "上限（万元）"), ("perFirmPerYearCap", "每家每年上限（万元）"));

    private static readonly FrozenDictionary<string, string> Comparisons = Map(("ge", "≥"), ("gt", ">"), ("le", "≤"), ("lt", "<"));

    /// <summary>What an API key may do.</summary>
    private static readonly FrozenDictionary<string, string> Scopes = Map(
        ("enterprises:read", "读取企业档案"), ("enterprises:write", "写入企业档案"), ("lists:read", "拉取共享名单"));

    /// <summary>Abbreviations of the provinces (GB/T 2260 two-digit codes), used in certificate numbers.</summary>
    private static readonly FrozenDictionary<string, string> ProvinceShorts = Map(
        ("11", "京"), ("12", "津"), ("13", "冀"), ("14", "晋"), ("15", "蒙"), ("21", "辽"), ("22", "吉"), ("23", "黑"),
        ("31", "沪"), ("32", "苏"), ("33", "浙"), ("34", "皖"), ("35", "闽"), ("36", "赣"), ("37", "鲁"), ("41", "豫"),
        ("42", "鄂"), ("43", "湘"), ("44", "粤"), ("45", "桂"), ("46", "琼"), ("50", "渝"), ("51", "川"), ("52", "贵"),
        ("53", "云"), ("54", "藏"), ("61", "陕"), ("62", "甘"), ("63", "青"), ("64", "宁"), ("65", "新"));

    /// <summary>Values a text fact of the rules can take (actual values and the members of "in" sets): these sets do not share an id with another meaning.</summary>
    private static readonly FrozenDictionary<string, string> FactValues = Merge(SizeClasses, Listings.Where(p => p.Key != "none"), ListingPlans.Where(p => p.Key != "none"),
        ChainContributions.Where(p => p.Key != "none"), RdInstitutions, IndustryDirections, Map(("none", "无"), ("none of the cases", "不属于所列任一情形")));

    public static string Tier(string? id) => id is null ? "" : Tiers.GetValueOrDefault(id, id);

    public static string TierShort(string id) => TierShorts.GetValueOrDefault(id, Tier(id));

    /// <summary>The tier id of a name people type (the full or the short Chinese name) or of an id; null when unknown.</summary>
    public static string? TierId(string nameOrId)
    {
        ArgumentNullException.ThrowIfNull(nameOrId);
        var text = nameOrId.Trim();
        return Tiers.ContainsKey(text) ? text
            : Tiers.FirstOrDefault(t => t.Value == text).Key ?? TierShorts.FirstOrDefault(t => t.Value == text).Key;
    }

    public static string SizeClass(string? id) => id is null ? "无法判定" : SizeClasses.GetValueOrDefault(id, id);

    public static string Boolean(bool value) => value ? "是" : "否";

    public static string Listing(string id) => Listings.GetValueOrDefault(id, id);

    public static string ListingPlan(string id) => ListingPlans.GetValueOrDefault(id, id);

    public static string ChainContribution(string id) => ChainContributions.GetValueOrDefault(id, id);

    public static string RdInstitution(string id) => RdInstitutions.GetValueOrDefault(id, id);

    public static string StandardLevel(string id) => StandardLevels.GetValueOrDefault(id, id);

    public static string StandardRole(string id) => StandardRoles.GetValueOrDefault(id, id);

    public static string Honor(string kind) => Honors.GetValueOrDefault(kind, kind);

    public static string Role(string role) => RoleNames.GetValueOrDefault(role, role);

    /// <summary>A rule file's key by its Chinese name; a comparison key by its symbol; a key path (amount.fixed) segment by segment.</summary>
    public static string RuleKey(string key) =>
        Comparisons.TryGetValue(key, out var symbol) ? symbol
        : key.Contains('.', StringComparison.Ordinal) ? string.Join("·", key.Split('.').Select(RuleKey))
        : RuleKeys.GetValueOrDefault(key, key);

    /// <summary>One key's change between two rule versions: "≥ 2 → ≥ 3" for a threshold, "施行日期：… → …" otherwise.</summary>
    public static string RuleKeyChange(string key, string? before, string? after)
    {
        const string None = "（无）";
        return Comparisons.TryGetValue(key, out var symbol)
            ? $"{(before is null ? None : symbol + " " + before)} → {(after is null ? None : symbol + " " + after)}"
            : $"{RuleKey(key)}：{before ?? None} → {after ?? None}";
    }

    /// <summary>An API key's scopes ("enterprises:read lists:read") as "读取企业档案、拉取共享名单".</summary>
    public static string ApiScopes(string scopes) =>
        string.Join("、", (scopes ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => Scopes.GetValueOrDefault(s, s)));

    public static string Level(string level) => Levels.GetValueOrDefault(level, level);

    public static string Decision(string decision) => Decisions.GetValueOrDefault(decision, decision);

    public static string ApplicationState(string state) => States.GetValueOrDefault(state, state);

    /// <summary>"city+district" → "市级、区级".</summary>
    public static string FundingLevel(string level) =>
        string.Join("、", level.Split('+', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(l => FundingLevels.GetValueOrDefault(l, l)));

    /// <summary>The province abbreviation (浙, 鄂 …) of a region code, or null for a code outside the table.</summary>
    public static string? ProvinceShort(string regionCode) =>
        regionCode is { Length: >= 2 } && ProvinceShorts.TryGetValue(regionCode[..2], out var s) ? s : null;

    /// <summary>A value a rule's text fact read (size class, R&amp;D institution level, listing …), or the text itself.</summary>
    public static string Value(string value) => FactValues.GetValueOrDefault(value, value);

    /// <summary>The value an engine or trace shows as actual: 是/否 for yes/no, names for identifiers, numbers invariant.</summary>
    public static string Value(object? value) => value switch
    {
        null => "—",
        bool b => Boolean(b),
        string s => Value(s),
        decimal d => d.ToString("0.####", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>
    /// A stored list of rule versions ("specialized-sme@2026;hidden-champion@2016/33") or one ("little-giant@2022"), read
    /// as "专精特新中小企业（2026年版）；浙江省隐形冠军企业（2016年版，浙江省）". Unknown shapes are returned unchanged.
    /// </summary>
    public static string RuleVersions(string? versions, Func<string, string?>? regionName = null)
    {
        if (string.IsNullOrWhiteSpace(versions))
        {
            return "";
        }
        return string.Join("；", versions.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(v => RuleVersion(v, regionName)));
    }

    private static string RuleVersion(string v, Func<string, string?>? regionName)
    {
        var at = v.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0)
        {
            return Tier(v);
        }
        var id = v[..at];
        var rest = v[(at + 1)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var version = slash < 0 ? rest : rest[..slash];
        var jurisdiction = slash < 0 ? null : rest[(slash + 1)..];
        var where = jurisdiction is null ? "" : "，" + (regionName?.Invoke(jurisdiction.PadRight(6, '0')) ?? jurisdiction);
        return $"{Tier(id)}（{VersionName(version)}{where}）";
    }

    /// <summary>
    /// "2026" → "2026年版"; the named versions of the rule files ("closed": the state after a call's deadline, "draft": a
    /// draft for comment) by what they are; any other id stays as it is.
    /// </summary>
    public static string VersionName(string versionId) =>
        versionId.Length == 4 && versionId.All(char.IsAsciiDigit) ? versionId + "年版"
        : NamedVersions.GetValueOrDefault(versionId, versionId);

    private static readonly FrozenDictionary<string, string> NamedVersions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["closed"] = "申报截止后",
        ["draft"] = "征求意见稿",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// Every identifier that has a name here (tier ids, value-set ids, roles, steps). A page showing one of these as
    /// text shows an identifier instead of its name: the UI tests look for them.
    /// </summary>
    public static IReadOnlySet<string> Identifiers { get; } = new[]
    {
        Tiers, SizeClasses, Listings, ListingPlans, ChainContributions, RdInstitutions, IndustryDirections, StandardLevels, StandardRoles, Honors,
        RoleNames, Levels, Decisions, FundingLevels,
    }.SelectMany(d => d.Keys).ToFrozenSet(StringComparer.Ordinal);

    private static FrozenDictionary<string, string> Map(params (string Id, string Name)[] pairs) =>
        pairs.ToFrozenDictionary(p => p.Id, p => p.Name, StringComparer.Ordinal);

    private static FrozenDictionary<string, string> Merge(params IEnumerable<KeyValuePair<string, string>>[] parts)
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in parts.SelectMany(p => p))
        {
            all.TryAdd(k, v);
        }
        return all.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
