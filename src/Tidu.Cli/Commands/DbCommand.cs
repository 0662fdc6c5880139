using System.CommandLine;
using System.Data.Common;
using Tidu.Cli.Output;
using Tidu.Data;
using Tidu.Data.Backup;

namespace Tidu.Cli.Commands;

/// <summary>
/// <c>tidu db backup --connection CS --provider sqlite|postgres --out FILE</c> and
/// <c>tidu db restore --connection CS --provider sqlite|postgres --from FILE</c>: SQLite's online backup or
/// pg_dump/pg_restore (see <see cref="DatabaseBackup"/>). Neither overwrites anything. Exit 0 done, 2 refused or failed
/// (with the reason). After a restore, <c>tidu audit verify</c> on the restored database must report the chain intact.
/// </summary>
internal static class DbCommand
{
    public static Command Create()
    {
        var connection = PlatformDatabase.ConnectionOption();
        var provider = PlatformDatabase.ProviderOption();
        var output = new Option<string>("--out") { Description = "备份文件（不得已存在）", Required = true };
        var backup = new Command("backup", "在线备份平台数据库（SQLite 在线备份接口；PostgreSQL 用 pg_dump -Fc）。密钥目录和审计密钥不在数据库中，须另行备份。")
        {
            connection, provider, output,
        };
        backup.SetAction((parse, ct) => BackupAsync(parse.GetValue(provider)!, parse.GetValue(connection)!, parse.GetValue(output)!, Console.Out, Console.Error, ct));

        var restoreConnection = PlatformDatabase.ConnectionOption();
        var restoreProvider = PlatformDatabase.ProviderOption();
        var input = new Option<string>("--from") { Description = "备份文件", Required = true };
        var restore = new Command("restore", "把备份恢复到一个空数据库（SQLite：尚不存在的文件；PostgreSQL：新建的空库）。恢复后用 tidu audit verify 校验审计链。")
        {
            restoreConnection, restoreProvider, input,
        };
        restore.SetAction((parse, ct) => RestoreAsync(parse.GetValue(restoreProvider)!, parse.GetValue(restoreConnection)!, parse.GetValue(input)!, Console.Out, Console.Error, ct));
        return new Command("db", "平台数据库的备份与恢复") { backup, restore };
    }

    public static Task<int> BackupAsync(string provider, string connection, string file, TextWriter stdout, TextWriter stderr, CancellationToken ct) =>
        RunAsync(stdout, stderr, async () =>
        {
            var result = await DatabaseBackup.BackupAsync(DatabaseServices.ParseProvider(provider), connection, file, ct).ConfigureAwait(false);
            return $"backup written: {result.File} ({result.Bytes} bytes, {result.AuditEntries} audit entries); back up the key directory and the audit key separately";
        });

    public static Task<int> RestoreAsync(string provider, string connection, string file, TextWriter stdout, TextWriter stderr, CancellationToken ct) =>
        RunAsync(stdout, stderr, async () =>
        {
            var result = await DatabaseBackup.RestoreAsync(DatabaseServices.ParseProvider(provider), connection, file, ct).ConfigureAwait(false);
            return $"restored {result.File} ({result.AuditEntries} audit entries); now check it: tidu audit verify --connection … --key-file …";
        });

    private static async Task<int> RunAsync(TextWriter stdout, TextWriter stderr, Func<Task<string>> action)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        try
        {
            stdout.WriteLine(await action().ConfigureAwait(false));
            return ExitCodes.Ok;
        }
        catch (Exception ex) when (ex is BackupException or DbException or IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            stderr.WriteLine($"error: {SystemErrors.Describe(ex)}");
            return ExitCodes.Failure;
        }
    }
}
