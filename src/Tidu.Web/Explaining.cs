using Tidu.Domain.Display;

namespace Tidu.Web;

/// <summary>
/// The result cell of a check table: passed, failed, missing input (named in Chinese), or passed or failed on the rule's
/// stated default (a default can fail a check: no research institution stated reads as none, which is below 省级).
/// </summary>
public static class Explaining
{
    public static string Outcome(bool passed, string? missingField, bool defaulted, Func<int, int?>? yearAt)
    {
        var field = missingField is null ? null : FieldNames.Of(missingField, yearAt);
        if (defaulted)
        {
            return $"{(passed ? "通过" : "未通过")}（未填报“{field}”，按规则默认值）";
        }
        if (field is not null)
        {
            return $"缺少数据：{field}";
        }
        return passed ? "通过" : "未通过";
    }
}
