using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Tidu.Data.Migrations.Postgres;

/// <summary>
/// Written by hand: database objects EF Core does not model. The audit trail is append-only in the database
/// itself, not only in the application, and every entry has its place in the hash chain; the industry × size-class
/// counts follow every write of the enterprise files. Its id is fixed so that
/// regenerating Initial keeps the order.
/// </summary>
[DbContext(typeof(PostgresTiduDbContext))]
[Migration("20261201000001_DatabaseObjects")]
public sealed class DatabaseObjects : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(@"CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'audit entries are append-only'; END; $$;");
        migrationBuilder.Sql(@"CREATE TRIGGER ""AuditEntries_append_only"" BEFORE UPDATE OR DELETE ON ""AuditEntries"" FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();");
        migrationBuilder.Sql(@"CREATE TRIGGER ""AuditEntries_no_truncate"" BEFORE TRUNCATE ON ""AuditEntries"" FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();");
        // An entry without a place in the hash chain is refused: nobody adds one around the application unnoticed.
        migrationBuilder.Sql(@"CREATE FUNCTION audit_entries_chained_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN IF NEW.""Sequence"" IS NULL OR NEW.""Hash"" IS NULL THEN RAISE EXCEPTION 'audit entries need a place in the hash chain'; END IF; RETURN NEW; END; $$;");
        migrationBuilder.Sql(@"CREATE TRIGGER ""AuditEntries_chained_only"" BEFORE INSERT ON ""AuditEntries"" FOR EACH ROW EXECUTE FUNCTION audit_entries_chained_only();");
        // Name search (LIKE '%…%') through a trigram index (pg_trgm, shipped with PostgreSQL's contrib package and trusted:
        // a database owner may create it). It extracts trigrams from Chinese characters only when the database's LC_CTYPE
        // is a UTF-8 locale (e.g. C.UTF-8 or zh_CN.UTF-8); under the C locale it extracts none and the search falls back
        // to reading the scope's rows (docs/performance.md).
        migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
        migrationBuilder.Sql(@"CREATE INDEX ""IX_Enterprises_Name_trgm"" ON ""Enterprises"" USING gin (""Name"" gin_trgm_ops);");
        // The industry × size-class counts per region (FileMixCounts) follow every write of Enterprises — the platform's
        // saves, the bulk load's COPY and merges, any SQL — in the writing transaction: one statement-level trigger per
        // kind of write reads the statement's changed rows (transition tables) and adds their sums, in key order so that
        // concurrent writers take the rows' locks in one order.
        migrationBuilder.Sql(@"CREATE FUNCTION file_mix_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO ""FileMixCounts"" (""RegionCode"", ""Section"", ""SizeClass"", ""ProvinceCode"", ""CityCode"", ""Files"")
    SELECT ""RegionCode"", substr(""IndustryCode"", 1, 1), COALESCE(""Evaluation_SizeClass"", ''), min(""ProvinceCode""), min(""CityCode""), count(*)
    FROM new_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (""RegionCode"", ""Section"", ""SizeClass"") DO UPDATE SET ""Files"" = ""FileMixCounts"".""Files"" + excluded.""Files"";
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO ""FileMixCounts"" (""RegionCode"", ""Section"", ""SizeClass"", ""ProvinceCode"", ""CityCode"", ""Files"")
    SELECT ""RegionCode"", substr(""IndustryCode"", 1, 1), COALESCE(""Evaluation_SizeClass"", ''), min(""ProvinceCode""), min(""CityCode""), -count(*)
    FROM old_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (""RegionCode"", ""Section"", ""SizeClass"") DO UPDATE SET ""Files"" = ""FileMixCounts"".""Files"" + excluded.""Files"";
  ELSE
    INSERT INTO ""FileMixCounts"" (""RegionCode"", ""Section"", ""SizeClass"", ""ProvinceCode"", ""CityCode"", ""Files"")
    SELECT r, s, c, min(p), min(y), sum(n) FROM (
      SELECT ""RegionCode"" r, substr(""IndustryCode"", 1, 1) s, COALESCE(""Evaluation_SizeClass"", '') c, ""ProvinceCode"" p, ""CityCode"" y, 1 n FROM new_rows
      UNION ALL
      SELECT ""RegionCode"", substr(""IndustryCode"", 1, 1), COALESCE(""Evaluation_SizeClass"", ''), ""ProvinceCode"", ""CityCode"", -1 FROM old_rows) x
    GROUP BY r, s, c HAVING sum(n) <> 0 ORDER BY r, s, c
    ON CONFLICT (""RegionCode"", ""Section"", ""SizeClass"") DO UPDATE SET ""Files"" = ""FileMixCounts"".""Files"" + excluded.""Files"";
  END IF;
  RETURN NULL;
END; $$;");
        migrationBuilder.Sql(@"CREATE TRIGGER ""Enterprises_mix_insert"" AFTER INSERT ON ""Enterprises"" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION file_mix_counts();");
        migrationBuilder.Sql(@"CREATE TRIGGER ""Enterprises_mix_update"" AFTER UPDATE ON ""Enterprises"" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION file_mix_counts();");
        migrationBuilder.Sql(@"CREATE TRIGGER ""Enterprises_mix_delete"" AFTER DELETE ON ""Enterprises"" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION file_mix_counts();");
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(@"DROP TRIGGER ""Enterprises_mix_delete"" ON ""Enterprises"";");
        migrationBuilder.Sql(@"DROP TRIGGER ""Enterprises_mix_update"" ON ""Enterprises"";");
        migrationBuilder.Sql(@"DROP TRIGGER ""Enterprises_mix_insert"" ON ""Enterprises"";");
        migrationBuilder.Sql("DROP FUNCTION file_mix_counts();");
        migrationBuilder.Sql(@"DROP INDEX ""IX_Enterprises_Name_trgm"";");
        migrationBuilder.Sql(@"DROP TRIGGER ""AuditEntries_chained_only"" ON ""AuditEntries"";");
        migrationBuilder.Sql("DROP FUNCTION audit_entries_chained_only();");
        migrationBuilder.Sql(@"DROP TRIGGER ""AuditEntries_no_truncate"" ON ""AuditEntries"";");
        migrationBuilder.Sql(@"DROP TRIGGER ""AuditEntries_append_only"" ON ""AuditEntries"";");
        migrationBuilder.Sql("DROP FUNCTION audit_entries_append_only();");
    }
}
