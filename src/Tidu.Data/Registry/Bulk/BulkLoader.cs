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
/// the screening engine, and written by the provider's bulk store (PostgreSQL binary COPY into staging tables merged by
/// one statement per table; SQLite prepared statements) together with one audit entry for the batch (see the ADR on
/// bulk loading). A batch either commits whole or leaves nothing; a file already identical is not written, so loading
/// the same input again writes nothing and re-running an interrupted load completes it.
/// </summary>
public sealed class BulkLoader(TiduDbContext db, Evaluator evaluator, RegionTree regions, TimeProvider clock)
{
    /// <summary>The audit entry's action and entity for a batch.</summary>
    public const string AuditAction = "bulk-load";

    public const string AuditEntity = "EnterpriseBatch";

    private IBulkStore? _store;

    /// <summary>Loads one batch of records (in input order; a credit code given twice is applied in that order).</summary>
    public async Task<BulkBatchResult> LoadAsync(IReadOnlyList<BulkRow> rows, BulkOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(options);
        var recognitions = options.RecognitionBasis is null ? RecognitionWrites.Kept : RecognitionWrites.Official;
        var registry = new EnterpriseRegistry(db, evaluator, regions, clock);
        var refusals = await registry.RefusalsAsync([.. rows.Select(r => r.Profile)], recognitions, writing: true, ct).ConfigureAwait(false);
        var skip = refusals.Select(r => r.Index).ToHashSet();
        var accepted = rows.Where((_, i) => !skip.Contains(i)).ToList();
        var stored = await registry.LoadAsync(accepted.Select(r => r.Profile.CreditCode), ct).ConfigureAwait(false);
        db.ChangeTracker.Clear(); // loaded to merge, written by the store: nothing of them goes through change tracking

        var groups = accepted.GroupBy(r => r.Profile.CreditCode, StringComparer.Ordinal).ToList();
        var files = new BulkFile[groups.Count];
        var failures = new ConcurrentBag<RecordFailure>();
        Parallel.For(0, groups.Count, new ParallelOptions { CancellationToken = ct }, i =>
            files[i] = Merge(groups[i], stored.GetValueOrDefault(groups[i].Key), options, failures));

        var written = files.Where(f => f.Changed || f.Evaluated).ToList();
        var created = files.Count(f => f.IsNew);
        var updated = files.Count(f => f.Changed && !f.IsNew);
        var result = new BulkBatchResult(created, updated, files.Length - created - updated, written.Count(f => !f.Changed),
            [.. refusals.Select(r => new BulkRefusal(rows[r.Index], r))], [.. failures.OrderBy(f => f.Ordinal)]);
        if (written.Count == 0)
        {
            return result;
        }
        var now = clock.GetUtcNow();
        await db.Database.OpenConnectionAsync(ct).ConfigureAwait(false);
        try
        {
            _store ??= await CreateStoreAsync(ct).ConfigureAwait(false);
            var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (tx.ConfigureAwait(false))
            {
                await _store.WriteAsync(written, now, options.RecognitionBasis, ct).ConfigureAwait(false);
                if (written.Any(f => f.Changed))
                {
                    db.AuditEntries.Add(AuditEntryOf(written.Where(f => f.Changed).ToList(), rows, options, now, registry.RuleVersions(options.AsOf)));
                    await db.SaveChangesAsync(ct).ConfigureAwait(false);
                    db.ChangeTracker.Clear();
                }
                await tx.CommitAsync(ct).ConfigureAwait(false);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
        return result;
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
        }
        else
        {
            var honors = stored.Honors.Select(h => h.Id).ToList();
            var recognitions = stored.Recognitions.Select(r => r.Id).ToList();
            file = new BulkFile { Entity = stored, LoadedRevision = stored.Revision };
            foreach (var row in group)
            {
                file.Changed |= ProfileMapping.Apply(row.Profile, stored, regions, official);
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
