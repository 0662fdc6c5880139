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
/// <c>tidu audit verify</c> on a SQLite platform database (both providers' chain checks are in the web tests):
/// exit 0 and the head when intact, exit 3 naming the first broken entry or a disagreeing anchor, exit 2 with a
/// message when it cannot check (no key, unreadable database).
/// </summary>
public sealed class AuditVerifyCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tidu-cli-audit-").FullName;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private string Connection => $"Data Source={Path.Combine(_dir, "tidu.db")};Pooling=False";

    private string KeyFile => Path.Combine(_dir, "audit.key");

    private readonly byte[] _key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task An_intact_chain_exits_0_and_prints_the_head()
    {
        await SeedAsync(3);
        var (code, stdout, _) = await VerifyAsync(Connection);
        code.ShouldBe(ExitCodes.Ok);
        stdout.ShouldContain("audit chain intact: 3 entr(ies) verified; head sequence 3");
    }

    [Fact]
    public async Task An_edited_entry_exits_3_and_names_it()
    {
        await SeedAsync(3);
        long id;
        await using (var db = Context())
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER AuditEntries_no_update", _ct);
            id = await db.AuditEntries.Where(a => a.Sequence == 2).Select(a => a.Id).SingleAsync(_ct);
            await db.Database.ExecuteSqlAsync($"UPDATE AuditEntries SET Actor = 'forger' WHERE Id = {id}", _ct);
        }
        var (code, stdout, _) = await VerifyAsync(Connection);
        code.ShouldBe(ExitCodes.AuditChainBroken);
        stdout.ShouldContain($"BROKEN after 1 intact entr(ies): entry {id} (sequence 2): hash expected ");
    }

    [Fact]
    public async Task A_database_that_is_not_the_platforms_exits_2_with_a_message()
    {
        File.WriteAllText(Path.Combine(_dir, "tidu.db"), "");
        var (code, _, stderr) = await VerifyAsync(Connection);
        code.ShouldBe(ExitCodes.Failure);
        stderr.ShouldStartWith("error: cannot read the audit trail:");
    }

    [Fact]
    public async Task A_database_file_that_does_not_exist_exits_2_naming_it_and_is_not_created()
    {
        var missing = Path.Combine(_dir, "nowhere", "tidu.db");
        var (code, stdout, stderr) = await VerifyAsync($"Data Source={missing}");
        code.ShouldBe(ExitCodes.Failure);
        stdout.ShouldBeEmpty();
        stderr.ShouldStartWith("error: 数据库文件不存在：");
        stderr.ShouldContain(missing);
        File.Exists(missing).ShouldBeFalse();
        // A file name relative to the working directory is checked the same way, and not created either.
        var relative = $"tidu-missing-{Guid.NewGuid():N}.db";
        (await VerifyAsync($"Data Source={relative}")).Code.ShouldBe(ExitCodes.Failure);
        File.Exists(relative).ShouldBeFalse();
    }

    [Fact]
    public async Task Without_the_key_it_cannot_verify_and_says_how_to_give_it()
    {
        await SeedAsync(1);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await AuditCommand.VerifyAsync(new AuditCommand.VerifyRequest(Connection, "sqlite", null), stdout, stderr, _ct);
        code.ShouldBe(ExitCodes.Failure);
        stderr.ToString().ShouldContain("--key-file");
        stderr.ToString().ShouldContain(AuditCommand.KeyVariable);
    }

    [Fact]
    public async Task A_wrong_key_breaks_the_chain_at_the_first_entry()
    {
        await SeedAsync(2);
        await File.WriteAllTextAsync(KeyFile, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)), _ct);
        var stdout = new StringWriter();
        var code = await AuditCommand.VerifyAsync(new AuditCommand.VerifyRequest(Connection, "sqlite", KeyFile), stdout, new StringWriter(), _ct);
        code.ShouldBe(ExitCodes.AuditChainBroken);
        stdout.ToString().ShouldContain("(sequence 1): hash expected");
    }

    [Fact]
    public async Task Entries_cut_off_the_end_with_the_head_rewound_exit_3_against_the_anchor_file()
    {
        await SeedAsync(3);
        var anchors = Path.Combine(_dir, "anchors.log");
        await using (var db = Context())
        {
            var head = await db.AuditChainHeads.SingleAsync(_ct);
            await AuditAnchors.AppendAsync(anchors, AuditHashing.HmacSha256(_key).Current, FixedClock.TestDay.GetUtcNow(), head.Sequence, head.Hash, _ct);
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER AuditEntries_no_delete", _ct);
            var second = await db.AuditEntries.Where(a => a.Sequence == 2).Select(a => a.Hash).SingleAsync(_ct);
            await db.Database.ExecuteSqlRawAsync("DELETE FROM AuditEntries WHERE Sequence = 3", _ct);
            await db.Database.ExecuteSqlAsync($"UPDATE AuditChainHeads SET Sequence = 2, Hash = {second}", _ct);
        }
        (await VerifyAsync(Connection)).Code.ShouldBe(ExitCodes.Ok); // the chain alone is consistent again
        var stdout = new StringWriter();
        var code = await AuditCommand.VerifyAsync(new AuditCommand.VerifyRequest(Connection, "sqlite", KeyFile, AnchorFile: anchors), stdout, new StringWriter(), _ct);
        code.ShouldBe(ExitCodes.AuditChainBroken);
        stdout.ToString().ShouldContain("anchor expected a chain of at least 3 entries");
    }

    private async Task<(int Code, string Stdout, string Stderr)> VerifyAsync(string connection)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        if (!File.Exists(KeyFile))
        {
            await File.WriteAllTextAsync(KeyFile, Convert.ToBase64String(_key), _ct);
        }
        var code = await AuditCommand.VerifyAsync(new AuditCommand.VerifyRequest(connection, "sqlite", KeyFile), stdout, stderr, _ct);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private TiduDbContext Context() =>
        DatabaseServices.CreateContext(DatabaseProvider.Sqlite, Connection, new FixedRegionScope(RegionScope.Everything("test")), FixedClock.TestDay, TestKeys.Cipher,
            AuditHashing.HmacSha256(_key));

    private async Task SeedAsync(int entries)
    {
        await using (var db = Context())
        {
            await db.Database.MigrateAsync(_ct);
        }
        for (var i = 0; i < entries; i++)
        {
            await using var db = Context();
            db.ApiKeys.Add(new ApiKey { Name = $"key {i}", Prefix = $"p{i}", SecretHash = new string('A', 64), RegionCode = "330100", Scopes = "enterprises:read" });
            await db.SaveChangesAsync(_ct);
        }
    }
}
