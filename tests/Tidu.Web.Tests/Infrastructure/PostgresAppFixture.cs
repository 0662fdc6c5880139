using Npgsql;

namespace Tidu.Web.Tests.Infrastructure;

/// <summary>
/// The app on a fresh PostgreSQL database: on the server named by TIDU_TEST_POSTGRES when set (a database of
/// its own is created there and dropped afterwards), otherwise on a throwaway local cluster.
/// </summary>
public sealed class PostgresAppFixture : TiduAppFixture
{
    public const string EnvironmentVariable = "TIDU_TEST_POSTGRES";

    private readonly string _database = "tidu_test_" + Guid.NewGuid().ToString("N")[..12];
    private LocalPostgresCluster? _cluster;
    private string? _server;

    public override string Provider => "postgres";

    protected override async Task<string> CreateDatabaseAsync()
    {
        _server = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(_server))
        {
            _cluster = await LocalPostgresCluster.StartAsync().ConfigureAwait(false);
            _server = _cluster.ConnectionString;
        }
        await ExecuteAsync($"CREATE DATABASE \"{_database}\"").ConfigureAwait(false);
        return new NpgsqlConnectionStringBuilder(_server) { Database = _database, Pooling = true }.ConnectionString;
    }

    protected override async Task DropDatabaseAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync().ConfigureAwait(false); // the whole cluster goes
            return;
        }
        if (_server is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)").ConfigureAwait(false);
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }
}
