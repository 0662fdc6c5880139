using Microsoft.EntityFrameworkCore;
using Shouldly;
using Tidu.Cli.Commands;
using Tidu.Cli.Tests.Registry;
using Tidu.Data;
using Tidu.Data.Entities;
using Xunit;

namespace Tidu.Cli.Tests;

/// <summary>
/// <c>tidu db backup</c> and <c>tidu db restore</c> run as the program a user runs, on both providers (SQLite's online
/// backup; PostgreSQL's <c>pg_dump</c>/<c>pg_restore</c> against a throwaway cluster), then <c>tidu audit verify</c> on
/// the restored database: the restored chain is intact under the platform's key, an entry edited after the restore
/// is found, and a backup or a restore that would overwrite is refused with exit 2 and changes nothing.
/// </summary>
public abstract class DbCommandTests<TDatabases>(TDatabases databases) : IDisposable
    where TDatabases : class, IRegistryDatabases
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tidu-cli-db-").FullName;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly byte[] _key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

    private string Provider => databases.Provider;

    private string File(string name) => Path.Combine(_dir, name);

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_backup_restored_by_the_commands_verifies_its_hmac_sm3_chain()
    {
        var live = await databases.NewDatabaseAsync(_ct);
        await SeedAsync(live, 4);
        var backup = Db("backup", "--connection", live, "--out", File("nightly.backup"));
        backup.ExitCode.ShouldBe(ExitCodes.Ok, backup.Stderr);
        backup.Stdout.ShouldContain("4 audit entries");
        await SeedAsync(live, 1, first: 10); // after the backup: not in it

        var restored = await databases.NewDatabaseAsync(_ct);
        var restore = Db("restore", "--connection", restored, "--from", File("nightly.backup"));
        restore.ExitCode.ShouldBe(ExitCodes.Ok, restore.Stderr);
        restore.Stdout.ShouldContain("4 audit entries");

        var (code, stdout) = await VerifyAsync(restored);
        code.ShouldBe(ExitCodes.Ok);
        stdout.ShouldContain("audit chain intact: 4 entr(ies) verified; head sequence 4");
        await using var db = RegistryContexts.Open(Provider, restored, _key);
        (await db.AuditEntries.Select(a => a.Algorithm).Distinct().ToListAsync(_ct)).ShouldBe(["hmac-sm3:k1"]);
        (await db.ApiKeys.OrderBy(k => k.Name).Select(k => k.Name).ToListAsync(_ct)).ShouldBe(["key 0", "key 1", "key 2", "key 3"]);
    }

    [Fact]
    public async Task An_hmac_sm3_entry_edited_in_a_restored_database_is_found_by_audit_verify()
    {
        var live = await databases.NewDatabaseAsync(_ct);
        await SeedAsync(live, 3);
        Db("backup", "--connection", live, "--out", File("b")).ExitCode.ShouldBe(ExitCodes.Ok);
        var restored = await databases.NewDatabaseAsync(_ct);
        Db("restore", "--connection", restored, "--from", File("b")).ExitCode.ShouldBe(ExitCodes.Ok);
        long id;
        await using (var db = RegistryContexts.Open(Provider, restored, _key))
        {
            // Whoever can write the database can drop the append-only trigger: the chain is what still finds the edit.
            await db.Database.ExecuteSqlRawAsync(Provider == "postgres" ? "DROP TRIGGER \"AuditEntries_append_only\" ON \"AuditEntries\"" : "DROP TRIGGER AuditEntries_no_update", _ct);
            id = await db.AuditEntries.Where(a => a.Sequence == 2).Select(a => a.Id).SingleAsync(_ct);
            await db.AuditEntries.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Actor, "forger"), _ct);
        }
        var (code, stdout) = await VerifyAsync(restored);
        code.ShouldBe(ExitCodes.AuditChainBroken);
        stdout.ShouldContain($"BROKEN after 1 intact entr(ies): entry {id} (sequence 2): hash expected ");
    }

    [Fact]
    public async Task Commands_that_would_overwrite_exit_2_and_leave_everything_as_it_was()
    {
        var live = await databases.NewDatabaseAsync(_ct);
        await SeedAsync(live, 2);
        await System.IO.File.WriteAllTextAsync(File("old.backup"), "yesterday's backup", _ct);
        var backup = Db("backup", "--connection", live, "--out", File("old.backup"));
        backup.ExitCode.ShouldBe(ExitCodes.Failure);
        backup.Stderr.ShouldStartWith("error: the backup file ");
        (await System.IO.File.ReadAllTextAsync(File("old.backup"), _ct)).ShouldBe("yesterday's backup");

        Db("backup", "--connection", live, "--out", File("new.backup")).ExitCode.ShouldBe(ExitCodes.Ok);
        await SeedAsync(live, 1, first: 5);
        var restore = Db("restore", "--connection", live, "--from", File("new.backup"));
        restore.ExitCode.ShouldBe(ExitCodes.Failure);
        restore.Stderr.ShouldContain(Provider == "postgres" ? "the target database is not empty" : "already exists");
        (await VerifyAsync(live)).Stdout.ShouldContain("3 entr(ies) verified"); // the entry written after the backup is still there

        var other = await databases.NewDatabaseAsync(_ct);
        var notABackup = Db("restore", "--connection", other, "--from", File("old.backup"));
        notABackup.ExitCode.ShouldBe(ExitCodes.Failure);
        notABackup.Stderr.ShouldStartWith("error: ");
        notABackup.Stderr.ShouldNotContain("   at ");
        notABackup.Stderr.ShouldNotContain("Exception");

        var missing = Db("restore", "--connection", other, "--from", File("nowhere.backup"));
        missing.ExitCode.ShouldBe(ExitCodes.Failure);
        missing.Stderr.ShouldContain("does not exist");
    }

    private CliRunner.Outcome Db(string verb, params string[] args) =>
        CliRunner.Process(["db", verb, "--provider", Provider, .. args]);

    private async Task<(int Code, string Stdout)> VerifyAsync(string connection)
    {
        var keyFile = File("audit.key");
        if (!System.IO.File.Exists(keyFile))
        {
            await System.IO.File.WriteAllTextAsync(keyFile, Convert.ToBase64String(_key), _ct);
        }
        var stdout = new StringWriter();
        var code = await AuditCommand.VerifyAsync(new AuditCommand.VerifyRequest(connection, Provider, keyFile), stdout, new StringWriter(), _ct);
        return (code, stdout.ToString());
    }

    private async Task SeedAsync(string connection, int entries, int first = 0)
    {
        await using (var db = RegistryContexts.Open(Provider, connection, _key))
        {
            await db.Database.MigrateAsync(_ct);
        }
        for (var i = first; i < first + entries; i++)
        {
            await using var db = RegistryContexts.Open(Provider, connection, _key);
            db.ApiKeys.Add(new ApiKey { Name = $"key {i}", Prefix = $"p{i}", SecretHash = new string('A', 64), RegionCode = "330100", Scopes = "enterprises:read" });
            await db.SaveChangesAsync(_ct);
        }
    }
}

public sealed class SqliteDbCommandTests(SqliteDatabases databases) : DbCommandTests<SqliteDatabases>(databases), IClassFixture<SqliteDatabases>;

public sealed class PostgresDbCommandTests(PostgresDatabases databases) : DbCommandTests<PostgresDatabases>(databases), IClassFixture<PostgresDatabases>;
