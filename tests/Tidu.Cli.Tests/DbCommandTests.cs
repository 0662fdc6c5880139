using Microsoft.EntityFrameworkCore;
using Shouldly;
using Tidu.Cli.Commands;
using Tidu.Data;
using Tidu.Data.Auditing;
using Tidu.Data.Entities;
using Tidu.Data.Scoping;
using Xunit;

namespace Tidu.Cli.Tests;

/// <summary>
/// <c>tidu db backup</c> and <c>tidu db restore</c> on SQLite, run as the program a user runs, then
/// <c>tidu audit verify</c> on the restored database (both providers' backups are in the web tests): the restored chain
/// is intact under the platform's key, and a backup or a restore that would overwrite is refused with exit 2.
/// </summary>
public sealed class DbCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tidu-cli-db-").FullName;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly byte[] _key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

    private string Db(string name) => Path.Combine(_dir, name);

    private static string Connection(string file) => $"Data Source={file};Pooling=False";

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_backup_restored_by_the_commands_verifies_its_hmac_sm3_chain()
    {
        await SeedAsync(Db("live.db"), 4);
        var backup = CliRunner.Process("db", "backup", "--connection", Connection(Db("live.db")), "--out", Db("nightly.backup"));
        backup.ExitCode.ShouldBe(ExitCodes.Ok, backup.Stderr);
        backup.Stdout.ShouldContain("4 audit entries");
        await SeedAsync(Db("live.db"), 1, first: 10); // after the backup: not in it

        var restore = CliRunner.Process("db", "restore", "--connection", Connection(Db("restored.db")), "--from", Db("nightly.backup"));
        restore.ExitCode.ShouldBe(ExitCodes.Ok, restore.Stderr);
        restore.Stdout.ShouldContain("4 audit entries");

        var (code, stdout) = await VerifyAsync(Db("restored.db"));
        code.ShouldBe(ExitCodes.Ok);
        stdout.ShouldContain("audit chain intact: 4 entr(ies) verified; head sequence 4");
        await using var db = Context(Db("restored.db"));
        (await db.AuditEntries.Select(a => a.Algorithm).Distinct().ToListAsync(_ct)).ShouldBe(["hmac-sm3:k1"]);
        (await db.ApiKeys.OrderBy(k => k.Name).Select(k => k.Name).ToListAsync(_ct)).ShouldBe(["key 0", "key 1", "key 2", "key 3"]);
    }

    [Fact]
    public async Task An_hmac_sm3_entry_edited_in_a_restored_database_is_found_by_audit_verify()
    {
        await SeedAsync(Db("live.db"), 3);
        CliRunner.Process("db", "backup", "--connection", Connection(Db("live.db")), "--out", Db("b")).ExitCode.ShouldBe(ExitCodes.Ok);
        CliRunner.Process("db", "restore", "--connection", Connection(Db("restored.db")), "--from", Db("b")).ExitCode.ShouldBe(ExitCodes.Ok);
        long id;
        await using (var db = Context(Db("restored.db")))
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER AuditEntries_no_update", _ct);
            id = await db.AuditEntries.Where(a => a.Sequence == 2).Select(a => a.Id).SingleAsync(_ct);
            await db.Database.ExecuteSqlAsync($"UPDATE AuditEntries SET Actor = 'forger' WHERE Id = {id}", _ct);
        }
        var (code, stdout) = await VerifyAsync(Db("restored.db"));
        code.ShouldBe(ExitCodes.AuditChainBroken);
        stdout.ShouldContain($"BROKEN after 1 intact entr(ies): entry {id} (sequence 2): hash expected ");
    }

    [Fact]
    public async Task Commands_that_would_overwrite_exit_2_and_leave_everything_as_it_was()
    {
        await SeedAsync(Db("live.db"), 2);
        await File.WriteAllTextAsync(Db("old.backup"), "yesterday's backup", _ct);
        var backup = CliRunner.Process("db", "backup", "--connection", Connection(Db("live.db")), "--out", Db("old.backup"));
        backup.ExitCode.ShouldBe(ExitCodes.Failure);
        backup.Stderr.ShouldStartWith("error: the backup file ");
        (await File.ReadAllTextAsync(Db("old.backup"), _ct)).ShouldBe("yesterday's backup");

        CliRunner.Process("db", "backup", "--connection", Connection(Db("live.db")), "--out", Db("new.backup")).ExitCode.ShouldBe(ExitCodes.Ok);
        var restore = CliRunner.Process("db", "restore", "--connection", Connection(Db("live.db")), "--from", Db("new.backup"));
        restore.ExitCode.ShouldBe(ExitCodes.Failure);
        restore.Stderr.ShouldContain("already exists");
        (await VerifyAsync(Db("live.db"))).Stdout.ShouldContain("2 entr(ies) verified");

        var notABackup = CliRunner.Process("db", "restore", "--connection", Connection(Db("other.db")), "--from", Db("old.backup"));
        notABackup.ExitCode.ShouldBe(ExitCodes.Failure);
        notABackup.Stderr.ShouldContain("is not a backup of the platform's database");
        notABackup.Stderr.ShouldNotContain("   at ");
        File.Exists(Db("other.db")).ShouldBeFalse();

        var missing = CliRunner.Process("db", "backup", "--connection", Connection(Db("nowhere.db")), "--out", Db("x.backup"));
        missing.ExitCode.ShouldBe(ExitCodes.Failure);
        missing.Stderr.ShouldContain("does not exist");
    }

    private async Task<(int Code, string Stdout)> VerifyAsync(string file)
    {
        var keyFile = Db("audit.key");
        if (!File.Exists(keyFile))
        {
            await File.WriteAllTextAsync(keyFile, Convert.ToBase64String(_key), _ct);
        }
        var stdout = new StringWriter();
        var code = await AuditCommand.VerifyAsync(new AuditCommand.VerifyRequest(Connection(file), "sqlite", keyFile), stdout, new StringWriter(), _ct);
        return (code, stdout.ToString());
    }

    private TiduDbContext Context(string file) =>
        DatabaseServices.CreateContext(DatabaseProvider.Sqlite, Connection(file), new FixedRegionScope(RegionScope.Everything("test")), FixedClock.TestDay, TestKeys.Cipher,
            AuditHashing.HmacSm3(_key));

    private async Task SeedAsync(string file, int entries, int first = 0)
    {
        await using (var db = Context(file))
        {
            await db.Database.MigrateAsync(_ct);
        }
        for (var i = first; i < first + entries; i++)
        {
            await using var db = Context(file);
            db.ApiKeys.Add(new ApiKey { Name = $"key {i}", Prefix = $"p{i}", SecretHash = new string('A', 64), RegionCode = "330100", Scopes = "enterprises:read" });
            await db.SaveChangesAsync(_ct);
        }
    }
}
