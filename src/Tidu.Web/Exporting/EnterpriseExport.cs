using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Tidu.Application.Screening;

namespace Tidu.Web.Exporting;

/// <summary>Any screening list as an XLSX file with Chinese headers (the whole filtered list, not just one page).</summary>
public static class EnterpriseExport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string FileName = "enterprises.xlsx";

    /// <summary>Largest export in one file; larger lists should be narrowed by filters or pulled through the paged API.</summary>
    public const int MaxRows = 200_000;

    public static async Task<byte[]> XlsxAsync(EnterpriseQuery query, EnterpriseFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var rows = await EnterpriseQuery.Rows(query.Apply(filter)).Take(MaxRows).ToListAsync(ct).ConfigureAwait(false);
        var sheet = rows.Select(r => new Dictionary<string, object?>
        {
            ["统一社会信用代码"] = r.CreditCode,
            ["企业名称"] = r.Name,
            ["行政区划代码"] = r.RegionCode,
            ["行业代码"] = r.IndustryCode,
            ["企业规模"] = Labels.SizeClass(r.SizeClass),
            ["已达到的最高梯度"] = Labels.Tier(r.HighestTier),
            ["差一项达到"] = Labels.Tier(r.NearMissTier),
            ["评价日期"] = r.EvaluatedOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        });
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(sheet, sheetName: "企业名单", cancellationToken: ct).ConfigureAwait(false);
        return stream.ToArray();
    }
}
