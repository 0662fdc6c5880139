using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Tidu.Data.Migrations.Sqlite;

/// <summary>
/// Written by hand: database objects EF Core does not model. The audit trail is append-only in the database
/// itself, not only in the application, and every entry has its place in the hash chain. Its id is fixed so that
/// regenerating Initial keeps the order.
/// </summary>
[DbContext(typeof(SqliteTiduDbContext))]
[Migration("20261201000001_DatabaseObjects")]
public sealed class DatabaseObjects : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("CREATE TRIGGER AuditEntries_no_update BEFORE UPDATE ON AuditEntries BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;");
        migrationBuilder.Sql("CREATE TRIGGER AuditEntries_no_delete BEFORE DELETE ON AuditEntries BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;");
        // An entry without a place in the hash chain is refused: nobody adds one around the application unnoticed.
        migrationBuilder.Sql("CREATE TRIGGER AuditEntries_chained_only BEFORE INSERT ON AuditEntries WHEN NEW.Sequence IS NULL OR NEW.Hash IS NULL BEGIN SELECT RAISE(ABORT, 'audit entries need a place in the hash chain'); END;");
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TRIGGER AuditEntries_chained_only;");
        migrationBuilder.Sql("DROP TRIGGER AuditEntries_no_update;");
        migrationBuilder.Sql("DROP TRIGGER AuditEntries_no_delete;");
    }
}
