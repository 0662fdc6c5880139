using System.CommandLine;
using System.Data.Common;
using Tidu.Data;
using Tidu.Data.Auditing;
using Tidu.Data.Scoping;

namespace Tidu.Cli.Commands;

/// <summary>
/// <c>tidu audit verify --connection CS --provider sqlite|postgres</c>: walks the platform's audit hash chain and
/// reports the first entry that was changed, removed or moved. Exit 0 intact, 3 broken, 2 when it cannot check.
/// </summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var connection = new Option<string>("--connection") { Description = "数据库连接字符串（与平台 ConnectionStrings:Tidu 相同）", Required = true };
        var provider = new Option<string>("--provider") { Description = "数据库类型：sqlite 或 postgres", DefaultValueFactory = _ => "sqlite" };
        provider.AcceptOnlyFromAmong("sqlite", "postgres");
        var verify = new Command("verify", "校验审计日志哈希链：逐条重算哈希，报告第一条被修改、删除或调换的记录。") { connection, provider };
        verify.SetAction((parse, ct) => VerifyAsync(parse.GetValue(connection)!, parse.GetValue(provider)!, Console.Out, Console.Error, ct));
        return new Command("audit", "审计日志") { verify };
    }

    public static async Task<int> VerifyAsync(string connection, string provider, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        if (provider == "sqlite" && MissingSqliteFile(connection) is { } missing)
        {
            // Opening a SQLite file that is not there would create an empty database (and then fail on its tables).
            stderr.WriteLine($"error: 数据库文件不存在：{missing}（平台默认的数据库是 src/Tidu.Web/tidu.db；请用 --connection \"Data Source=路径\" 指定）");
            return ExitCodes.Failure;
        }
        AuditChainReport report;
        try
        {
            var db = DatabaseServices.CreateContext(DatabaseServices.ParseProvider(provider), connection,
                new FixedRegionScope(RegionScope.Everything("cli:audit-verify")), TimeProvider.System);
            await using (db.ConfigureAwait(false))
            {
                report = await AuditChainVerifier.VerifyAsync(db, ct).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or ArgumentException)
        {
            // A wrong connection string, an unreachable server, a database that is not Tidu's: say so, no stack trace.
            stderr.WriteLine($"error: cannot read the audit trail: {ex.Message}");
            return ExitCodes.Failure;
        }
        if (report.Unchained > 0)
        {
            stderr.WriteLine($"note: {report.Unchained} entr(ies) written before the hash chain existed carry no hash and were not verified");
        }
        if (report.FirstBreak is { } broken)
        {
            stdout.WriteLine($"audit chain BROKEN after {report.Verified} intact entr(ies): {broken}");
            return ExitCodes.AuditChainBroken;
        }
        stdout.WriteLine($"audit chain intact: {report.Verified} entr(ies) verified; head sequence {report.HeadSequence} hash {report.HeadHash}");
        return ExitCodes.Ok;
    }

    /// <summary>The full path of the SQLite file a connection string names when that file does not exist (null for an in-memory database).</summary>
    private static string? MissingSqliteFile(string connection)
    {
        Microsoft.Data.Sqlite.SqliteConnectionStringBuilder builder;
        try
        {
            builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connection);
        }
        catch (ArgumentException)
        {
            return null; // reported by the connection itself below
        }
        var file = builder.DataSource;
        if (string.IsNullOrEmpty(file) || file == ":memory:" || builder.Mode == Microsoft.Data.Sqlite.SqliteOpenMode.Memory)
        {
            return null;
        }
        var path = Path.GetFullPath(file);
        return File.Exists(path) ? null : path;
    }
}
