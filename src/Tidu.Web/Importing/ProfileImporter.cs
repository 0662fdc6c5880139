using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tidu.Data.Registry;
using Tidu.Domain.Exchange;

namespace Tidu.Web.Importing;

/// <summary>
/// Turns an upload into a validated batch. Each row is checked on its own first (types, required cells, cell length);
/// rows of one enterprise are merged with its stored file (financial years upserted by year) and the merged file is
/// validated by the exchange-format reader and by the registry (scope, region, column lengths, recognitions), so a
/// row is accepted only if the file it produces can be saved. Bounded: rows, columns, cell lengths and the issues kept
/// have limits (<see cref="ImportOptions"/>), and an XLSX is checked for decompression bombs before it is read.
/// Nothing is written here; <see cref="ImportJobs"/> commits the batch.
/// </summary>
public sealed class ProfileImporter(EnterpriseRegistry registry, Microsoft.Extensions.Options.IOptions<ImportOptions> options, ILogger<ProfileImporter> log)
{
    public enum Format
    {
        Csv,
        Xlsx,
        Json,
    }

    public static Format? FormatOf(string fileName) => Path.GetExtension(fileName).ToUpperInvariant() switch
    {
        ".CSV" => Format.Csv,
        ".XLSX" => Format.Xlsx,
        ".JSON" or ".JSONL" or ".NDJSON" => Format.Json,
        _ => null,
    };

    public async Task<ImportBatch> ReadAsync(byte[] content, Format format, IProgress<int>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        var limits = options.Value;
        var issues = new IssueLog(limits.MaxIssuesKept);
        var pieces = new List<Piece>();
        if (format == Format.Xlsx && XlsxGuard.Problem(content, limits) is { } bomb)
        {
            log.LogWarning("import refused before reading: {Reason}", bomb.En);
            issues.Add(new ImportIssue(0, "", bomb.Zh, bomb.En));
            return new ImportBatch(0, [], issues);
        }
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            if (format == Format.Json)
            {
                ReadJson(stream, pieces, issues, limits);
            }
            else
            {
                ReadTable(format == Format.Csv ? TableReader.Csv(stream) : TableReader.Xlsx(stream), pieces, issues, limits);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A file that cannot be opened at all (not a real XLSX, binary junk) is one issue, not a crash; the details go to the log only.
            log.LogWarning(ex, "import file could not be read as {Format}", format);
            issues.Add(new ImportIssue(0, "", $"无法读取文件（{FormatName(format)}）：文件已损坏或格式不符", $"the file could not be read as {format}"));
            return new ImportBatch(0, [], issues);
        }
        return await MergeAsync(pieces, issues, progress, ct).ConfigureAwait(false);
    }

    private static string FormatName(Format f) => f switch { Format.Csv => "CSV", Format.Xlsx => "Excel", _ => "JSON" };

    /// <summary>What one input row or record contributes to one enterprise's file.</summary>
    private sealed record Piece(long Row, string CreditCode, JsonObject Top, JsonObject? Year, bool WholeProfile);

    private static void ReadTable(IEnumerable<TableReader.Row> rows, List<Piece> pieces, IssueLog issues, ImportOptions limits)
    {
        var headerChecked = false;
        var count = 0;
        foreach (var row in rows)
        {
            if (!headerChecked)
            {
                headerChecked = true;
                if (row.Columns > limits.MaxColumns)
                {
                    issues.Add(new ImportIssue(1, "", $"列数过多：表头有 {row.Columns} 列，最多 {limits.MaxColumns} 列，请使用下载的模板",
                        $"the header has {row.Columns} columns; at most {limits.MaxColumns}"));
                    return;
                }
                var missing = ImportColumns.All.Where(c => c.Required && !row.Cells.ContainsKey(c.Header)).ToList();
                if (missing.Count > 0)
                {
                    foreach (var c in missing)
                    {
                        issues.Add(new ImportIssue(1, c.Header, "表头缺少必需的列，请使用下载的模板", $"the header lacks the required column '{c.Header}' ({c.Key})"));
                    }
                    return;
                }
            }
            if (++count > limits.MaxRows)
            {
                issues.Add(new ImportIssue(row.Number, "", $"超过最多 {limits.MaxRows} 行：从本行起未读取，请分成多个文件导入",
                    $"more than {limits.MaxRows} rows: the rest of the file was not read"));
                return;
            }
            var top = new JsonObject();
            var year = new JsonObject();
            var ok = true;
            foreach (var c in ImportColumns.All)
            {
                var text = row.Cells.GetValueOrDefault(c.Header)?.Trim() ?? "";
                if (text.Length > limits.MaxCellLength)
                {
                    issues.Add(new ImportIssue(row.Number, c.Header, $"内容过长：最多 {limits.MaxCellLength} 个字符", $"{c.Key}: at most {limits.MaxCellLength} characters, got {text.Length}"));
                    ok = false;
                    continue;
                }
                if (text.Length == 0)
                {
                    if (c.Required)
                    {
                        issues.Add(new ImportIssue(row.Number, c.Header, "必填，不能为空", $"{c.Key} is required"));
                        ok = false;
                    }
                    continue;
                }
                if (Cell(c, text) is { } node)
                {
                    (c.PerYear ? year : top)[c.Key] = node;
                }
                else
                {
                    issues.Add(new ImportIssue(row.Number, c.Header, KindMessageZh(c.Kind, text), $"{c.Key}: '{Short(text)}' is not {KindEn(c.Kind)}"));
                    ok = false;
                }
            }
            if (ok)
            {
                var code = top["creditCode"]!.GetValue<string>().ToUpperInvariant();
                top["creditCode"] = code;
                pieces.Add(new Piece(row.Number, code, top, year, false));
            }
        }
    }

    private static JsonValue? Cell(ImportColumns.Column c, string text) => c.Kind switch
    {
        ImportColumns.ColumnKind.Text => JsonValue.Create(text),
        ImportColumns.ColumnKind.Date => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? JsonValue.Create(text) : null,
        ImportColumns.ColumnKind.WholeNumber => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) ? JsonValue.Create(i) : null,
        ImportColumns.ColumnKind.Amount => decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) ? JsonValue.Create(d) : null,
        _ => null,
    };

    private static string KindMessageZh(ImportColumns.ColumnKind kind, string text) => kind switch
    {
        ImportColumns.ColumnKind.Date => $"“{Short(text)}”不是有效日期（格式 YYYY-MM-DD）",
        ImportColumns.ColumnKind.WholeNumber => $"“{Short(text)}”不是整数",
        _ => $"“{Short(text)}”不是数字（金额以万元为单位，不带千分位和单位）",
    };

    private static string KindEn(ImportColumns.ColumnKind kind) => kind switch
    {
        ImportColumns.ColumnKind.Date => "a date (YYYY-MM-DD)",
        ImportColumns.ColumnKind.WholeNumber => "an integer",
        _ => "a number",
    };

    private static string Short(string s) => s.Length <= 40 ? s : s[..40] + "…";

    /// <summary>What the user reads for a record whose processing failed with an internal error (the English reason is logged).</summary>
    private const string FailedRecordZh = "处理该记录时发生内部错误，该记录未导入，其他记录不受影响；请联系管理员。";

    private void ReadJson(Stream stream, List<Piece> pieces, IssueLog issues, ImportOptions limits)
    {
        var count = 0;
        foreach (var split in ProfileReader.Split(stream))
        {
            // The reader counts records from 0; users count from 1 ("record 1" is the first).
            var raw = split with { Ordinal = split.Ordinal + 1 };
            if (++count > limits.MaxRows)
            {
                issues.Add(new ImportIssue(raw.Ordinal, "", $"超过最多 {limits.MaxRows} 条记录：从本条起未读取，请分成多个文件导入",
                    $"more than {limits.MaxRows} records: the rest of the file was not read"));
                return;
            }
            if (!RecordIsolation.TryRun(raw.Ordinal, raw.Locator, null, () => ReadRecord(raw), out var read, out var failure))
            {
                Failed(failure!, [raw.Ordinal], issues);
                continue;
            }
            if (read.Piece is { } piece)
            {
                pieces.Add(piece);
            }
            foreach (var issue in read.Issues)
            {
                issues.Add(issue);
            }
        }
    }

    /// <summary>One JSON record: its piece, or its issues. Members are read here, inside the record's isolation.</summary>
    private static (Piece? Piece, List<ImportIssue> Issues) ReadRecord(RawRecord raw)
    {
        var record = ProfileReader.Parse(raw);
        if (!record.IsValid)
        {
            return (null, record.Errors.Select(e => new ImportIssue(raw.Ordinal, e.Path, ReasonTranslator.ToChinese(e.Reason), e.Reason)).ToList());
        }
        var top = JsonNode.Parse(raw.Json.Span)!.AsObject();
        _ = top.Count; // a JSON object's members are read lazily: a property given twice throws here, not later in the merge
        return (new Piece(raw.Ordinal, record.Profile!.CreditCode, top, null, true), []);
    }

    /// <summary>
    /// An internal error on one record (or one enterprise's rows): logged in English with the exception's message, an
    /// issue in Chinese on each row. The report names no part of the exception: its text is no user's to read.
    /// </summary>
    private void Failed(RecordFailure failure, IEnumerable<long> rows, IssueLog issues)
    {
        log.LogError("import record {Record} ({CreditCode}) failed: {Reason}", failure.Record, failure.CreditCode, failure.Reason);
        const string reported = "internal error; the details are in the server log";
        foreach (var row in rows)
        {
            issues.Add(new ImportIssue(row, "", FailedRecordZh, reported));
        }
    }

    private async Task<ImportBatch> MergeAsync(List<Piece> pieces, IssueLog issues, IProgress<int>? progress, CancellationToken ct)
    {
        var rows = pieces.Count + issues.BadRows;
        var profiles = new List<ImportedProfile>();
        var groups = pieces.GroupBy(p => p.CreditCode, StringComparer.Ordinal).ToList();
        var done = 0;
        foreach (var chunk in groups.Chunk(500))
        {
            var stored = await registry.LoadAsync(chunk.Select(g => g.Key), ct).ConfigureAwait(false);
            foreach (var g in chunk)
            {
                if (!RecordIsolation.TryRun(g.First().Row, $"row {g.First().Row}", g.Key, () => Merge(g, stored, issues), out var imported, out var failure))
                {
                    Failed(failure!, g.Select(p => p.Row), issues);
                    continue;
                }
                if (imported is not null)
                {
                    profiles.Add(imported);
                }
            }
            done += chunk.Sum(g => g.Count());
            progress?.Report(done);
        }
        // What the registry would refuse (scope, region table, column lengths, recognitions) is refused here, row by
        // row, so that the commit never fails on it. A credit code held in another region reads as new: a check
        // answers nothing about other regions (the commit refuses it).
        var refusals = await registry.RefusalsAsync(profiles.Select(p => p.Profile).ToList(), ct: ct).ConfigureAwait(false);
        var refused = refusals.Select(r => r.Index).ToHashSet();
        foreach (var r in refusals)
        {
            var (column, zh, en) = ImportMessages.Of(r);
            foreach (var row in profiles[r.Index].Rows)
            {
                issues.Add(new ImportIssue(row, column, zh, en));
            }
        }
        var accepted = profiles.Where((_, i) => !refused.Contains(i)).ToList();
        return new ImportBatch(rows, accepted, issues);
    }

    /// <summary>
    /// One enterprise's rows merged with its stored file and validated: the profile to import, or null with the issues
    /// added (all of the enterprise's rows are then refused together). Runs in the enterprise's isolation: the issues are
    /// added only once the merge completed.
    /// </summary>
    private static ImportedProfile? Merge(IGrouping<string, Piece> g, Dictionary<string, Data.Entities.Enterprise> stored, IssueLog issues)
    {
        var found = new List<ImportIssue>();
        var result = MergeGroup(g, stored, found);
        foreach (var issue in found)
        {
            issues.Add(issue);
        }
        return result;
    }

    private static ImportedProfile? MergeGroup(IGrouping<string, Piece> g, Dictionary<string, Data.Entities.Enterprise> stored, List<ImportIssue> issues)
    {
        var merged = stored.TryGetValue(g.Key, out var e) ? ProfileMapping.ToJson(e) : new JsonObject();
        var yearRows = new Dictionary<int, long>();
        var first = g.First();
        foreach (var piece in g)
        {
            MergeInto(merged, piece, first, yearRows, issues);
        }
        var record = ProfileReader.Parse(new RawRecord(first.Row, g.Key, JsonSerializer.SerializeToUtf8Bytes(merged)));
        if (record.Profile is { } profile)
        {
            // The region table, scope, column lengths and recognitions are the registry's refusals (after the merge).
            return new ImportedProfile(profile, g.Select(p => p.Row).ToList());
        }
        var years = merged["financials"] as JsonArray;
        foreach (var err in record.Errors)
        {
            var row = RowOf(err.Path, years, yearRows) ?? first.Row;
            issues.Add(new ImportIssue(row, ImportMessages.ColumnOf(err.Path), ReasonTranslator.ToChinese(err.Reason), err.Reason));
        }
        foreach (var other in g.Where(p => !issues.Any(i => i.Row == p.Row)))
        {
            issues.Add(new ImportIssue(other.Row, "", "同一企业的其他行有错误，本行未导入", $"not imported: another row of enterprise {g.Key} has errors"));
        }
        return null;
    }

    /// <summary>Adds one piece to the merged file; false (with an issue) when it contradicts an earlier row of the same enterprise.</summary>
    private static bool MergeInto(JsonObject merged, Piece piece, Piece first, Dictionary<int, long> yearRows, List<ImportIssue> issues)
    {
        if (!piece.WholeProfile && piece != first)
        {
            foreach (var key in new[] { "name", "regionCode", "industryCode" })
            {
                if (piece.Top[key]?.GetValue<string>() != first.Top[key]?.GetValue<string>())
                {
                    var header = ImportColumns.ByKey(key)!.Header;
                    issues.Add(new ImportIssue(piece.Row, header, $"与第 {first.Row} 行同一企业的{header}不一致", $"{key} differs from row {first.Row} of the same enterprise"));
                    return false;
                }
            }
        }
        var years = merged["financials"] as JsonArray ?? [];
        merged.Remove("financials");
        foreach (var (key, value) in piece.Top)
        {
            if (key == "financials")
            {
                continue;
            }
            merged[key] = value?.DeepClone();
        }
        var incoming = piece.WholeProfile ? (piece.Top["financials"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [] : [piece.Year!];
        foreach (var y in incoming)
        {
            var year = YearOf(y) is { } n && n is >= int.MinValue and <= int.MaxValue ? (int)n : (int?)null;
            var copy = y.DeepClone().AsObject();
            var at = year is null ? -1 : years.ToList().FindIndex(o => YearOf(o) == year);
            if (year is not null && yearRows.TryGetValue(year.Value, out var earlier) && !piece.WholeProfile)
            {
                issues.Add(new ImportIssue(piece.Row, "年度", $"年度 {year} 在第 {earlier} 行已出现", $"year {year} already given in row {earlier}"));
                merged["financials"] = years;
                return false;
            }
            if (at >= 0)
            {
                if (!piece.WholeProfile && years[at] is JsonObject held)
                {
                    // A template row states only the template's columns: what the stored year holds beyond them (basic
                    // research, the v1.1 figures) stays as stored instead of being dropped with the replaced entry.
                    foreach (var (key, value) in held.Where(m => ImportColumns.ByKey(m.Key) is null).ToList())
                    {
                        copy[key] = value?.DeepClone();
                    }
                }
                years[at] = copy;
            }
            else
            {
                years.Add(copy);
            }
            if (year is not null)
            {
                yearRows[year.Value] = piece.Row;
            }
        }
        merged["financials"] = years;
        return true;
    }

    /// <summary>
    /// The "year" of a financials entry: a JSON element when parsed, an int or a long when a merge set it in code;
    /// GetValue&lt;long&gt; throws on an int node, which once failed every import touching a stored file.
    /// </summary>
    private static long? YearOf(JsonNode? entry) =>
        entry?["year"] is JsonValue v
            ? v.TryGetValue<long>(out var l) ? l : v.TryGetValue<int>(out var i) ? i : null
            : null;

    private static long? RowOf(string path, JsonArray? years, Dictionary<int, long> yearRows)
    {
        var parts = path.Split('/');
        if (parts.Length >= 3 && parts[1] == "financials" && int.TryParse(parts[2], CultureInfo.InvariantCulture, out var i)
            && years is not null && i < years.Count && YearOf(years[i]) is { } y && yearRows.TryGetValue((int)y, out var row))
        {
            return row;
        }
        return null;
    }
}
