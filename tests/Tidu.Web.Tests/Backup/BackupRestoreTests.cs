using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Tidu.Data;
using Tidu.Data.Auditing;
using Tidu.Data.Backup;
using Tidu.Data.Entities;
using Tidu.Data.Registry;
using Tidu.Domain.Exchange;
using Tidu.Domain.Regions;
using Tidu.Rules.Evaluation;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Backup;

/// <summary>
/// Backup and restore on each provider (SQLite's online backup; pg_dump/pg_restore): the restored database verifies its
/// audit chain with the platform's key, holds the same enterprise files and keeps the chain going; neither a backup nor a
/// restore overwrites anything.
/// </summary>
public abstract class BackupRestoreTests(TiduAppFixture app) : IDisposable
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly string _dir = Directory.CreateTempSubdirectory("tidu-backup-").FullName;

    private DatabaseProvider Provider => app.Provider == "sqlite" ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_restored_backup_verifies_its_audit_chain_holds_the_same_files_and_keeps_the_chain_going()
    {
        await using var source = await ScratchDatabase.CreateAsync(app);
        await WriteFilesAsync(source, 3);
        var file = Path.Combine(_dir, "tidu.backup");

        var backup = await DatabaseBackup.BackupAsync(Provider, source.Connection, file, _ct);
        backup.AuditEntries.ShouldBeGreaterThan(0);
        // Writes after the backup are not in it.
        await WriteFilesAsync(source, 1, first: 100);

        await using var target = await ScratchDatabase.CreateAsync(app, migrate: false);
        var restored = await DatabaseBackup.RestoreAsync(Provider, target.Connection, file, _ct);
        restored.AuditEntries.ShouldBe(backup.AuditEntries);

        await using (var db = target.Context())
        {
            var report = await AuditChainVerifier.VerifyAsync(db, app.AuditHashing, ct: _ct);
            report.FirstBreak.ShouldBeNull();
            report.Verified.ShouldBe(backup.AuditEntries);
            (await db.Enterprises.CountAsync(_ct)).ShouldBe(3);
        }
        (await FilesAsync(target)).ShouldBe(await FilesAsync(source, except: Code(100)));

        // The restored database is a working one: the next write continues its chain.
        await WriteFilesAsync(target, 1, first: 200);
        await using (var db = target.Context())
        {
            var report = await AuditChainVerifier.VerifyAsync(db, app.AuditHashing, ct: _ct);
            report.FirstBreak.ShouldBeNull();
            report.Verified.ShouldBeGreaterThan(backup.AuditEntries);
        }
    }

    [Fact]
    public async Task Neither_a_backup_nor_a_restore_overwrites_anything()
    {
        await using var source = await ScratchDatabase.CreateAsync(app);
        await WriteFilesAsync(source, 1);
        var file = Path.Combine(_dir, "tidu.backup");
        await File.WriteAllTextAsync(file, "an older backup", _ct);

        var refused = await Should.ThrowAsync<BackupException>(() => DatabaseBackup.BackupAsync(Provider, source.Connection, file, _ct));
        refused.Message.ShouldContain("already exists");
        (await File.ReadAllTextAsync(file, _ct)).ShouldBe("an older backup");

        File.Delete(file);
        await DatabaseBackup.BackupAsync(Provider, source.Connection, file, _ct);
        var before = await FilesAsync(source);
        await WriteFilesAsync(source, 1, first: 100);
        // Restoring into the live database (not empty) is refused and changes nothing.
        var intoLive = await Should.ThrowAsync<BackupException>(() => DatabaseBackup.RestoreAsync(Provider, source.Connection, file, _ct));
        intoLive.Message.ShouldContain(Provider == DatabaseProvider.Sqlite ? "already exists" : "not empty");
        (await FilesAsync(source)).Length.ShouldBeGreaterThan(before.Length);
        await using (var db = source.Context())
        {
            (await db.Enterprises.CountAsync(_ct)).ShouldBe(2);
            (await AuditChainVerifier.VerifyAsync(db, app.AuditHashing, ct: _ct)).FirstBreak.ShouldBeNull();
        }
    }

    [Fact]
    public async Task A_file_that_is_not_a_backup_is_refused_with_a_message()
    {
        var file = Path.Combine(_dir, "not-a-backup");
        await File.WriteAllTextAsync(file, "hello", _ct);
        await using var target = await ScratchDatabase.CreateAsync(app, migrate: false);
        var refused = await Should.ThrowAsync<Exception>(() => DatabaseBackup.RestoreAsync(Provider, target.Connection, file, _ct));
        refused.ShouldBeOfType<BackupException>();
        refused.Message.ShouldNotBeNullOrWhiteSpace();
    }

    private static string Code(int serial) => CreditCodes.For("330102", 70_000_000 + serial);

    private async Task WriteFilesAsync(ScratchDatabase db, int count, int first = 0)
    {
        var profiles = Enumerable.Range(first, count).Select(i =>
        {
            var json = Profiles.Minimal(Code(i), $"备份测试企业{i}有限公司", "330102", revenue: 4000m + i);
            return ProfileReader.Parse(new RawRecord(1, Code(i), JsonSerializer.SerializeToUtf8Bytes(json))).Profile
                ?? throw new InvalidOperationException("test profile invalid");
        }).ToList();
        await using var context = db.Context();
        var tree = app.App.Services.GetRequiredService<RegionTree>();
        if (!await context.Regions.AnyAsync(_ct))
        {
            // The files' region and its ancestors, as the platform seeds them at start.
            for (var r = tree.Find("330102"); r is not null; r = r.Parent is { } parent ? tree.Find(parent) : null)
            {
                context.Regions.Add(new Tidu.Data.Entities.Region { Code = r.Code, Name = r.Name, ParentCode = r.Parent, Level = r.Level });
            }
            await context.SaveChangesAsync(_ct);
        }
        var registry = new EnterpriseRegistry(context, app.App.Services.GetRequiredService<Evaluator>(), tree, app.Clock);
        var result = await registry.UpsertAsync(profiles, ct: _ct);
        result.Refused.ShouldBeEmpty();
    }

    /// <summary>Every enterprise file with its financial years, as text, in credit-code order.</summary>
    private async Task<string[]> FilesAsync(ScratchDatabase scratch, string? except = null)
    {
        await using var db = scratch.Context();
        var enterprises = await db.Enterprises.AsNoTracking().Include(e => e.Financials).Include(e => e.TierOutcomes).Where(e => e.CreditCode != except)
            .OrderBy(e => e.CreditCode).ToListAsync(_ct);
        return [.. enterprises.Select(e =>
        {
            var years = string.Join(";", e.Financials.OrderBy(y => y.Year).Select(y => $"{y.Year}:{y.OperatingRevenue}:{y.RdExpense}:{y.Employees}"));
            var outcomes = string.Join(";", e.TierOutcomes.OrderBy(t => t.Tier).Select(t => $"{t.Tier}:{t.Qualified}"));
            return $"{e.CreditCode}|{e.Name}|{e.RegionCode}|{e.IndustryCode}|{e.EstablishedOn}|{e.Attributes}|{e.UpdatedAt:O}|{e.Revision}|{years}|{outcomes}";
        })];
    }
}

[Collection(SqliteApp.Name)]
public sealed class SqliteBackupRestoreTests(SqliteAppFixture app) : BackupRestoreTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresBackupRestoreTests(PostgresAppFixture app) : BackupRestoreTests(app);
