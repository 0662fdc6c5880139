using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Tidu.Data.Entities;

namespace Tidu.Data.Registry.Bulk;

/// <summary>
/// PostgreSQL, all inside the caller's transaction, by binary COPY (Npgsql's importer): new files' rows straight into the
/// tables (their ids are drawn from the table's identity sequence first, so their years, honours and outcomes are copied
/// with the id already in them); stored files' rows into temporary staging tables that one statement per table merges
/// into the real one (<c>INSERT … ON CONFLICT … DO UPDATE</c>), each file only over the revision it was loaded with.
/// </summary>
internal sealed class PostgresBulkStore : IBulkStore
{
    // The yearly value columns come from the one list of them (YearFields), in its order, under their own names.
    private static readonly string Staging = $"""
        CREATE TEMP TABLE IF NOT EXISTS bulk_years (enterprise_id bigint, year integer,
            {string.Join(", ", YearFields.Amounts.Select(a => $"\"{a.Column}\" numeric").Concat(YearFields.Headcounts.Select(h => $"\"{h.Column}\" integer")))}) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS bulk_enterprises (id bigint, changed boolean, evaluated boolean, revision integer,
            credit_code text, name text, region_code text, province_code text, city_code text, industry_code text, established_on date,
            attributes text, ev_as_of date, ev_size_class text, ev_highest text, ev_near text, ev_versions text) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS bulk_honors (enterprise_id bigint, kind text, year integer, valid_until date, rank integer) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS bulk_recognitions (enterprise_id bigint, tier text, recognized_on date, valid_until date, issuer text, basis text) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS bulk_outcomes (enterprise_id bigint, tier text, qualified boolean, score numeric, decisive_failures integer, near_miss boolean) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS bulk_history (enterprise_id bigint, tier text, as_of date, rule_version text, qualified boolean, near_miss boolean,
            score numeric, province_code text, city_code text, region_code text) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS bulk_counts (region_code text, tier text, day date, province_code text, city_code text, qualified integer,
            near_misses integer, recognized integer) ON COMMIT DELETE ROWS;
        """;

    private const string EnterpriseColumns = """
        "Id", "CreditCode", "Name", "RegionCode", "ProvinceCode", "CityCode", "IndustryCode", "EstablishedOn", "Attributes", "UpdatedAt", "Revision",
        "Evaluation_AsOf", "Evaluation_SizeClass", "Evaluation_HighestTier", "Evaluation_NearMissTier", "Evaluation_RuleVersions"
        """;

    private const string HistoryColumns = """
        "EnterpriseId", "Tier", "AsOf", "RuleVersion", "Qualified", "NearMiss", "Score", "ProvinceCode", "CityCode", "RegionCode"
        """;

    private const string MergeCounts = """
        INSERT INTO "TierDayCounts" ("RegionCode", "Tier", "Day", "ProvinceCode", "CityCode", "Qualified", "NearMisses", "Recognized")
        SELECT region_code, tier, day, province_code, city_code, qualified, near_misses, recognized FROM bulk_counts ORDER BY region_code, tier, day
        ON CONFLICT ("RegionCode", "Tier", "Day") DO UPDATE SET
            "Qualified" = "TierDayCounts"."Qualified" + excluded."Qualified",
            "NearMisses" = "TierDayCounts"."NearMisses" + excluded."NearMisses",
            "Recognized" = "TierDayCounts"."Recognized" + excluded."Recognized"
        """;

    private const string MergeEnterprises = $"""
        INSERT INTO "Enterprises" AS t ({EnterpriseColumns})
        SELECT id, credit_code, name, region_code, province_code, city_code, industry_code, established_on, attributes, @now, revision,
            ev_as_of, ev_size_class, ev_highest, ev_near, ev_versions
        FROM bulk_enterprises WHERE changed
        ON CONFLICT ("Id") DO UPDATE SET "CreditCode" = EXCLUDED."CreditCode", "Name" = EXCLUDED."Name", "RegionCode" = EXCLUDED."RegionCode",
            "ProvinceCode" = EXCLUDED."ProvinceCode", "CityCode" = EXCLUDED."CityCode", "IndustryCode" = EXCLUDED."IndustryCode",
            "EstablishedOn" = EXCLUDED."EstablishedOn", "Attributes" = EXCLUDED."Attributes", "UpdatedAt" = EXCLUDED."UpdatedAt", "Revision" = t."Revision" + 1,
            "Evaluation_AsOf" = EXCLUDED."Evaluation_AsOf", "Evaluation_SizeClass" = EXCLUDED."Evaluation_SizeClass",
            "Evaluation_HighestTier" = EXCLUDED."Evaluation_HighestTier", "Evaluation_NearMissTier" = EXCLUDED."Evaluation_NearMissTier",
            "Evaluation_RuleVersions" = EXCLUDED."Evaluation_RuleVersions"
        WHERE t."Revision" = EXCLUDED."Revision"
        """;

    private const string MergeEvaluations = """
        UPDATE "Enterprises" AS t SET "Evaluation_AsOf" = s.ev_as_of, "Evaluation_SizeClass" = s.ev_size_class, "Evaluation_HighestTier" = s.ev_highest,
            "Evaluation_NearMissTier" = s.ev_near, "Evaluation_RuleVersions" = s.ev_versions
        FROM bulk_enterprises s WHERE t."Id" = s.id AND NOT s.changed AND t."Revision" = s.revision
        """;

    private static readonly string YearColumns = string.Join(", ", YearFields.Columns.Select(c => $"\"{c}\""));

    private static readonly string MergeYears = $"""
        INSERT INTO "FinancialYears" AS t ("EnterpriseId", "Year", {YearColumns})
        SELECT * FROM bulk_years
        ON CONFLICT ("EnterpriseId", "Year") DO UPDATE SET {string.Join(", ", YearFields.Columns.Select(c => $"\"{c}\" = EXCLUDED.\"{c}\""))}
        """;

    // Rows are deleted by id lists (primary keys and the outcome key's leading column), never by a join with a staging table:
    // a temporary table has no statistics, and PostgreSQL then scans the whole target table for every batch — the load
    // would grow with the square of its size.
    private const string MergeChildren = $"""
        DELETE FROM "Honors" WHERE "Id" = ANY(@honors);
        INSERT INTO "Honors" ("EnterpriseId", "Kind", "Year", "ValidUntil", "Rank") SELECT * FROM bulk_honors;
        DELETE FROM "Recognitions" WHERE "Id" = ANY(@recognitions);
        INSERT INTO "Recognitions" ("EnterpriseId", "Tier", "RecognizedOn", "ValidUntil", "Issuer", "Basis") SELECT * FROM bulk_recognitions;
        DELETE FROM "TierOutcomes" WHERE "EnterpriseId" = ANY(@reevaluated);
        INSERT INTO "TierOutcomes" ("EnterpriseId", "Tier", "Qualified", "Score", "DecisiveFailures", "NearMiss") SELECT * FROM bulk_outcomes;
        DELETE FROM "OutcomeHistory" WHERE "EnterpriseId" = ANY(@reevaluated) AND "AsOf" = ANY(@dates);
        INSERT INTO "OutcomeHistory" ({HistoryColumns}) SELECT * FROM bulk_history;
        """;

    private readonly NpgsqlConnection _connection;

    private PostgresBulkStore(NpgsqlConnection connection) => _connection = connection;

    public static Task<IBulkStore> CreateAsync(TiduDbContext db, CancellationToken ct)
    {
        _ = ct;
        return Task.FromResult<IBulkStore>(new PostgresBulkStore((NpgsqlConnection)db.Database.GetDbConnection()));
    }

    public async Task WriteAsync(IReadOnlyList<BulkFile> files, DateTimeOffset now, string? recognitionBasis, CancellationToken ct)
    {
        await ExecuteAsync(Staging, ct).ConfigureAwait(false);
        var created = files.Where(f => f.IsNew).ToList();
        var stored = files.Where(f => !f.IsNew).ToList();
        await AssignIdsAsync(created, ct).ConfigureAwait(false);
        var utc = now.ToUniversalTime();

        // New files go by COPY straight into the tables: their ids were drawn for this batch, so nothing of them can be
        // there yet (a credit code another writer stored meanwhile fails the unique index, and the batch with it).
        await CopyAsync($"""COPY "Enterprises" ({EnterpriseColumns}) FROM STDIN (FORMAT BINARY)""", created, (w, f) =>
        {
            var e = f.Entity;
            w.Write(e.Id, NpgsqlDbType.Bigint);
            FileColumns(w, e);
            w.Write(utc, NpgsqlDbType.TimestampTz);
            w.Write(f.LoadedRevision, NpgsqlDbType.Integer);
            Evaluation(w, e.Evaluation);
        }, ct).ConfigureAwait(false);
        await CopyYearsAsync($"""COPY "FinancialYears" ("EnterpriseId", "Year", {YearColumns}) FROM STDIN (FORMAT BINARY)""", created, ct).ConfigureAwait(false);
        await CopyHonorsAsync("""COPY "Honors" ("EnterpriseId", "Kind", "Year", "ValidUntil", "Rank") FROM STDIN (FORMAT BINARY)""", created, ct).ConfigureAwait(false);
        await CopyRecognitionsAsync("""COPY "Recognitions" ("EnterpriseId", "Tier", "RecognizedOn", "ValidUntil", "Issuer", "Basis") FROM STDIN (FORMAT BINARY)""",
            created, recognitionBasis, ct).ConfigureAwait(false);
        await CopyOutcomesAsync("""COPY "TierOutcomes" ("EnterpriseId", "Tier", "Qualified", "Score", "DecisiveFailures", "NearMiss") FROM STDIN (FORMAT BINARY)""",
            created, ct).ConfigureAwait(false);
        await CopyHistoryAsync($"""COPY "OutcomeHistory" ({HistoryColumns}) FROM STDIN (FORMAT BINARY)""", created, ct).ConfigureAwait(false);

        if (stored.Count > 0)
        {
            await MergeStoredAsync(stored, utc, recognitionBasis, ct).ConfigureAwait(false);
        }
        await AddCountsAsync(files.SelectMany(f => f.Entity.PendingCounts), ct).ConfigureAwait(false);
    }

    /// <summary>The file's own columns, in the order both the table and the staging table list them.</summary>
    private static void FileColumns(NpgsqlBinaryImporter w, Enterprise e)
    {
        Text(w, e.CreditCode);
        Text(w, e.Name);
        Text(w, e.RegionCode);
        Text(w, e.ProvinceCode);
        Text(w, e.CityCode);
        Text(w, e.IndustryCode);
        Date(w, e.EstablishedOn);
        Text(w, e.Attributes);
    }

    /// <summary>
    /// Stored files (changed, or re-evaluated on another date): their rows go by COPY into the staging tables and are
    /// merged by one statement per table, each file only over the revision it was loaded with.
    /// </summary>
    private async Task MergeStoredAsync(List<BulkFile> files, DateTimeOffset now, string? recognitionBasis, CancellationToken ct)
    {
        await CopyAsync("COPY bulk_enterprises FROM STDIN (FORMAT BINARY)", files, (w, f) =>
        {
            var e = f.Entity;
            w.Write(e.Id, NpgsqlDbType.Bigint);
            w.Write(f.Changed, NpgsqlDbType.Boolean);
            w.Write(f.Evaluated, NpgsqlDbType.Boolean);
            w.Write(f.LoadedRevision, NpgsqlDbType.Integer);
            FileColumns(w, e);
            Evaluation(w, e.Evaluation);
        }, ct).ConfigureAwait(false);
        var changed = files.Where(f => f.Changed).ToList();
        await CopyYearsAsync("COPY bulk_years FROM STDIN (FORMAT BINARY)", changed, ct).ConfigureAwait(false);
        await CopyHonorsAsync("COPY bulk_honors FROM STDIN (FORMAT BINARY)", changed, ct).ConfigureAwait(false);
        await CopyRecognitionsAsync("COPY bulk_recognitions FROM STDIN (FORMAT BINARY)", changed, recognitionBasis, ct).ConfigureAwait(false);
        await CopyOutcomesAsync("COPY bulk_outcomes FROM STDIN (FORMAT BINARY)", files, ct).ConfigureAwait(false);
        await CopyHistoryAsync("COPY bulk_history FROM STDIN (FORMAT BINARY)", files, ct).ConfigureAwait(false);

        var merged = await ExecuteAsync(MergeEnterprises, ct, new NpgsqlParameter("now", now)).ConfigureAwait(false);
        // The re-evaluation update joins the staging table: statistics first, or the plan scans every enterprise.
        var reevaluated = 0;
        if (files.Count > changed.Count)
        {
            await ExecuteAsync("ANALYZE bulk_enterprises", ct).ConfigureAwait(false);
            reevaluated = await ExecuteAsync(MergeEvaluations, ct).ConfigureAwait(false);
        }
        if (merged != changed.Count || reevaluated != files.Count - changed.Count)
        {
            throw new BulkConflictException("another writer changed some of these files while they were being loaded; nothing of this batch was written, load it again");
        }
        await ExecuteAsync(MergeYears, ct).ConfigureAwait(false);
        await ExecuteAsync(MergeChildren, ct,
            new NpgsqlParameter("honors", changed.SelectMany(f => f.RemovedHonors).ToArray()),
            new NpgsqlParameter("recognitions", changed.SelectMany(f => f.RemovedRecognitions).ToArray()),
            new NpgsqlParameter("reevaluated", files.Where(f => f.Evaluated).Select(f => f.Entity.Id).ToArray()),
            new NpgsqlParameter("dates", files.Where(f => f.Evaluated).Select(f => f.Entity.Evaluation!.AsOf).Distinct().ToArray())).ConfigureAwait(false);
    }

    private Task CopyYearsAsync(string copy, IEnumerable<BulkFile> files, CancellationToken ct) =>
        CopyAsync(copy, files.Where(f => f.Changed).SelectMany(f => f.Entity.Financials.Select(y => (f.Entity.Id, y))), (w, x) =>
        {
            var (id, y) = x;
            w.Write(id, NpgsqlDbType.Bigint);
            w.Write(y.Year, NpgsqlDbType.Integer);
            foreach (var a in YearFields.Amounts)
            {
                Number(w, a.Get(y));
            }
            foreach (var h in YearFields.Headcounts)
            {
                Integer(w, h.Get(y));
            }
        }, ct);

    private Task CopyHonorsAsync(string copy, IEnumerable<BulkFile> files, CancellationToken ct) =>
        CopyAsync(copy, files.Where(f => f.Changed).SelectMany(f => f.Entity.Honors.Where(h => h.Id == 0).Select(h => (f.Entity.Id, h))), (w, x) =>
        {
            var (id, h) = x;
            w.Write(id, NpgsqlDbType.Bigint);
            Text(w, h.Kind);
            Integer(w, h.Year);
            Date(w, h.ValidUntil);
            Integer(w, h.Rank);
        }, ct);

    private Task CopyRecognitionsAsync(string copy, IEnumerable<BulkFile> files, string? recognitionBasis, CancellationToken ct) =>
        CopyAsync(copy, files.Where(f => f.Changed).SelectMany(f => f.Entity.Recognitions.Where(r => r.Id == 0).Select(r => (f.Entity.Id, r))), (w, x) =>
        {
            var (id, r) = x;
            w.Write(id, NpgsqlDbType.Bigint);
            Text(w, r.Tier);
            Date(w, r.RecognizedOn);
            Date(w, r.ValidUntil);
            Text(w, r.Issuer);
            Text(w, r.Basis ?? recognitionBasis);
        }, ct);

    private Task CopyOutcomesAsync(string copy, IEnumerable<BulkFile> files, CancellationToken ct) =>
        CopyAsync(copy, files.Where(f => f.Evaluated).SelectMany(f => f.Entity.TierOutcomes.Select(o => (f.Entity.Id, o))), (w, x) =>
        {
            var (id, o) = x;
            w.Write(id, NpgsqlDbType.Bigint);
            Text(w, o.Tier);
            w.Write(o.Qualified, NpgsqlDbType.Boolean);
            Number(w, o.Score);
            w.Write(o.DecisiveFailures, NpgsqlDbType.Integer);
            w.Write(o.NearMiss, NpgsqlDbType.Boolean);
        }, ct);

    // The history rows of the evaluation's date (the only date an evaluation writes): replaced as a whole.
    private Task CopyHistoryAsync(string copy, IEnumerable<BulkFile> files, CancellationToken ct) =>
        CopyAsync(copy, files.Where(f => f.Evaluated).SelectMany(f => f.Entity.OutcomeHistory.Where(h => h.AsOf == f.Entity.Evaluation!.AsOf).Select(h => (f.Entity.Id, h))), (w, x) =>
        {
            var (id, h) = x;
            w.Write(id, NpgsqlDbType.Bigint);
            Text(w, h.Tier);
            w.Write(h.AsOf, NpgsqlDbType.Date);
            Text(w, h.RuleVersion);
            w.Write(h.Qualified, NpgsqlDbType.Boolean);
            w.Write(h.NearMiss, NpgsqlDbType.Boolean);
            Number(w, h.Score);
            Text(w, h.ProvinceCode);
            Text(w, h.CityCode);
            Text(w, h.RegionCode);
        }, ct);

    /// <summary>
    /// The batch's roll-up changes (summed per region, tier and day) added to the stored rows by one statement, in key
    /// order so that two writers adding to the same rows take their locks in the same order.
    /// </summary>
    private async Task AddCountsAsync(IEnumerable<Entities.Monitoring.TierDayCount> changes, CancellationToken ct)
    {
        var rows = OutcomeHistory.Sum(changes);
        if (rows.Count == 0)
        {
            return;
        }
        await CopyAsync("COPY bulk_counts FROM STDIN (FORMAT BINARY)", rows, (w, c) =>
        {
            Text(w, c.RegionCode);
            Text(w, c.Tier);
            w.Write(c.Day, NpgsqlDbType.Date);
            Text(w, c.ProvinceCode);
            Text(w, c.CityCode);
            w.Write(c.Qualified, NpgsqlDbType.Integer);
            w.Write(c.NearMisses, NpgsqlDbType.Integer);
            w.Write(c.Recognized, NpgsqlDbType.Integer);
        }, ct).ConfigureAwait(false);
        await ExecuteAsync(MergeCounts, ct).ConfigureAwait(false);
    }

    private static void Evaluation(NpgsqlBinaryImporter w, EvaluationSummary? ev)
    {
        Date(w, ev?.AsOf);
        Text(w, ev?.SizeClass);
        Text(w, ev?.HighestTier);
        Text(w, ev?.NearMissTier);
        Text(w, ev?.RuleVersions);
    }

    private async Task AssignIdsAsync(List<BulkFile> created, CancellationToken ct)
    {
        if (created.Count == 0)
        {
            return;
        }
        await using var command = new NpgsqlCommand("""SELECT nextval(pg_get_serial_sequence('"Enterprises"', 'Id')) FROM generate_series(1, @n)""", _connection);
        command.Parameters.AddWithValue("n", created.Count);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var i = 0;
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            created[i++].Entity.Id = reader.GetInt64(0);
        }
    }

    private async Task CopyAsync<T>(string copy, IEnumerable<T> rows, Action<NpgsqlBinaryImporter, T> write, CancellationToken ct)
    {
        var importer = await _connection.BeginBinaryImportAsync(copy, ct).ConfigureAwait(false);
        await using (importer.ConfigureAwait(false))
        {
            foreach (var row in rows)
            {
                importer.StartRow();
                write(importer, row);
            }
            await importer.CompleteAsync(ct).ConfigureAwait(false);
        }
    }

    private async Task<int> ExecuteAsync(string sql, CancellationToken ct, params NpgsqlParameter[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, _connection);
        command.Parameters.AddRange(parameters);
        return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static void Text(NpgsqlBinaryImporter w, string? value)
    {
        if (value is null)
        {
            w.WriteNull();
        }
        else
        {
            w.Write(value, NpgsqlDbType.Text);
        }
    }

    private static void Date(NpgsqlBinaryImporter w, DateOnly? value)
    {
        if (value is { } v)
        {
            w.Write(v, NpgsqlDbType.Date);
        }
        else
        {
            w.WriteNull();
        }
    }

    private static void Number(NpgsqlBinaryImporter w, decimal? value)
    {
        if (value is { } v)
        {
            w.Write(v, NpgsqlDbType.Numeric);
        }
        else
        {
            w.WriteNull();
        }
    }

    private static void Integer(NpgsqlBinaryImporter w, int? value)
    {
        if (value is { } v)
        {
            w.Write(v, NpgsqlDbType.Integer);
        }
        else
        {
            w.WriteNull();
        }
    }
}
