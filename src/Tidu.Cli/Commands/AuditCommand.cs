using System.CommandLine;
using System.Data.Common;
using Tidu.Cli.Output;
using Tidu.Data;
using Tidu.Data.Auditing;
using Tidu.Data.Scoping;

namespace Tidu.Cli.Commands;

/// <summary>
/// <c>tidu audit verify --connection CS --provider sqlite|postgres (--key-file F | TIDU_AUDIT_KEY) [--key-id k1] [--anchors F]</c>:
/// walks the platform's audit hash chain with its key, checks the head and the anchors written outside the database,
/// and reports the first entry that was changed, removed, moved or rewritten. Exit 0 intact, 3 broken, 2 when it cannot check.
/// </summary>
internal static class AuditCommand
{
    /// <summary>The environment variable holding the key as base64 (instead of --key-file).</summary>
    public const string KeyVariable = "TIDU_AUDIT_KEY";

    public static Command Create()
    {
        var connection = PlatformDatabase.ConnectionOption();
        var provider = PlatformDatabase.ProviderOption();
        var keys = PlatformDatabase.KeysOption();
        var keyFile = new Option<string?>("--key-file") { Description = $"审计哈希密钥文件（与平台 Audit:HashKeyFile 相同）；也可用环境变量 {KeyVariable}（base64）" };
        var keyId = new Option<string>("--key-id") { Description = "密钥编号（与平台 Audit:KeyId 相同）", DefaultValueFactory = _ => "k1" };
        var anchors = new Option<string?>("--anchors") { Description = "锚点文件（平台 Audit:AnchorFile），核对链头未被改写或回退" };
        var verify = new Command("verify", "校验审计日志哈希链：用密钥逐条重算哈希，核对链头和库外锚点，报告第一条被修改、删除、调换或改写的记录。")
        {
            connection, provider, keys, keyFile, keyId, anchors,
        };
        verify.SetAction((parse, ct) => VerifyAsync(
            new VerifyRequest(parse.GetValue(connection)!, parse.GetValue(provider)!, parse.GetValue(keyFile), parse.GetValue(keyId) ?? "k1", parse.GetValue(anchors),
                Environment.GetEnvironmentVariable(KeyVariable), parse.GetValue(keys)),
            Console.Out, Console.Error, ct));
        return new Command("audit", "审计日志") { verify };
    }

    /// <summary>What to verify: the database, where its audit key and anchors are, and the platform's key directory (to open it).</summary>
    public sealed record VerifyRequest(string Connection, string Provider, string? KeyFile, string KeyId = "k1", string? AnchorFile = null, string? KeyText = null,
        string? KeyDirectory = null);

    public static async Task<int> VerifyAsync(VerifyRequest request, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (connection, provider, keyFile, keyId, anchorFile, keyText, keyDirectory) = request;
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (provider == "sqlite" && MissingSqliteFile(connection) is { } missing)
        {
            // Opening a SQLite file that is not there would create an empty database (and then fail on its tables).
            stderr.WriteLine($"error: 数据库文件不存在：{missing}（平台默认的数据库是 src/Tidu.Web/tidu.db；请用 --connection \"Data Source=路径\" 指定）");
            return ExitCodes.Failure;
        }
        AuditHashing hashing;
        IReadOnlyList<AuditAnchor> anchors = [];
        try
        {
            if (keyFile is not null && !File.Exists(keyFile))
            {
                stderr.WriteLine($"error: key file {keyFile} does not exist");
                return ExitCodes.Failure;
            }
            var key = AuditKeys.Load(keyText, keyFile);
            if (key is null)
            {
                stderr.WriteLine($"error: the audit hash key is needed to verify the chain: --key-file FILE or the environment variable {KeyVariable} (base64)");
                return ExitCodes.Failure;
            }
            // Both keyed hashes under the key: each entry names the one that sealed it (HMAC-SM3 or HMAC-SHA-256).
            hashing = AuditHashing.Keyed(HmacAuditHasher.Sm3, key, keyId);
            if (anchorFile is not null)
            {
                if (!File.Exists(anchorFile))
                {
                    stderr.WriteLine($"error: anchor file {anchorFile} does not exist");
                    return ExitCodes.Failure;
                }
                var (read, problems) = AuditAnchors.Read(anchorFile);
                if (problems.Count > 0)
                {
                    stdout.WriteLine($"audit anchors BROKEN: {string.Join("; ", problems)}");
                    return ExitCodes.AuditChainBroken;
                }
                anchors = read;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            stderr.WriteLine($"error: cannot read the audit key or anchors: {SystemErrors.Describe(ex)}");
            return ExitCodes.Failure;
        }
        AuditChainReport report;
        try
        {
            var db = PlatformDatabase.Open(provider, connection, PlatformDatabase.Keys(keyDirectory), "cli:audit-verify");
            await using (db.ConfigureAwait(false))
            {
                report = await AuditChainVerifier.VerifyAsync(db, hashing, anchors, ct).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or ArgumentException)
        {
            // A wrong connection string, an unreachable server, a database that is not Tidu's: say so, no stack trace.
            stderr.WriteLine($"error: cannot read the audit trail: {SystemErrors.Describe(ex)}");
            return ExitCodes.Failure;
        }
        if (report.FirstBreak is { } broken)
        {
            stdout.WriteLine($"audit chain BROKEN after {report.Verified} intact entr(ies): {broken}");
            return ExitCodes.AuditChainBroken;
        }
        stdout.WriteLine($"audit chain intact: {report.Verified} entr(ies) verified; head sequence {report.HeadSequence} hash {report.HeadHash}"
            + (anchorFile is null ? "; no anchor file given" : $"; {report.Anchors} anchor(s) agree"));
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
