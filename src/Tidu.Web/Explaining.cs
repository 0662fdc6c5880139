using System.Text.RegularExpressions;
using Tidu.Rules.Evaluation;

namespace Tidu.Web;

/// <summary>
/// Chinese wording for the engine's requirement texts on pages. The engine's texts stay as they are in JSON
/// (machine-readable, shared with the CLI); only what people read is translated.
/// </summary>
public static partial class Explaining
{
    public static string Required(string? required)
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
        return required switch
        {
            "at least 1" => "至少满足 1 项",
            "otherwise" => "其他情形",
            _ => required.Replace("∈", "属于", StringComparison.Ordinal),
        };
    }

    /// <summary>The result cell: passed, failed, missing input, or passed on the rule's stated default.</summary>
    public static string Outcome(CheckResult c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return Outcome(c.Passed, c.MissingField, c.Defaulted);
    }

    /// <summary>The same from the parts, for a check read back from a stored trace.</summary>
    public static string Outcome(bool passed, string? missingField, bool defaulted)
    {
        if (defaulted)
        {
            return $"通过（未提供 {missingField}，按规则默认值）";
        }
        if (missingField is { } field)
        {
            return $"缺少数据：{field}";
        }
        return passed ? "通过" : "未通过";
    }

    [GeneratedRegex(@"^all (\d+)$")] private static partial Regex AllOf();
    [GeneratedRegex(@"^at least (\d+) of (\d+)$")] private static partial Regex AtLeastOf();
    [GeneratedRegex(@"^(\S+) per item, at most (\S+)$")] private static partial Regex PerItem();
}
