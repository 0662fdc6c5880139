using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tidu.Application.Importing;
using Tidu.Data;
using Tidu.Data.Entities.Monitoring;
using Tidu.Domain.Display;
using Tidu.Domain.Regions;

namespace Tidu.Application.Monitoring;

/// <summary>
/// The province's published recognition counts (各批次名单公布数), imported as data from a CSV or XLSX with Chinese
/// headers — 年度, 批次, 类别（认定/复核通过）, 城市, 行政区划代码, 数量, 文号 and optionally 梯度 — never compiled into the
/// build: a newly published batch is an import, not a release. A file is taken whole or not at all: every row is
/// checked first (a city of the importer's province, a count, a known category) and any error names its row and keeps
/// everything as it was. Rows of a batch already imported replace its counts; every write is audited.
/// </summary>
public sealed class OfficialCounts(TiduDbContext db, RegionTree regions, TimeProvider clock)
{
    public const string DefaultTier = "specialized-sme";
    public const int MaxRows = 10_000;

    /// <summary>The headers of the import file, in the order of the template.</summary>
    public static IReadOnlyList<string> Headers { get; } = ["梯度", "年度", "批次", "类别", "城市", "行政区划代码", "数量", "文号"];

    private static readonly Dictionary<string, string> Kinds = new(StringComparer.Ordinal)
    {
        ["认定"] = OfficialCountKinds.Recognized,
        ["复核通过"] = OfficialCountKinds.ReviewPassed,
    };

    public sealed record Issue(long Row, string Message);

    public sealed record Outcome(int Created, int Updated, int Unchanged, IReadOnlyList<Issue> Issues)
    {
        public bool Saved => Issues.Count == 0;
    }

    /// <summary>The Chinese name of a kind (认定 / 复核通过).</summary>
    public static string KindName(string kind) => Kinds.FirstOrDefault(k => k.Value == kind).Key ?? kind;

    /// <summary>Reads, checks and (when every row is valid) saves the counts of <paramref name="provinceCode"/>.</summary>
    public async Task<Outcome> ImportAsync(Stream content, string fileName, string provinceCode, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        var format = TableReader.FormatOf(fileName);
        if (format is null)
        {
            return Refused(0, "不支持的文件类型，请上传 .csv 或 .xlsx 文件。");
        }
        List<TableReader.Row> rows;
        try
        {
            rows = [.. (format == TableReader.Format.Csv ? TableReader.Csv(content) : TableReader.Xlsx(content)).Take(MaxRows + 1)];
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or CsvHelper.CsvHelperException or InvalidOperationException or IOException)
        {
            return Refused(0, "无法读取该文件，请确认是模板格式的 CSV（UTF-8）或 XLSX 文件。");
        }
        if (rows.Count > MaxRows)
        {
            return Refused(0, $"文件超过 {MaxRows} 行，请分批导入。");
        }
        if (rows.Count == 0)
        {
            return Refused(1, $"文件没有数据行；表头应为：{string.Join("、", Headers)}。");
        }
        var missing = Headers.Where(h => h != "梯度" && h != "城市" && h != "文号" && !rows[0].Cells.ContainsKey(h)).ToList();
        if (missing.Count > 0)
        {
            return Refused(1, $"缺少列：{string.Join("、", missing)}（表头应为：{string.Join("、", Headers)}）。");
        }

        var issues = new List<Issue>();
        var parsed = new List<(long Row, OfficialRecognitionCount Count)>();
        foreach (var row in rows)
        {
            if (Parse(row, provinceCode, issues) is { } count)
            {
                parsed.Add((row.Number, count));
            }
        }
        foreach (var dup in parsed.GroupBy(p => Key(p.Count)).Where(g => g.Count() > 1))
        {
            issues.Add(new Issue(dup.Skip(1).First().Row, $"与第 {dup.First().Row} 行重复（同一梯度、年度、批次、类别和城市只能有一行）"));
        }
        if (issues.Count > 0)
        {
            return new Outcome(0, 0, 0, [.. issues.OrderBy(i => i.Row)]);
        }

        var existing = await db.OfficialRecognitionCounts.Where(c => c.ProvinceCode == provinceCode).ToListAsync(ct).ConfigureAwait(false);
        var byKey = existing.ToDictionary(Key);
        int created = 0, updated = 0, unchanged = 0;
        foreach (var (_, c) in parsed)
        {
            if (byKey.TryGetValue(Key(c), out var old))
            {
                if (old.Count == c.Count && old.Document == c.Document)
                {
                    unchanged++;
                    continue;
                }
                old.Count = c.Count;
                old.Document = c.Document;
                old.ImportedBy = c.ImportedBy;
                old.ImportedAt = c.ImportedAt;
                updated++;
            }
            else
            {
                db.OfficialRecognitionCounts.Add(c);
                created++;
            }
        }
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return new Outcome(created, updated, unchanged, []);
    }

    /// <summary>The counts of the user's province, or of every province for the whole country's scope.</summary>
    public Task<List<OfficialRecognitionCount>> ListAsync(string? provinceCode, CancellationToken ct) =>
        db.OfficialRecognitionCounts.AsNoTracking()
            .Where(c => provinceCode == null || c.ProvinceCode == provinceCode)
            .OrderBy(c => c.Year).ThenBy(c => c.Id)
            .ToListAsync(ct);

    private OfficialRecognitionCount? Parse(TableReader.Row row, string provinceCode, List<Issue> issues)
    {
        string Cell(string header) => row.Cells.GetValueOrDefault(header, "").Trim();
        var before = issues.Count;
        void Bad(string message) => issues.Add(new Issue(row.Number, message));

        var tierText = Cell("梯度");
        var tier = tierText.Length == 0 ? DefaultTier : DisplayNames.TierId(tierText);
        if (tier is null)
        {
            Bad($"梯度“{tierText}”不是已知的梯度名称");
        }
        if (!int.TryParse(Cell("年度"), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 2000 || year > clock.GetUtcNow().Year + 1)
        {
            Bad($"年度“{Cell("年度")}”不是有效的年份");
        }
        var batch = Cell("批次");
        if (batch.Length is 0 or > 40)
        {
            Bad("批次不能为空（如“第一批”），且不超过 40 个字");
        }
        if (!Kinds.TryGetValue(Cell("类别"), out var kind))
        {
            Bad($"类别“{Cell("类别")}”应为“认定”或“复核通过”");
        }
        var code = Cell("行政区划代码");
        var region = regions.Find(code);
        if (region is null || region.Level != "city")
        {
            Bad($"行政区划代码“{code}”不是设区市的代码");
        }
        else if (!regions.IsWithin(code, provinceCode))
        {
            Bad($"{region.Name}（{code}）不在您所在的省份");
        }
        else if (Cell("城市") is { Length: > 0 } name && name != region.Name)
        {
            Bad($"城市“{name}”与行政区划代码 {code}（{region.Name}）不一致");
        }
        if (!int.TryParse(Cell("数量"), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            Bad($"数量“{Cell("数量")}”应为不小于 0 的整数");
        }
        var document = Cell("文号");
        if (document.Length > 100)
        {
            Bad("文号不超过 100 个字");
        }
        if (issues.Count > before)
        {
            return null;
        }
        return new OfficialRecognitionCount
        {
            ProvinceCode = provinceCode,
            Tier = tier!,
            Year = year,
            Batch = batch,
            Kind = kind!,
            CityCode = code,
            Count = count,
            Document = document.Length == 0 ? null : document,
            ImportedBy = db.Scope.Actor,
            ImportedAt = clock.GetUtcNow(),
        };
    }

    private static (string, int, string, string, string) Key(OfficialRecognitionCount c) => (c.Tier, c.Year, c.Batch, c.Kind, c.CityCode);

    private static Outcome Refused(long row, string message) => new(0, 0, 0, [new Issue(row, message)]);
}
