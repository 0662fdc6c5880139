using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tidu.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AuditAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Written by hand: the audit trail is append-only in the database itself, not only in the application.
            migrationBuilder.Sql(@"CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'audit entries are append-only'; END; $$;");
            migrationBuilder.Sql(@"CREATE TRIGGER ""AuditEntries_append_only"" BEFORE UPDATE OR DELETE ON ""AuditEntries"" FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();");
            migrationBuilder.Sql(@"CREATE TRIGGER ""AuditEntries_no_truncate"" BEFORE TRUNCATE ON ""AuditEntries"" FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(@"DROP TRIGGER ""AuditEntries_no_truncate"" ON ""AuditEntries"";");
            migrationBuilder.Sql(@"DROP TRIGGER ""AuditEntries_append_only"" ON ""AuditEntries"";");
            migrationBuilder.Sql("DROP FUNCTION audit_entries_append_only();");
        }
    }
}
