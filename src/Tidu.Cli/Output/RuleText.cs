using System.Globalization;
using Tidu.Rules.Versions;

namespace Tidu.Cli.Output;

/// <summary>Chinese labels for rule sets, versions and items, shared by the <c>tidu rules</c> tables.</summary>
internal static class RuleText
{
    public static string Kind(string kind) => kind switch
    {
        "tier" => "梯度层级",
        "size-class" => "企业划型",
        "conditions" => "共用条件",
        _ => kind,
    };

    public static string Jurisdiction(string jurisdiction) => jurisdiction == "national" ? "全国" : jurisdiction;

    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    /// <summary>"2022-08-01 至 2026-03-31" or "2026-04-01 起".</summary>
    public static string Period(VersionSnapshot v) =>
        v.EffectiveTo is { } to ? $"{Date(v.EffectiveFrom)} 至 {Date(to)}" : $"{Date(v.EffectiveFrom)} 起";

    public static string Section(string section) => section switch
    {
        "score" => "评分表",
        "qualify" => "认定条件",
        "conditions" => "条件",
        "groups" => "划型标准",
        _ => section,
    };

    public static string MatchedBy(string by) => by == "fact" ? "按事实配对" : "按编号配对";

    /// <summary>The requirement as a reader of the rule text expects it: groups in Chinese, thresholds in symbols.</summary>
    public static string Requirement(RuleItem item)
    {
        var text = item.Kind switch
        {
            "all" => $"全部满足（{item.Field("members")}项）",
            "any" => $"满足其一（共{item.Field("members")}项）",
            "atLeast" => $"至少满足{item.Field("atLeast")}项（共{item.Field("members")}项）",
            "include" => $"引用 {item.Field("include")}（按评价日期的有效版本）",
            "dimension" => $"满分 {item.Field("max")}",
            _ => item.Requirement,
        };
        return item.Field("points") is { } points && item.Category is "check" or "group" ? $"{text} → {points}分" : text;
    }

    /// <summary>Indented title with the id: the tree of a version read top to bottom.</summary>
    public static string Label(RuleItem item) => new string('　', item.Depth) + item.Title;
}
