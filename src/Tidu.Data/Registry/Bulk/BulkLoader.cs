using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tidu.Data.Entities;
using Tidu.Domain.Exchange;
using Tidu.Domain.Regions;
using Tidu.Rules.Evaluation;

namespace Tidu.Data.Registry.Bulk;

/// <summary>
/// Loads enterprise files in batches, each batch one transaction: the records are checked as every import checks them
/// (<see cref="EnterpriseRegistry.RefusalsAsync"/>), merged with the stored files by credit code and year, evaluated with
/// the screening engine, and written by the provider's bulk store (PostgreSQL binary COPY, new files straight into the
/// tables and stored ones through staging tables; SQLite prepared statements) together with one audit entry for the batch (see the ADR on
/// bulk loading). A batch either commits whole or leaves nothing; a file already identical is not written, so loading
/// the same input again writes nothing and re-running an interrupted load completes it.
/// </summary>
public sealed class BulkLoader(TiduDbContext db, Evaluator evaluator, RegionTree regions, TimeProvider clock)
{
    /// <summary>The audit entry's action and entity for a batch.</summary>
    public const string AuditAction = "bulk-load";

    public const string AuditEntity = "EnterpriseBatch";

    private IBulkStore? _store;

    /// <summary>Where the time of the batches loaded so far went.</summary>
    public BulkTimings Timings { get; } = new();

    /// <summary>
    /// Where stored files are read (scope checks, the files to merge with): the writing context unless the caller gives a
    /// second one, on its own connection, so that the next batch can be read and evaluated while this one is written.
    /// </summary>
    public TiduDbContext? Reader { get; init; }

    /// <summary>Loads one batch of records (in input order; a credit code given twice is applied in that order).</summary>
    public async Task<BulkBatchResult> LoadAsync(IReadOnlyList<BulkRow> rows, BulkOptions options, CancellationToken ct = default) =>
        await WriteAsync(await PrepareAsync(rows, options, ct).ConfigureAwait(false), ct).ConfigureAwait(false);

    /// <summary>
    /// Checks a batch, reads the stored files of its credit codes (through <see cref="Reader"/>), merges and evaluates
    /// them; writes nothing. Batches may be prepared ahead of the write of the one before only when their credit codes are
    /// disjoint (the CLI refuses a code repeated in a file); another writer meanwhile is caught by the revision check.
    /// </summary>
    public async Task<PreparedBatch> PrepareAsync(IReadOnlyList<BulkRow> rows, BulkOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(options);
        var recognitions = options.RecognitionBasis is null ? RecognitionWrites.Kept : RecognitionWrites.Official;
        var registry = new EnterpriseRegistry(Reader ?? db, evaluator, regions, clock);
        var phase = System.Diagnostics.Stopwatch.StartNew();
        var refusals = await registry.RefusalsAsync([.. rows.Select(r => r.Profile)], recognitions, writing: true, ct).ConfigureAwait(false);
        Timings.Checks += Lap(phase);
        var skip = refusals.Select(r => r.Index).ToHashSet();
        var accepted = rows.Where((_, i) => !skip.Contains(i)).ToList();
        // Loaded to merge, written by the store: nothing of them goes through change tracking.
        var stored = await registry.LoadUntrackedAsync(accepted.Select(r => r.Profile.CreditCode), ct).ConfigureAwait(false);
        Timings.LoadStored += Lap(phase);

        var groups = accepted.GroupBy(r => r.Profile.CreditCode, StringComparer.Ordinal).ToList();
        var files = new BulkFile[groups.Count];
        var failures = new ConcurrentBag<RecordFailure>();
        Parallel.For(0, groups.Count, new ParallelOptions { CancellationToken = ct }, i =>
            files[i] = Merge(groups[i], stored.GetValueOrDefault(groups[i].Key), options, failures));
        Timings.MergeAndEvaluate += Lap(phase);

        var written = files.Where(f => f.Changed || f.Evaluated).ToList();
        var created = files.Count(f => f.IsNew);
        var updated = files.Count(f => f.Changed && !f.IsNew);
        var result = new BulkBatchResult(created, updated, files.Length - created - updated, written.Count(f => !f.Changed),
            [.. refusals.Select(r => new BulkRefusal(rows[r.Index], r))], [.. failures.OrderBy(f => f.Ordinal)]);
        return new PreparedBatch(rows, options, written, result, registry.RuleVersions(options.AsOf));
    }

    /// <summary>Writes a prepared batch and its audit entry in one transaction (all or nothing).</summary>
    public async Task<BulkBatchResult> WriteAsync(PreparedBatch batch, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var (rows, options, written) = (batch.Rows, batch.Options, batch.Written);
        if (written.Count == 0)
        {
            return batch.Result;
        }
        var phase = System.Diagnostics.Stopwatch.StartNew();
        var now = clock.GetUtcNow();
        await db.Database.OpenConnectionAsync(ct).ConfigureAwait(false);
        try
        {
            _store ??= await CreateStoreAsync(ct).ConfigureAwait(false);
            var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (tx.ConfigureAwait(false))
            {
                await _store.WriteAsync(written, now, options.RecognitionBasis, ct).ConfigureAwait(false);
                // The store writes past change tracking: the commit retires these regions' cached counts (the files' own, where
                // they were before, and the regions of the roll-up's changes).
                foreach (var f in written)
                {
                    db.Writes.Transaction.Add(f.Entity.RegionCode, f.Entity.CityCode, f.Entity.ProvinceCode);
                    if (f.LoadedRegion is { } loaded)
                    {
                        db.Writes.Transaction.Add(loaded.Region, loaded.City, loaded.Province);
                    }
                    db.Writes.Transaction.Add(f.Entity.PendingCounts);
                }
                Timings.Write += Lap(phase);
                if (written.Any(f => f.Changed))
                {
                    db.AuditEntries.Add(AuditEntryOf(written.Where(f => f.Changed).ToList(), rows, options, now, batch.RuleVersions));
                    await db.SaveChangesAsync(ct).ConfigureAwait(false);
                    db.ChangeTracker.Clear();
                }
                Timings.Audit += Lap(phase);
                await tx.CommitAsync(ct).ConfigureAwait(false);
                Timings.Commit += Lap(phase);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
        return batch.Result;
    }

    private static TimeSpan Lap(System.Diagnostics.Stopwatch watch)
    {
        var elapsed = watch.Elapsed;
        watch.Restart();
        return elapsed;
    }

    private async Task<IBulkStore> CreateStoreAsync(CancellationToken ct) =>
        db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL"
            ? await PostgresBulkStore.CreateAsync(db, ct).ConfigureAwait(false)
            : new SqliteBulkStore(db);

    /// <summary>
    /// The file of one credit code after its records are applied in order, evaluated when its data changed or its stored
    /// evaluation is of another date. The merged file is evaluated (stored years plus the new ones), never the partial
    /// input, and through its stored form, exactly as the daily re-evaluation will read it.
    /// </summary>
    private BulkFile Merge(IGrouping<string, BulkRow> group, Enterprise? stored, BulkOptions options, ConcurrentBag<RecordFailure> failures)
    {
        var official = options.RecognitionBasis is not null;
        var first = group.First();
        BulkFile file;
        if (stored is null)
        {
            file = new BulkFile { Entity = ProfileMapping.NewEnterprise(first.Profile, regions, official), IsNew = true, Changed = true };
            foreach (var row in group.Skip(1))
            {
                ProfileMapping.Apply(row.Profile, file.Entity, regions, official);
            }
            file.Entity.PendingCounts.AddRange(Changes.RecognitionCounts.Of(file.Entity, 1));
        }
        else
        {
            var honors = stored.Honors.Select(h => h.Id).ToList();
            var recognitions = stored.Recognitions.Select(r => r.Id).ToList();
            // The valid recognitions the file adds to the roll-up as loaded: taken back if the input changes the file.
            var before = Changes.RecognitionCounts.Of(stored, -1).ToList();
            file = new BulkFile { Entity = stored, LoadedRevision = stored.Revision, LoadedRegion = (stored.RegionCode, stored.CityCode, stored.ProvinceCode) };
            foreach (var row in group)
            {
                file.Changed |= ProfileMapping.Apply(row.Profile, stored, regions, official);
            }
            if (file.Changed)
            {
                stored.PendingCounts.AddRange(OutcomeHistory.Sum(before.Concat(Changes.RecognitionCounts.Of(stored, 1))));
            }
            file.RemovedHonors.AddRange(honors.Except(stored.Honors.Select(h => h.Id)));
            file.RemovedRecognitions.AddRange(recognitions.Except(stored.Recognitions.Select(r => r.Id)));
        }
        var e = file.Entity;
        if (!file.Changed && e.Evaluation?.AsOf == options.AsOf)
        {
            return file;
        }
        var last = group.Last();
        file.Json = ProfileMapping.ToUtf8(e);
        if (RecordIsolation.TryRun(last.Ordinal, last.Locator, e.CreditCode,
            () => ProfileMapping.ToProfile(e, file.Json).Profile is { } profile ? evaluator.Evaluate(profile, options.AsOf, EvaluationDetail.DecisiveFailures) : null,
            out var evaluation, out var failure))
        {
            if (evaluation is not null)
            {
                EnterpriseRegistry.StoreEvaluation(e, evaluator.Library.Index, evaluation);
                file.Evaluated = true;
            }
        }
        else
        {
            failures.Add(failure!); // the file is still saved (nothing is lost); the daily re-evaluation retries it
        }
        return file;
    }

    /// <summary>
    /// The batch's one audit entry: the source and rows, the credit codes created and changed, and a SHA-256 over each
    /// changed file's stored form (credit code, newline, exchange-format JSON, newline, in the order listed) — so the
    /// entry states what each file was made to hold, and a later reader can check a file against it.
    /// </summary>
    private AuditEntry AuditEntryOf(List<BulkFile> changed, IReadOnlyList<BulkRow> rows, BulkOptions options, DateTimeOffset now, string ruleVersions)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var f in changed)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(f.Entity.CreditCode + "\n"));
            hash.AppendData(f.Json ?? ProfileMapping.ToUtf8(f.Entity));
            hash.AppendData("\n"u8);
        }
        var after = new JsonObject
        {
            ["source"] = options.Source,
            ["rows"] = $"{rows[0].Locator} – {rows[^1].Locator}",
            ["asOf"] = options.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["created"] = new JsonArray([.. changed.Where(f => f.IsNew).Select(f => (JsonNode)f.Entity.CreditCode)]),
            ["updated"] = new JsonArray([.. changed.Where(f => !f.IsNew).Select(f => (JsonNode)f.Entity.CreditCode)]),
            ["sha256"] = Convert.ToHexStringLower(hash.GetHashAndReset()),
        };
        if (options.RecognitionBasis is { } basis)
        {
            after["recognitionBasis"] = basis;
        }
        var keyLimit = db.Model.FindEntityType(typeof(AuditEntry))?.FindProperty(nameof(AuditEntry.EntityKey))?.GetMaxLength() ?? int.MaxValue;
        var key = $"{Path.GetFileName(options.Source)}:{rows[0].Ordinal}-{rows[^1].Ordinal}";
        return new AuditEntry
        {
            At = now,
            Actor = db.Scope.Actor,
            Action = AuditAction,
            Entity = AuditEntity,
            EntityKey = key.Length > keyLimit ? key[^keyLimit..] : key,
            After = after.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }),
            RuleSetVersion = ruleVersions,
        };
    }
}
