using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Tidu.Data.Migrations.Postgres;

/// <summary>
/// Written by hand: database objects EF Core does not model. The audit trail is append-only in the database
/// itself, not only in the application, and every entry has its place in the hash chain. Its id is fixed so that
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
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(@"DROP INDEX ""IX_Enterprises_Name_trgm"";");
        migrationBuilder.Sql(@"DROP TRIGGER ""AuditEntries_chained_only"" ON ""AuditEntries"";");
        migrationBuilder.Sql("DROP FUNCTION audit_entries_chained_only();");
        migrationBuilder.Sql(@"DROP TRIGGER ""AuditEntries_no_truncate"" ON ""AuditEntries"";");
        migrationBuilder.Sql(@"DROP TRIGGER ""AuditEntries_append_only"" ON ""AuditEntries"";");
        migrationBuilder.Sql("DROP FUNCTION audit_entries_append_only();");
    }
}
