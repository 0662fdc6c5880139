using System.Text.RegularExpressions;

namespace Tidu.Domain.Display;

/// <summary>
/// Chinese wording of the engine's requirement texts ("≥ 100", "= true", "∈ {small, micro}", "all 8", "at least 2 of
/// 4"). The engine keeps its symbols in JSON (machine-readable); pages and the CLI's tables show these.
/// </summary>
public static partial class Requirements
{
    /// <summary>The requirement as people read it; <paramref name="unit"/> follows a single threshold ("≥ 100 万元").</summary>
    public static string Describe(string? required, string? unit = null)
    {
        if (string.IsNullOrEmpty(required))
        {
            return "";
        }
        if (AllOf().Match(required) is { Success: true } all)
        {
            return $"全部 {all.Groups[1].Value} 项均须满足";
        }
        if (AtLeastOf().Match(required) is { Success: true } k)
        {
            return $"{k.Groups[2].Value} 项中至少 {k.Groups[1].Value} 项";
        }
        if (PerItem().Match(required) is { Success: true } p)
        {
            return $"每项 {p.Groups[1].Value} 分，最多 {p.Groups[2].Value} 分";
        }
        if (Steps().Match(required) is { Success: true } steps)
        {
            return $"每满 {steps.Groups[2].Value}{unit ?? ""} 得 {steps.Groups[1].Value} 分，最多 {steps.Groups[3].Value} 分";
        }
        if (AsGiven().Match(required) is { Success: true } given)
        {
            return $"按填报的分值，最多 {given.Groups[1].Value} 分";
        }
        if (Set().Match(required) is { Success: true } set)
        {
            var members = set.Groups[2].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(DisplayNames.Value);
            return (set.Groups[1].Value == "∈" ? "属于：" : "不属于：") + string.Join("、", members);
        }
        if (Threshold().IsMatch(required))
        {
            return unit is null ? required : $"{required} {unit}";
        }
        return required switch
        {
            "= true" => "是",
            "= false" => "否",
            "all" => "全部满足",
            "at least 1" => "至少满足 1 项",
            "otherwise" => "其他情形",
            "no band" => "不在任何分档",
            "not available" => "无法判定（缺少数据）",
            // The band a map indicator matched is a value of the vocabulary (national → 国家级).
            _ => BestOf().Match(required) is { Success: true } b ? Describe(b.Groups[2].Value, unit) : DisplayNames.Value(required),
        };
    }

    [GeneratedRegex(@"^all (\d+)$")] private static partial Regex AllOf();
    [GeneratedRegex(@"^at least (\d+) of (\d+)$")] private static partial Regex AtLeastOf();
    [GeneratedRegex(@"^(\S+) per item, at most (\S+)$")] private static partial Regex PerItem();
    [GeneratedRegex(@"^(\S+) per full (\S+), at most (\S+)$")] private static partial Regex Steps();
    [GeneratedRegex(@"^as given, at most (\S+)$")] private static partial Regex AsGiven();
    [GeneratedRegex(@"^([∈∉]) \{(.*)\}$")] private static partial Regex Set();
    [GeneratedRegex(@"^[≥>≤<] -?[0-9.]+$")] private static partial Regex Threshold();

    /// <summary>The band of the better of several readings: "reading-id: band" (the id is the rule file's, not for people).</summary>
    [GeneratedRegex(@"^([a-z0-9.\-]+): (.+)$")] private static partial Regex BestOf();
}
