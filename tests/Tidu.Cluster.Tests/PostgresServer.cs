using Npgsql;
using Tidu.Cluster.Hosting;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Cluster.Tests;

/// <summary>
/// A throwaway PostgreSQL cluster for the tests of the multi-node setup (started by the tests themselves, as an
/// unprivileged user under root; never skipped): each test gets a database of its own with Orleans' tables applied the
/// way a node applies them (<see cref="OrleansSchema"/>), and keeps its silos' membership and reminders there.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private readonly List<string> _databases = [];
    private LocalPostgresCluster? _cluster;

    public async ValueTask InitializeAsync() => _cluster = await LocalPostgresCluster.StartAsync();

    /// <summary>A new database with Orleans' membership and reminder tables; its connection string.</summary>
    public async Task<string> NewDatabaseAsync(CancellationToken ct)
    {
        var server = _cluster ?? throw new InvalidOperationException("the PostgreSQL fixture is not started");
        // The tests of the collection run one after the other: the earlier tests' idle pooled connections are closed, so
        // that the server's connection limit bounds one test's silos, not the sum of every test's.
        foreach (var earlier in _databases)
        {
            await using var idle = new NpgsqlConnection(earlier);
            NpgsqlConnection.ClearPool(idle);
        }
        var name = "tidu_cluster_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
        var database = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name, Pooling = true, MaxPoolSize = 20 }.ConnectionString;
        _databases.Add(database);
        await OrleansSchema.ApplyAsync(database, ct);
        return database;
    }

    /// <summary>The single number <paramref name="sql"/> counts in <paramref name="database"/>.</summary>
    public static async Task<long> CountAsync(string database, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Waits until <paramref name="sql"/> counts <paramref name="expected"/> (a state other silos write when they get to it); fails after two minutes.</summary>
    public static async Task WaitForCountAsync(string database, string sql, long expected, CancellationToken ct)
    {
        long now = -1;
        for (var i = 0; i < 1200 && (now = await CountAsync(database, sql, ct)) != expected; i++)
        {
            await Task.Delay(100, ct);
        }
        if (now != expected)
        {
            throw new InvalidOperationException($"{sql} counted {now}, not {expected}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}

/// <summary>The tests on the multi-node PostgreSQL setup share one server and run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresSilos : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres-silos";
}
