using System.CommandLine;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Tidu.Cli.Batches;
using Tidu.Cli.Output;
using Tidu.Data;
using Tidu.Data.Auditing;
using Tidu.Data.Cryptography;
using Tidu.Data.Registry;
using Tidu.Data.Registry.Bulk;
using Tidu.Data.Scoping;
using Tidu.Domain.Exchange;
using Tidu.Domain.Regions;
using Tidu.Rules.Batches;

namespace Tidu.Cli.Commands;

/// <summary>
/// <c>tidu registry load FILE --connection CS [--provider sqlite|postgres] [--as-of D]</c>: creates or updates the
/// platform's enterprise files from an exchange-format file (JSON Lines or a JSON array, as <c>tidu screen</c> reads it)
/// by credit code and year, evaluates them and writes them in batches, each batch one transaction with one audit entry
/// (<see cref="BulkLoader"/>). Bad records are reported on stderr one per line and skipped. Exit 0 all loaded, 1 some
/// records invalid or refused (the others loaded), 2 nothing could be done or a batch failed (re-run to complete).
/// </summary>
internal static class RegistryCommand
{
    /// <summary>Default records per batch (per transaction and audit entry).</summary>
    public const int DefaultBatch = 5000;

    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "交换格式文件（JSON Lines 或 JSON 数组；- 为标准输入）" };
        var connection = PlatformDatabase.ConnectionOption();
        var provider = PlatformDatabase.ProviderOption();
        var keys = PlatformDatabase.KeysOption();
        var asOf = new Option<string?>("--as-of") { Description = "评价日期 YYYY-MM-DD（默认今天）" };
        var rules = new Option<DirectoryInfo?>("--rules") { Description = "规则文件目录（默认随程序发布的规则）" };
        var keyFile = new Option<string?>("--audit-key-file") { Description = $"审计哈希密钥文件（与平台 Audit:HashKeyFile 相同）；也可用环境变量 {AuditCommand.KeyVariable}（base64）" };
        var keyId = new Option<string>("--audit-key-id") { Description = "审计密钥编号（与平台 Audit:KeyId 相同）", DefaultValueFactory = _ => "k1" };
        var batch = new Option<int>("--batch-size") { Description = "每批记录数（一批一个事务、一条审计记录）", DefaultValueFactory = _ => DefaultBatch };
        var basis = new Option<string?>("--recognitions-basis")
        {
            Description = "文件中的认定记录来自官方名单时，写明依据（如名单文号），认定随档案写入；不给则认定与平台已存不同的记录被拒绝",
        };
        var load = new Command("load", "批量载入企业档案：按统一社会信用代码和年度新增或更新，用筛查引擎评价，分批写入（每批一个事务、一条审计记录）。同一文件再次载入不作任何改动。")
        {
            file, connection, provider, keys, asOf, rules, keyFile, keyId, batch, basis,
        };
        load.SetAction((parse, ct) => LoadAsync(
            new LoadRequest(parse.GetValue(file)!, parse.GetValue(connection)!, parse.GetValue(provider)!, parse.GetValue(asOf), parse.GetValue(rules),
                parse.GetValue(keyFile), parse.GetValue(keyId) ?? "k1", parse.GetValue(keys), parse.GetValue(batch), parse.GetValue(basis)),
            Console.Out, Console.Error, TimeProvider.System, ct));
        return new Command("registry", "平台的企业档案库") { load };
    }

    public sealed record LoadRequest(FileInfo File, string Connection, string Provider, string? AsOf = null, DirectoryInfo? Rules = null, string? AuditKeyFile = null,
        string AuditKeyId = "k1", string? KeyDirectory = null, int BatchSize = DefaultBatch, string? RecognitionBasis = null);

    /// <summary>What a load did, over every batch.</summary>
    public sealed record LoadTally(long Read, int Created, int Updated, int Unchanged, int Reevaluated, int Invalid, int Refused, int Failed);

    public static async Task<int> LoadAsync(LoadRequest request, TextWriter stdout, TextWriter stderr, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (request.BatchSize is < 1 or > 100_000)
        {
            stderr.WriteLine("error: --batch-size must be between 1 and 100000");
            return ExitCodes.Failure;
        }
        if (request.RecognitionBasis is { } b && (string.IsNullOrWhiteSpace(b) || b.Length > 120))
        {
            stderr.WriteLine("error: --recognitions-basis 须为 1–120 个字符（如名单文号）");
            return ExitCodes.Failure;
        }
        if (!EvaluatorSetup.TryCreate(request.AsOf, request.Rules, clock, stderr, out var evaluator, out var asOf))
        {
            return ExitCodes.Failure;
        }
        if (!TryHashing(request, stderr, out var keyRing, out var hashing))
        {
            return ExitCodes.Failure;
        }
        if (!InputFile.TryOpen(request.File, stderr, out var input))
        {
            return ExitCodes.Failure;
        }
        await using var _ = input.ConfigureAwait(false);
        TiduDbContext db;
        TiduDbContext? reader = null;
        try
        {
            var provider = DatabaseServices.ParseProvider(request.Provider);
            var scope = new FixedRegionScope(RegionScope.Everything("cli:registry-load"));
            db = DatabaseServices.CreateContext(provider, request.Connection, scope, clock, new FieldCipher(keyRing), hashing);
            // PostgreSQL: a second connection reads and the next batch is evaluated while this one is written. SQLite keeps
            // one connection (a second one's reads would wait on the writer's lock anyway).
            if (provider == DatabaseProvider.Postgres)
            {
                reader = DatabaseServices.CreateContext(provider, request.Connection, scope, clock, new FieldCipher(keyRing), hashing);
            }
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            stderr.WriteLine($"error: cannot open the database: {SystemErrors.Describe(ex)}");
            return ExitCodes.Failure;
        }
        await using (db.ConfigureAwait(false))
        {
            try
            {
                return await LoadIntoAsync(db, reader, request, evaluator, asOf, input, stdout, stderr, clock, ct).ConfigureAwait(false);
            }
            finally
            {
                if (reader is not null)
                {
                    await reader.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
    }

    private static async Task<int> LoadIntoAsync(TiduDbContext db, TiduDbContext? reader, LoadRequest request, Tidu.Rules.Evaluation.Evaluator evaluator, DateOnly asOf, Stream input,
        TextWriter stdout, TextWriter stderr, TimeProvider clock, CancellationToken ct)
    {
        {
            try
            {
                await db.Database.MigrateAsync(ct).ConfigureAwait(false);
                await RegionSeeding.EnsureAsync(db, RegionTree.Shipped, ct).ConfigureAwait(false);
                await db.Database.OpenConnectionAsync(ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is DbException or InvalidOperationException or ArgumentException)
            {
                stderr.WriteLine($"error: cannot open the database: {SystemErrors.Describe(ex)}");
                return ExitCodes.Failure;
            }
            var loader = new BulkLoader(db, evaluator, RegionTree.Shipped, clock) { Reader = reader };
            var options = new BulkOptions(asOf, request.File.Name, request.RecognitionBasis);
            return await RunAsync(loader, options, input, request.BatchSize, pipelined: reader is not null, stdout, stderr, ct).ConfigureAwait(false);
        }
    }

    private static async Task<int> RunAsync(BulkLoader loader, BulkOptions options, Stream input, int batchSize, bool pipelined, TextWriter stdout, TextWriter stderr,
        CancellationToken ct)
    {
        var tally = new LoadTally(0, 0, 0, 0, 0, 0, 0, 0);
        var watch = Stopwatch.StartNew();
        // Each credit code's first record in the file, by its ordinal: a later record of the same code is refused, so the
        // file's result does not depend on how it falls into batches and loading it again changes nothing. (It also keeps
        // the batches' credit codes disjoint, which lets the next batch be prepared while one is written.)
        var seen = new Dictionary<UInt128, long>();
        Pending? writing = null;
        foreach (var raws in ProfileReader.Split(input).Chunk(batchSize))
        {
            var parsed = new (ProfileRecord? Record, RecordFailure? Failure)[raws.Length];
            Parallel.For(0, raws.Length, new ParallelOptions { CancellationToken = ct }, i =>
                parsed[i] = RecordIsolation.TryParse(raws[i], out var record, out var failure) ? (record, null) : (null, failure));
            var rows = new List<BulkRow>(raws.Length);
            int invalid = 0, failed = 0, repeated = 0;
            foreach (var (record, failure) in parsed)
            {
                if (failure is not null)
                {
                    failed++;
                    stderr.WriteLine(Printable.Of(failure.ToString()));
                }
                else if (record!.Profile is { } profile)
                {
                    if (seen.TryAdd(Key(profile.CreditCode), record.Ordinal))
                    {
                        rows.Add(new BulkRow(record.Ordinal, record.Locator, profile));
                    }
                    else
                    {
                        repeated++;
                        stderr.WriteLine(Printable.Of($"refused record {record.Locator} ({profile.CreditCode}): /creditCode: "
                            + $"该统一社会信用代码在本文件第 {seen[Key(profile.CreditCode)] + 1} 条记录已出现：同一企业的数据请合并为一条记录"));
                    }
                }
                else
                {
                    invalid++;
                    foreach (var e in record.Errors)
                    {
                        stderr.WriteLine(Printable.Of($"invalid record {e}"));
                    }
                }
            }
            var batch = new Pending(raws[0].Locator, raws[^1].Locator, raws.Length, invalid, failed, repeated);
            Exception? error = null;
            PreparedBatch? prepared = null;
            try
            {
                prepared = rows.Count == 0 ? null : await loader.PrepareAsync(rows, options, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsBatchFailure(ex))
            {
                error = ex;
            }
            // The batch before is written (or fails) before this one is: batches commit in file order.
            if (writing is not null && !await FinishAsync(writing))
            {
                return ExitCodes.Failure;
            }
            if (error is not null)
            {
                return Fail(batch, error);
            }
            writing = batch with { Write = prepared is null ? Task.FromResult(new BulkBatchResult(0, 0, 0, 0, [], [])) : loader.WriteAsync(prepared, ct) };
            if (!pipelined)
            {
                if (!await FinishAsync(writing))
                {
                    return ExitCodes.Failure;
                }
                writing = null;
            }
        }
        if (writing is not null && !await FinishAsync(writing))
        {
            return ExitCodes.Failure;
        }
        WriteSummary(stdout, tally, watch.Elapsed);
        stderr.WriteLine($"time by phase: {loader.Timings}");
        return tally.Invalid + tally.Refused + tally.Failed > 0 ? ExitCodes.InvalidRecords : ExitCodes.Ok;

        async Task<bool> FinishAsync(Pending pending)
        {
            BulkBatchResult result;
            try
            {
                result = await pending.Write!.ConfigureAwait(false);
            }
            catch (Exception ex) when (IsBatchFailure(ex))
            {
                Fail(pending, ex);
                return false;
            }
            foreach (var refusal in result.Refused)
            {
                stderr.WriteLine(Printable.Of($"refused record {refusal.Row.Locator} ({refusal.Refusal.CreditCode}): {refusal.Refusal.Path ?? "/"}: {Reason(refusal.Refusal)}"));
            }
            foreach (var failure in result.EvaluationFailures)
            {
                stderr.WriteLine(Printable.Of($"saved without evaluation: {failure}"));
            }
            tally = tally with
            {
                Read = tally.Read + pending.Read,
                Created = tally.Created + result.Created,
                Updated = tally.Updated + result.Updated,
                Unchanged = tally.Unchanged + result.Unchanged,
                Reevaluated = tally.Reevaluated + result.Reevaluated,
                Invalid = tally.Invalid + pending.Invalid,
                Refused = tally.Refused + pending.Repeated + result.Refused.Count,
                Failed = tally.Failed + pending.Failed + result.EvaluationFailures.Count,
            };
            stderr.WriteLine($"progress: {tally.Read:N0} records read, {tally.Created:N0} created, {tally.Updated:N0} updated, {tally.Unchanged:N0} unchanged, "
                + $"{tally.Invalid + tally.Refused + tally.Failed:N0} not loaded — {Rate(tally.Read, watch.Elapsed)} records/s");
            return true;
        }

        int Fail(Pending pending, Exception ex)
        {
            stderr.WriteLine($"error: the batch of {pending.First} – {pending.Last} was not written (nothing of it is stored): {SystemErrors.Describe(ex)}");
            stderr.WriteLine("the batches before it are stored; run the same command again to complete the load (files already loaded are left as they are)");
            WriteSummary(stdout, tally, watch.Elapsed);
            return ExitCodes.Failure;
        }
    }

    private static bool IsBatchFailure(Exception ex) =>
        ex is DbException or DbUpdateException or BulkConflictException or AuditTrailViolationException or InvalidOperationException;

    /// <summary>A batch read from the file, its counts before the database, and its write once started.</summary>
    private sealed record Pending(string First, string Last, int Read, int Invalid, int Failed, int Repeated)
    {
        public Task<BulkBatchResult>? Write { get; init; }
    }

    /// <summary>A credit code (18 characters of 0–9 and A–Z, checked by the reader) as one number: a million fit in ~40 MB.</summary>
    private static UInt128 Key(string creditCode)
    {
        UInt128 key = 0;
        foreach (var c in creditCode)
        {
            key = (key * 37) + (uint)(c is >= '0' and <= '9' ? c - '0' + 1 : c is >= 'A' and <= 'Z' ? c - 'A' + 11 : 0);
        }
        return key;
    }

    private static void WriteSummary(TextWriter stdout, LoadTally t, TimeSpan elapsed) =>
        stdout.WriteLine($"loaded {t.Read} record(s): {t.Created} created, {t.Updated} updated, {t.Unchanged} unchanged, {t.Reevaluated} re-evaluated, "
            + $"{t.Invalid} invalid, {t.Refused} refused, {t.Failed} failed; {elapsed.TotalSeconds:F1} s, {Rate(t.Read, elapsed)} records/s");

    private static string Rate(long count, TimeSpan elapsed) =>
        elapsed.TotalSeconds > 0 ? (count / elapsed.TotalSeconds).ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : "–";

    /// <summary>Why a record was refused, in the user's words.</summary>
    public static string Reason(UpsertRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return refusal.Reason switch
        {
            UpsertRefusalReason.TooLong => $"文字超过 {refusal.Limit} 个字符，数据库列存不下",
            UpsertRefusalReason.UnknownRegion => "行政区划代码不在平台的行政区划表中",
            UpsertRefusalReason.HeldElsewhere => "该统一社会信用代码已属于本账号看不到的其他地区的企业档案",
            UpsertRefusalReason.OutsideScope => "所在地区不在本账号的管辖范围内",
            UpsertRefusalReason.RecognitionsNotEditable => "认定记录与平台已存的不同：认定只来自评审决定或官方名单；如本文件就是官方名单，请用 --recognitions-basis 写明依据（文号）",
            _ => "数据库拒绝了该记录",
        };
    }

    /// <summary>The audit key (file or environment variable) and the platform's key ring; the algorithm as the platform chooses it.</summary>
    private static bool TryHashing(LoadRequest request, TextWriter stderr, out KeyRing keyRing, out AuditHashing hashing)
    {
        keyRing = null!;
        hashing = null!;
        try
        {
            if (request.AuditKeyFile is { } file && !File.Exists(file))
            {
                stderr.WriteLine($"error: audit key file {file} does not exist");
                return false;
            }
            var key = AuditKeys.Load(Environment.GetEnvironmentVariable(AuditCommand.KeyVariable), request.AuditKeyFile);
            if (key is null)
            {
                stderr.WriteLine($"error: every write is audited, and the audit hash key is needed to seal the entries: --audit-key-file FILE or the environment variable {AuditCommand.KeyVariable} (base64)");
                return false;
            }
            keyRing = PlatformDatabase.Keys(request.KeyDirectory);
            hashing = AuditHashing.Keyed(HmacAuditHasher.Choose(Environment.GetEnvironmentVariable("Audit__Algorithm"), keyRing.Suite), key, request.AuditKeyId);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            stderr.WriteLine($"error: cannot read the keys: {SystemErrors.Describe(ex)}");
            return false;
        }
    }
}
