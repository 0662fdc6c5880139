using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tidu.Data;
using Tidu.Data.Cryptography;
using Tidu.Data.Scoping;

namespace Tidu.Web.Tests.Infrastructure;

/// <summary>
/// A fresh, migrated database of the fixture's provider (on the same PostgreSQL server), for tests that must
/// break things — drop triggers, tamper with rows — without touching the shared app's database.
/// </summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly FieldCipher _cipher;
    private readonly string? _dir;
    private readonly string? _server;
    private readonly string? _name;

    private ScratchDatabase(DatabaseProvider provider, string connection, FieldCipher cipher, string? dir, string? server, string? name, Tidu.Data.Auditing.AuditHashing hashing)
    {
        _cipher = cipher;
        Hashing = hashing;
        Provider = provider;
        Connection = connection;
        _dir = dir;
        _server = server;
        _name = name;
    }

    public DatabaseProvider Provider { get; }

    /// <summary>The audit hashing its contexts seal entries with (the app's key).</summary>
    public Tidu.Data.Auditing.AuditHashing Hashing { get; }
    public string Connection { get; }

    /// <summary>The clock of this database's contexts unless a test passes its own: the tests' day, moving as it is read.</summary>
    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock { get; } = TestClock.NewSharedClock();

    /// <summary>A new database; <paramref name="migrate"/> false leaves it empty (no file yet for SQLite), e.g. to restore into.</summary>
    /// <remarks><paramref name="postgresOptions"/>: options of PostgreSQL's CREATE DATABASE (e.g. a locale); ignored on SQLite.</remarks>
    public static async Task<ScratchDatabase> CreateAsync(TiduAppFixture app, bool migrate = true, string? postgresOptions = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        ScratchDatabase scratch;
        var cipher = app.App.Services.GetRequiredService<FieldCipher>();
        if (app.Provider == "sqlite")
        {
            var dir = Directory.CreateTempSubdirectory("tidu-scratch-").FullName;
            scratch = new ScratchDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(dir, "scratch.db")};Pooling=False", cipher, dir, null, null, app.AuditHashing);
        }
        else
        {
            var appConnection = await app.WithDbAsync(db => Task.FromResult(db.Database.GetConnectionString()!)).ConfigureAwait(false);
            var server = new NpgsqlConnectionStringBuilder(appConnection) { Database = "postgres", Pooling = false }.ConnectionString;
            var name = "tidu_scratch_" + Guid.NewGuid().ToString("N")[..12];
            await ExecuteAsync(server, $"CREATE DATABASE \"{name}\" {postgresOptions}").ConfigureAwait(false);
            var connection = new NpgsqlConnectionStringBuilder(appConnection) { Database = name, Pooling = false }.ConnectionString;
            scratch = new ScratchDatabase(DatabaseProvider.Postgres, connection, cipher, null, server, name, app.AuditHashing);
        }
        if (migrate)
        {
            await using var db = scratch.Context("test:migrate");
            await db.Database.MigrateAsync().ConfigureAwait(false);
        }
        return scratch;
    }

    /// <summary>A context seeing everything, acting as <paramref name="actor"/>, sealing audit entries with <paramref name="hashing"/> (the app's by default).</summary>
    public TiduDbContext Context(string actor = "test:system", TimeProvider? clock = null, Tidu.Data.Auditing.AuditHashing? hashing = null) =>
        DatabaseServices.CreateContext(Provider, Connection, new FixedRegionScope(RegionScope.Everything(actor)), clock ?? Clock, _cipher, hashing ?? Hashing);

    /// <summary>A context limited to <paramref name="scope"/>.</summary>
    public TiduDbContext Context(RegionScope scope, TimeProvider? clock = null) =>
        DatabaseServices.CreateContext(Provider, Connection, new FixedRegionScope(scope), clock ?? Clock, _cipher, Hashing);

    public async Task ExecuteAsync(string sql)
    {
        // Plain ADO.NET: ExecuteSqlRaw would read the braces of JSON literals as format placeholders.
        await using var db = Context();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_dir is not null)
        {
            Directory.Delete(_dir, recursive: true);
        }
        if (_server is not null)
        {
            await ExecuteAsync(_server, $"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)").ConfigureAwait(false);
        }
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }
}
