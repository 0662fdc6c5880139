using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tidu.Data;
using Tidu.Data.Auditing;
using Tidu.Data.Scoping;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Cli.Tests.Registry;

/// <summary>Where a registry test's database lives: a new SQLite file, or a new database on a throwaway PostgreSQL cluster.</summary>
public interface IRegistryDatabases
{
    string Provider { get; }

    /// <summary>A connection string to a new, empty database.</summary>
    Task<string> NewDatabaseAsync(CancellationToken ct);
}

public sealed class SqliteDatabases : IRegistryDatabases, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tidu-cli-registry-").FullName;

    public string Provider => "sqlite";

    public Task<string> NewDatabaseAsync(CancellationToken ct) =>
        Task.FromResult($"Data Source={Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".db")};Pooling=False");

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

/// <summary>One throwaway cluster for the class (started as an unprivileged user by the shared fixture; never skipped).</summary>
public sealed class PostgresDatabases : IRegistryDatabases, IAsyncLifetime
{
    private LocalPostgresCluster? _cluster;

    public string Provider => "postgres";

    public async ValueTask InitializeAsync() => _cluster = await LocalPostgresCluster.StartAsync();

    public async Task<string> NewDatabaseAsync(CancellationToken ct)
    {
        var name = "tidu_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(_cluster!.ConnectionString))
        {
            await connection.OpenAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
        return new NpgsqlConnectionStringBuilder(_cluster.ConnectionString) { Database = name }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}

/// <summary>Opens a test database as the platform does (fixed test keys; the audit key given).</summary>
internal static class RegistryContexts
{
    public static TiduDbContext Open(string provider, string connection, byte[] auditKey) =>
        DatabaseServices.CreateContext(DatabaseServices.ParseProvider(provider), connection, new FixedRegionScope(RegionScope.Everything("test")), FixedClock.TestDay,
            TestKeys.Cipher, AuditHashing.HmacSm3(auditKey));

    public static async Task<long> CountAsync<T>(TiduDbContext db, CancellationToken ct)
        where T : class => await db.Set<T>().IgnoreQueryFilters().LongCountAsync(ct);
}
