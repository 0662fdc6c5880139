using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Tidu.Data.Migrations.Sqlite;

/// <summary>
/// Written by hand: database objects EF Core does not model. The audit trail is append-only in the database
/// itself, not only in the application, and every entry has its place in the hash chain; the industry × size-class
/// counts follow every write of the enterprise files. Its id is fixed so that
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
        // The industry × size-class counts per region (FileMixCounts) follow every write of Enterprises in the writing
        // transaction: a row trigger per kind of write (SQLite has no statement-level triggers); an update that changes
        // none of the counted columns touches no count.
        const string upsert = "ON CONFLICT (RegionCode, Section, SizeClass) DO UPDATE SET Files = Files + excluded.Files;";
        migrationBuilder.Sql($@"CREATE TRIGGER Enterprises_mix_insert AFTER INSERT ON Enterprises BEGIN
INSERT INTO FileMixCounts (RegionCode, Section, SizeClass, ProvinceCode, CityCode, Files)
VALUES (NEW.RegionCode, substr(NEW.IndustryCode, 1, 1), COALESCE(NEW.Evaluation_SizeClass, ''), NEW.ProvinceCode, NEW.CityCode, 1) {upsert}
END;");
        migrationBuilder.Sql($@"CREATE TRIGGER Enterprises_mix_delete AFTER DELETE ON Enterprises BEGIN
INSERT INTO FileMixCounts (RegionCode, Section, SizeClass, ProvinceCode, CityCode, Files)
VALUES (OLD.RegionCode, substr(OLD.IndustryCode, 1, 1), COALESCE(OLD.Evaluation_SizeClass, ''), OLD.ProvinceCode, OLD.CityCode, -1) {upsert}
END;");
        migrationBuilder.Sql($@"CREATE TRIGGER Enterprises_mix_update AFTER UPDATE OF RegionCode, ProvinceCode, CityCode, IndustryCode, Evaluation_SizeClass ON Enterprises
WHEN OLD.RegionCode IS NOT NEW.RegionCode OR substr(OLD.IndustryCode, 1, 1) IS NOT substr(NEW.IndustryCode, 1, 1)
  OR COALESCE(OLD.Evaluation_SizeClass, '') IS NOT COALESCE(NEW.Evaluation_SizeClass, '')
BEGIN
INSERT INTO FileMixCounts (RegionCode, Section, SizeClass, ProvinceCode, CityCode, Files)
VALUES (OLD.RegionCode, substr(OLD.IndustryCode, 1, 1), COALESCE(OLD.Evaluation_SizeClass, ''), OLD.ProvinceCode, OLD.CityCode, -1) {upsert}
INSERT INTO FileMixCounts (RegionCode, Section, SizeClass, ProvinceCode, CityCode, Files)
VALUES (NEW.RegionCode, substr(NEW.IndustryCode, 1, 1), COALESCE(NEW.Evaluation_SizeClass, ''), NEW.ProvinceCode, NEW.CityCode, 1) {upsert}
END;");
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TRIGGER Enterprises_mix_update;");
        migrationBuilder.Sql("DROP TRIGGER Enterprises_mix_delete;");
        migrationBuilder.Sql("DROP TRIGGER Enterprises_mix_insert;");
        migrationBuilder.Sql("DROP TRIGGER AuditEntries_chained_only;");
        migrationBuilder.Sql("DROP TRIGGER AuditEntries_no_update;");
        migrationBuilder.Sql("DROP TRIGGER AuditEntries_no_delete;");
    }
}
