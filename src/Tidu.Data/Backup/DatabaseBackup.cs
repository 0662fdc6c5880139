using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Tidu.Data.Backup;

/// <summary>A backup or restore that could not be made, with a message for the operator (nothing was changed).</summary>
public sealed class BackupException(string message) : Exception(message);

/// <summary>What a backup or a restore wrote.</summary>
/// <param name="File">The backup file (written or read).</param>
/// <param name="Bytes">Its size.</param>
/// <param name="AuditEntries">Audit entries in the backup (SQLite: counted in the copy; PostgreSQL: counted just before the dump, which holds at least these) or in the restored database.</param>
public sealed record BackupResult(string File, long Bytes, long AuditEntries);

/// <summary>
/// Backup and restore of the platform's database. SQLite through its online backup API (a consistent copy while the
/// platform keeps running and writing); PostgreSQL through <c>pg_dump -Fc</c> and <c>pg_restore</c> (a consistent
/// snapshot, one transaction). Neither ever overwrites: a backup goes to a file that does not exist yet (written beside
/// it and renamed when complete), and a restore goes into an empty database, so a mistaken command loses nothing. The
/// keys (<c>Crypto:KeyDirectory</c>, the audit key) are not in the database and are backed up separately; a restored
/// database is read with the keys it was written with.
/// </summary>
public static class DatabaseBackup
{
    /// <summary>Writes a backup of the database at <paramref name="connection"/> to <paramref name="file"/>.</summary>
    public static async Task<BackupResult> BackupAsync(DatabaseProvider provider, string connection, string file, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connection);
        ArgumentException.ThrowIfNullOrWhiteSpace(file);
        file = Path.GetFullPath(file);
        if (File.Exists(file))
        {
            throw new BackupException($"the backup file {file} already exists; a backup never overwrites one");
        }
        if (Path.GetDirectoryName(file) is { } dir && !Directory.Exists(dir))
        {
            throw new BackupException($"the directory {dir} does not exist");
        }
        var partial = file + ".partial";
        File.Delete(partial);
        try
        {
            long entries;
            if (provider == DatabaseProvider.Sqlite)
            {
                entries = await SqliteBackupAsync(connection, partial, ct).ConfigureAwait(false);
            }
            else
            {
                entries = await CountAuditEntriesAsync(provider, connection, ct).ConfigureAwait(false);
                await PgAsync("pg_dump", connection, ["--format=custom", "--no-owner", "--no-privileges", "--file", partial], ct).ConfigureAwait(false);
            }
            File.Move(partial, file);
            return new BackupResult(file, new FileInfo(file).Length, entries);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>Restores <paramref name="file"/> into the empty database at <paramref name="connection"/>.</summary>
    public static async Task<BackupResult> RestoreAsync(DatabaseProvider provider, string connection, string file, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connection);
        ArgumentException.ThrowIfNullOrWhiteSpace(file);
        file = Path.GetFullPath(file);
        if (!File.Exists(file))
        {
            throw new BackupException($"the backup file {file} does not exist");
        }
        if (provider == DatabaseProvider.Sqlite)
        {
            await SqliteRestoreAsync(connection, file, ct).ConfigureAwait(false);
        }
        else
        {
            if (await PostgresTablesAsync(connection, ct).ConfigureAwait(false) is > 0 and var tables)
            {
                throw new BackupException($"the target database is not empty ({tables} table(s)); restore into a new database (createdb) so that nothing is overwritten");
            }
            await PgAsync("pg_restore", connection, ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", file], ct).ConfigureAwait(false);
        }
        var entries = await CountAuditEntriesAsync(provider, connection, ct).ConfigureAwait(false);
        return new BackupResult(file, new FileInfo(file).Length, entries);
    }

    private static async Task<long> SqliteBackupAsync(string connection, string partial, CancellationToken ct)
    {
        var source = new SqliteConnectionStringBuilder(connection) { Mode = SqliteOpenMode.ReadWrite, Pooling = false };
        if (!File.Exists(source.DataSource))
        {
            throw new BackupException($"the database {source.DataSource} does not exist");
        }
        await using var from = new SqliteConnection(source.ConnectionString);
        await from.OpenAsync(ct).ConfigureAwait(false);
        await using var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ConnectionString);
        await to.OpenAsync(ct).ConfigureAwait(false);
        // The online backup API: pages are copied under SQLite's own locking, so the copy is one consistent state
        // even while the platform writes.
        from.BackupDatabase(to);
        await CheckIntegrityAsync(to, partial, ct).ConfigureAwait(false);
        // Counted in the copy: what the backup holds, whatever was written since.
        return await CountAsync(to, ct).ConfigureAwait(false);
    }

    private static async Task SqliteRestoreAsync(string connection, string file, CancellationToken ct)
    {
        var target = new SqliteConnectionStringBuilder(connection) { Pooling = false };
        if (File.Exists(target.DataSource) && new FileInfo(target.DataSource).Length > 0)
        {
            throw new BackupException($"the target database {target.DataSource} already exists; restore to a new file so that nothing is overwritten");
        }
        await using var from = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
        try
        {
            await from.OpenAsync(ct).ConfigureAwait(false);
            await CheckIntegrityAsync(from, file, ct).ConfigureAwait(false);
            await CountAsync(from, ct).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw new BackupException($"{file} is not a backup of the platform's database: {ex.Message}");
        }
        var partial = target.DataSource + ".partial";
        File.Delete(partial);
        try
        {
            await using (var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ConnectionString))
            {
                await to.OpenAsync(ct).ConfigureAwait(false);
                from.BackupDatabase(to);
            }
            File.Move(partial, target.DataSource, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private static async Task CheckIntegrityAsync(SqliteConnection connection, string file, CancellationToken ct)
    {
        await using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        var result = (string?)await check.ExecuteScalarAsync(ct).ConfigureAwait(false);
        if (result != "ok")
        {
            throw new BackupException($"{file} fails SQLite's integrity check: {result}");
        }
    }

    /// <summary>The audit entries (the query also proves the file holds the platform's tables).</summary>
    private static async Task<long> CountAsync(System.Data.Common.DbConnection connection, CancellationToken ct)
    {
        await using var count = connection.CreateCommand();
        count.CommandText = connection is SqliteConnection ? "SELECT count(*) FROM AuditEntries" : "SELECT count(*) FROM \"AuditEntries\"";
        return Convert.ToInt64(await count.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private static async Task<long> CountAuditEntriesAsync(DatabaseProvider provider, string connection, CancellationToken ct)
    {
        await using System.Data.Common.DbConnection c = provider == DatabaseProvider.Sqlite
            ? new SqliteConnection(new SqliteConnectionStringBuilder(connection) { Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ConnectionString)
            : new NpgsqlConnection(connection);
        await c.OpenAsync(ct).ConfigureAwait(false);
        return await CountAsync(c, ct).ConfigureAwait(false);
    }

    private static async Task<long> PostgresTablesAsync(string connection, CancellationToken ct)
    {
        await using var c = new NpgsqlConnection(connection);
        await c.OpenAsync(ct).ConfigureAwait(false);
        await using var count = c.CreateCommand();
        count.CommandText = "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')";
        return Convert.ToInt64(await count.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Runs pg_dump or pg_restore against the database of <paramref name="connection"/>: the connection is passed in
    /// libpq's environment variables, so the password never appears on a command line.
    /// </summary>
    private static async Task PgAsync(string tool, string connection, IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var cs = new NpgsqlConnectionStringBuilder(connection);
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }
        start.ArgumentList.Add("--dbname");
        start.ArgumentList.Add(cs.Database ?? throw new BackupException("the connection string names no database"));
        start.Environment["PGHOST"] = cs.Host;
        start.Environment["PGPORT"] = cs.Port.ToString(CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = cs.Username;
        if (cs.Password is { } password)
        {
            start.Environment["PGPASSWORD"] = password;
        }
        start.Environment["PGCONNECT_TIMEOUT"] = "30";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new BackupException($"{tool} could not be started");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new BackupException($"{tool} could not be started ({ex.Message}); install the PostgreSQL client tools of the server's version");
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync(ct);
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct).ConfigureAwait(false);
            var error = (await stderr.ConfigureAwait(false)).Trim();
            await stdout.ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                throw new BackupException($"{tool} failed (exit {process.ExitCode}): {error}");
            }
        }
    }
}
