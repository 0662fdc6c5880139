using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tidu.Data;
using Tidu.Data.Auditing;
using Tidu.Data.Entities;

namespace Tidu.Application.Auditing;

/// <summary>The audit administrator's filter: a China-time date range, who, which event or entity, which object, the outcome.</summary>
public sealed record AuditFilter(DateOnly? From, DateOnly? To, string? Actor, string? Action, string? Entity, string? Key, string? Outcome)
{
    public bool SecurityEventsOnly => Entity == SecurityEvents.Entity;
}

/// <summary>One row as the audit administrator reads it.</summary>
public sealed record AuditRow(long Id, long? Sequence, DateTimeOffset At, string Actor, string Action, string Event, string Entity, string Key,
    string Outcome, string Address, string Details);

/// <summary>An export's rows (oldest first), whether it was cut at <see cref="AuditSearch.MaxExportRows"/>, and when it was taken (China time).</summary>
public sealed record AuditExport(IReadOnlyList<AuditRow> Rows, bool Truncated, DateTimeOffset TakenAt);

/// <summary>
/// One entry of an entity's history as the audit administrator reads it: the entry, and whether its values are withheld
/// (enterprise data: which fields changed, never their values).
/// </summary>
public sealed record AuditHistoryEntry(AuditEntry Entry, bool ValuesWithheld)
{
    /// <summary>The fields the entry changed (those of the values after, or before for a deletion).</summary>
    public IReadOnlyList<string> Fields => (JsonNode.Parse(Entry.After ?? Entry.Before ?? "{}") as JsonObject)?.Select(p => p.Key).ToList() ?? [];
}

/// <summary>
/// Searching and exporting the audit trail for the audit administrator (审计管理员): security events with all their
/// details; writes with who, when, what and which fields changed — but for enterprise data (a row that belongs to an
/// enterprise) not the values: the audit administrator checks what was done, not what the files hold (三员分立:
/// no administrator reads enterprise data).
/// </summary>
public sealed class AuditSearch(TiduDbContext db, ISecurityEvents events, TimeProvider clock)
{
    public const int PageSize = 50;

    /// <summary>Largest export in one file; narrow the dates for more.</summary>
    public const int MaxExportRows = 100_000;

    public const int DefaultHistoryTake = 200;
    public const int MaxHistoryTake = 1000;

    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    /// <summary>
    /// The history of one entity (by its name and, optionally, key), newest first, at most <paramref name="take"/> (1 to
    /// <see cref="MaxHistoryTake"/>): the same rule as the search page, enterprise data with its fields but not their values.
    /// </summary>
    public async Task<IReadOnlyList<AuditHistoryEntry>> HistoryAsync(string entity, string? key, int? take, CancellationToken ct)
    {
        var query = db.AuditEntries.AsNoTracking().Where(a => a.Entity == entity);
        if (key is not null)
        {
            query = query.Where(a => a.EntityKey == key);
        }
        var entries = await query.OrderByDescending(a => a.Id).Take(Math.Clamp(take ?? DefaultHistoryTake, 1, MaxHistoryTake)).ToListAsync(ct).ConfigureAwait(false);
        return [.. entries.Select(a => new AuditHistoryEntry(a, a.CreditCode is not null))];
    }

    public async Task<IReadOnlyList<AuditRow>> PageAsync(AuditFilter filter, long? before, CancellationToken ct)
    {
        var query = Query(filter);
        if (before is { } id)
        {
            query = query.Where(a => a.Id < id);
        }
        var entries = await query.OrderByDescending(a => a.Id).Take(PageSize).ToListAsync(ct).ConfigureAwait(false);
        return [.. entries.Select(Row)];
    }

    /// <summary>
    /// The rows of an export (oldest first, at most <see cref="MaxExportRows"/>), recorded as a security event with its
    /// filter and size in the same save: who took which part of the trail, when, from where.
    /// </summary>
    public async Task<AuditExport> ExportAsync(AuditFilter filter, string format, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var entries = await Query(filter).OrderBy(a => a.Id).Take(MaxExportRows + 1).ToListAsync(ct).ConfigureAwait(false);
        var truncated = entries.Count > MaxExportRows;
        var rows = entries.Take(MaxExportRows).Select(Row).ToList();
        events.Add(SecurityEvents.AuditExported, "audit", details: new JsonObject
        {
            ["format"] = format,
            ["rows"] = rows.Count,
            ["truncated"] = truncated,
            ["filter"] = $"from={filter.From:yyyy-MM-dd};to={filter.To:yyyy-MM-dd};actor={filter.Actor};action={filter.Action};entity={filter.Entity};key={filter.Key};outcome={filter.Outcome}",
        });
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return new AuditExport(rows, truncated, clock.GetUtcNow().ToOffset(Beijing));
    }

    private IQueryable<AuditEntry> Query(AuditFilter f)
    {
        var query = Between(f.From, f.To);
        if (!string.IsNullOrWhiteSpace(f.Actor))
        {
            query = query.Where(a => a.Actor == f.Actor.Trim());
        }
        if (!string.IsNullOrWhiteSpace(f.Action))
        {
            query = query.Where(a => a.Action == f.Action.Trim());
        }
        if (!string.IsNullOrWhiteSpace(f.Entity))
        {
            query = query.Where(a => a.Entity == f.Entity.Trim());
        }
        if (!string.IsNullOrWhiteSpace(f.Key))
        {
            query = query.Where(a => a.EntityKey == f.Key.Trim());
        }
        if (f.Outcome is SecurityEvents.Failure)
        {
            // Only security events can fail (a write that failed left nothing to audit).
            query = query.Where(a => a.Entity == SecurityEvents.Entity && a.After!.Contains("\"outcome\":\"failure\""));
        }
        return query.AsNoTracking();
    }

    /// <summary>
    /// Entries of a China-time date range. SQLite keeps times as text (EF Core cannot compare them there), so its range
    /// is compared as text in the stored format — exact, since every entry's time is stored in UTC.
    /// </summary>
    private IQueryable<AuditEntry> Between(DateOnly? from, DateOnly? to)
    {
        var start = from is { } f ? new DateTimeOffset(f.ToDateTime(TimeOnly.MinValue), Beijing).ToUniversalTime() : (DateTimeOffset?)null;
        var end = to is { } t ? new DateTimeOffset(t.AddDays(1).ToDateTime(TimeOnly.MinValue), Beijing).ToUniversalTime() : (DateTimeOffset?)null;
        if (!db.Database.IsSqlite())
        {
            var q = db.AuditEntries.AsQueryable();
            if (start is { } s)
            {
                q = q.Where(a => a.At >= s);
            }
            if (end is { } e)
            {
                q = q.Where(a => a.At < e);
            }
            return q;
        }
        var low = Text(start ?? DateTimeOffset.MinValue.ToUniversalTime());
        var high = Text(end ?? new DateTimeOffset(9999, 1, 1, 0, 0, 0, TimeSpan.Zero));
        return db.AuditEntries.FromSql($"SELECT * FROM \"AuditEntries\" WHERE \"At\" >= {low} AND \"At\" < {high}");
    }

    private static string Text(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    public static AuditRow Row(AuditEntry a)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.Entity == SecurityEvents.Entity)
        {
            var after = Parse(a.After);
            var details = after is null ? "" : string.Join("；", after.Where(p => p.Key is not ("outcome" or "address")).Select(p => $"{p.Key}: {Text(p.Value)}"));
            return new AuditRow(a.Id, a.Sequence, a.At, a.Actor, a.Action, SecurityEvents.Titles.GetValueOrDefault(a.Action, a.Action), "安全事件", a.EntityKey,
                after?["outcome"]?.GetValue<string>() == SecurityEvents.Failure ? "失败" : "成功", after?["address"]?.GetValue<string>() ?? "—", details);
        }
        if (a.Action == Data.Registry.Bulk.BulkLoader.AuditAction && Parse(a.After) is { } batch)
        {
            // One entry for a batch of files: how many, from where and its content hash; the credit codes stay in the entry.
            var count = (string key) => (batch[key] as JsonArray)?.Count ?? 0;
            return new AuditRow(a.Id, a.Sequence, a.At, a.Actor, a.Action, "档案批量载入", a.Entity, a.EntityKey, "成功", "—",
                $"新增 {count("created")} 家、更新 {count("updated")} 家；来源：{Text(batch["source"])}（{Text(batch["rows"])}）；内容 SHA-256：{Text(batch["sha256"])}");
        }
        var action = a.Action switch { "insert" => "新增", "update" => "修改", "delete" => "删除", _ => a.Action };
        var changed = (Parse(a.After) ?? Parse(a.Before))?.Select(p => p.Key).ToList() ?? [];
        // Enterprise data: which fields, never their values.
        var shown = a.CreditCode is not null
            ? "字段：" + string.Join("、", changed)
            : string.Join("；", changed.Select(k => $"{k}: {Text(Parse(a.Before)?[k])} → {Text(Parse(a.After)?[k])}"));
        return new AuditRow(a.Id, a.Sequence, a.At, a.Actor, a.Action, "数据" + action, a.Entity, a.CreditCode is null ? a.EntityKey : $"{a.CreditCode} / {a.EntityKey}",
            "成功", "—", shown);
    }

    private static JsonObject? Parse(string? json) => json is null ? null : JsonNode.Parse(json) as JsonObject;

    private static string Text(JsonNode? node) => node switch
    {
        null => "—",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };
}
