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
        var connection = PlatformDatabase.ConnectionOption();
        var provider = PlatformDatabase.ProviderOption();
        var keys = PlatformDatabase.KeysOption();
        var verify = new Command("verify", "校验审计日志哈希链：逐条重算哈希，报告第一条被修改、删除或调换的记录。") { connection, provider, keys };
        verify.SetAction((parse, ct) => VerifyAsync(parse.GetValue(connection)!, parse.GetValue(provider)!, parse.GetValue(keys), Console.Out, Console.Error, ct));
        return new Command("audit", "审计日志") { verify };
    }

    public static async Task<int> VerifyAsync(string connection, string provider, string? keyDirectory, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        AuditChainReport report;
        try
        {
            var db = PlatformDatabase.Open(provider, connection, PlatformDatabase.Keys(keyDirectory), "cli:audit-verify");
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
}
