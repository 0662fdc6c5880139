using System.Globalization;
using Tidu.Domain.Display;

namespace Tidu.Rules.Gaps;

/// <summary>The Chinese sentences of a gap result, for users (the fields carry the same facts for programs).</summary>
internal static class GapNotes
{
    public static string Summary(string title, bool qualified, bool next, int changes, IReadOnlyList<GapBlocker> blockers, bool reachable, bool verified)
    {
        if (qualified)
        {
            return next ? $"已符合{title}标准，可申报。" : $"已符合{title}标准。";
        }
        if (reachable)
        {
            return $"按以下{changes}项调整后即符合{title}标准（已将调整代入后重新评价验证）。";
        }
        if (blockers.Count == 0)
        {
            return $"未找到经重新评价验证可满足{title}标准的数据调整。";
        }
        var reasons = string.Join("；", blockers.Select(b => b.Note));
        var rest = changes == 0
            ? (verified ? "其余条件已满足（假定上述事项完成后重新评价验证）。" : "")
            : verified ? $"其余条件按以下{changes}项调整后满足（假定上述事项完成后重新评价验证）。" : $"其余条件另需以下{changes}项调整（未能整体验证）。";
        return $"目前无法仅通过数据调整满足{title}标准：{reasons}。{rest}";
    }

    public static string Blocker(string checkTitle, BlockerInfo info, string? tierTitle, Func<int, int?>? yearAt = null) => info.Kind switch
    {
        BlockerKind.Time => info.Earliest is { } d
            ? $"{checkTitle}——须待时间满足，按当前起始日期最早自{d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}起的评价可满足（届时按该年度数据重新评价）"
            : $"{checkTitle}——须待时间满足",
        BlockerKind.Prerequisite => info.PrerequisiteQualified == true
            ? $"须先取得{tierTitle}称号——当前已符合其标准，请先申报"
            : $"须先取得{tierTitle}称号——当前尚未符合其标准，其差距见该梯度的分析",
        BlockerKind.Honour => $"{checkTitle}——须先获得相应荣誉或奖项（{string.Join("、", (info.Detail ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(DisplayNames.Honor))}）",
        BlockerKind.SizeClass => $"{checkTitle}——规模类型为{DisplayNames.SizeClass(info.Detail)}，不属于中小企业",
        BlockerKind.Compliance => $"{checkTitle}——不满足，须待相关记录消除或情况改变",
        BlockerKind.MissingData => $"{checkTitle}——缺少数据（{Missing(info.Detail, yearAt)}），请补充后重新评价",
        _ => $"{checkTitle}——未找到可满足本项的数据调整",
    };

    /// <summary>The missing input by its Chinese name (a JSON Pointer, a field name, or a year without financials).</summary>
    private static string Missing(string? detail, Func<int, int?>? yearAt) => detail switch
    {
        null => "所需数据",
        _ when detail.StartsWith('/') => FieldNames.Of(detail, yearAt),
        _ when detail.StartsWith(NoFinancials, StringComparison.Ordinal) => $"{detail[NoFinancials.Length..]}年财务数据",
        _ => FieldNames.Of("/" + detail, yearAt),
    };

    /// <summary>The detail of a missing year of financials (LeverCatalog).</summary>
    public const string NoFinancials = "no financials for ";
}
