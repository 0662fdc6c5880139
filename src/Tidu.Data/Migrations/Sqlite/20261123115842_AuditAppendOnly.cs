using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tidu.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Written by hand: the audit trail is append-only in the database itself, not only in the application.
            migrationBuilder.Sql("CREATE TRIGGER AuditEntries_no_update BEFORE UPDATE ON AuditEntries BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER AuditEntries_no_delete BEFORE DELETE ON AuditEntries BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER AuditEntries_no_update;");
            migrationBuilder.Sql("DROP TRIGGER AuditEntries_no_delete;");
        }
    }
}
