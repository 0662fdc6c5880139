using Tidu.Data.Registry;

namespace Tidu.Web.Importing;

/// <summary>What a user reads when a file is not written: the column it concerns, Chinese for the page, English for logs and the API.</summary>
public static class ImportMessages
{
    public const string HeldElsewhereZh = "该统一社会信用代码无法在您的辖区建档（企业如已迁入，请联系原所在地主管部门或管理员迁移档案）";

    public const string RecognitionsZh = "认定信息只能由认定程序（批次认定）或官方名单导入产生，不能通过编辑或导入档案增加、修改或删除";

    public const string CreditCodeColumn = "统一社会信用代码";

    public static (string Column, string Zh, string En) Of(UpsertRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return refusal.Reason switch
        {
            UpsertRefusalReason.OutsideScope => (CreditCodeColumn, "该企业不在您的管辖区域内，不能导入或修改", $"enterprise {refusal.CreditCode} is outside the importer's region scope"),
            UpsertRefusalReason.HeldElsewhere => (CreditCodeColumn, HeldElsewhereZh, $"credit code {refusal.CreditCode} cannot be filed in the importer's region"),
            UpsertRefusalReason.UnknownRegion => (ImportColumns.ByKey("regionCode")!.Header, "行政区划代码不在平台的区划表中", "the region code is not in the platform's region table"),
            UpsertRefusalReason.TooLong => (ColumnOf(refusal.Path), $"内容过长：最多 {refusal.Limit} 个字符", $"{refusal.Path}: at most {refusal.Limit} characters"),
            UpsertRefusalReason.RecognitionsNotEditable => ("认定", RecognitionsZh, "recognitions come from a round's decision or an official list import, not from a file import"),
            _ => ("", "数据库未能保存该行，其他行已保存；请检查该行数据", "the database refused the row; the other rows were saved"),
        };
    }

    /// <summary>The template's Chinese header for a JSON Pointer when it has one, else the pointer.</summary>
    public static string ColumnOf(string? path)
    {
        var key = path?.Split('/').LastOrDefault() ?? "";
        return ImportColumns.ByKey(key)?.Header ?? path ?? "";
    }
}
