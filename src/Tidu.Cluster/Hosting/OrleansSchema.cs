using System.Reflection;
using Npgsql;

namespace Tidu.Cluster.Hosting;

/// <summary>
/// Orleans' membership and reminder tables in the platform's PostgreSQL database. The SQL ships inside this assembly
/// and is applied by the node itself before its silo starts: every statement is idempotent, and an advisory lock makes
/// nodes that start together apply it one after the other. Nothing is run by hand.
/// </summary>
public static class OrleansSchema
{
    /// <summary>The ADO.NET invariant name Orleans resolves Npgsql by.</summary>
    public const string Invariant = "Npgsql";

    // Any constant unique to this use; the lock lives only for the applying transaction.
    private const long AdvisoryLock = 0x7469_6475_6f72_6c6e;

    public static async Task ApplyAsync(string connectionString, CancellationToken ct = default)
    {
        var script = await ReadScriptAsync().ConfigureAwait(false);
        var connection = new NpgsqlConnection(connectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({AdvisoryLock})", ct).ConfigureAwait(false);
                await ExecuteAsync(connection, transaction, script, ct).ConfigureAwait(false);
                await transaction.CommitAsync(ct).ConfigureAwait(false);
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        await using (command.ConfigureAwait(false))
        {
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    private static async Task<string> ReadScriptAsync()
    {
        var assembly = typeof(OrleansSchema).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("orleans-postgres.sql", StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        return await reader.ReadToEndAsync().ConfigureAwait(false);
    }
}
