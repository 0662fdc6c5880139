using Microsoft.EntityFrameworkCore;
using Tidu.Data.Entities;
using Tidu.Domain.Exchange;
using Tidu.Domain.Profiles;
using Tidu.Domain.Regions;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Model;

namespace Tidu.Data.Registry;

/// <summary>
/// Writes enterprise files and keeps their stored evaluation current. Every profile is checked before anything is
/// written (scope, region, text lengths against the columns, recognitions); the ones that pass are saved in one
/// transaction, in chunks so a 100k-row import keeps memory bounded. A row the database still refuses costs only
/// itself: its chunk is rolled back to a savepoint and written again row by row, and the row is reported.
/// </summary>
public sealed class EnterpriseRegistry(TiduDbContext db, Evaluator evaluator, RegionTree regions, TimeProvider clock)
{
    private const int Chunk = 500;

    /// <summary>
    /// Creates or updates the files of <paramref name="profiles"/> (by credit code; financial years by year) and
    /// evaluates them today. Recognitions are kept as stored (<see cref="RecognitionWrites.Kept"/>).
    /// </summary>
    public Task<UpsertResult> UpsertAsync(IReadOnlyList<EnterpriseProfile> profiles, IProgress<int>? progress = null, CancellationToken ct = default) =>
        UpsertAsync(profiles, RecognitionWrites.Kept, progress, ct);

    /// <summary>
    /// Creates or updates the files of <paramref name="profiles"/>; profiles refused by <see cref="RefusalsAsync"/> are
    /// skipped and returned with the rows the database refused. <paramref name="progress"/> receives the number of
    /// profiles done.
    /// </summary>
    public async Task<UpsertResult> UpsertAsync(IReadOnlyList<EnterpriseProfile> profiles, RecognitionWrites recognitions, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var refused = await RefusalsAsync(profiles, recognitions, writing: true, ct).ConfigureAwait(false);
        var skip = refused.Select(r => r.Index).ToHashSet();
        var accepted = profiles.Select((p, i) => (Profile: p, Index: i)).Where(x => !skip.Contains(x.Index)).ToList();
        var asOf = ChinaCalendar.Today(clock);
        db.RuleSetVersion = RuleVersions(asOf);
        var basis = db.RecognitionBasis;
        if (recognitions == RecognitionWrites.Official)
        {
            db.RecognitionBasis ??= "official";
        }
        var counts = new Counts();
        var rejected = new List<UpsertRefusal>();
        var failures = new List<RecordFailure>();
        try
        {
            var strategy = db.Database.CreateExecutionStrategy();
            await strategy.ExecuteAsync(async () =>
            {
                counts = new Counts();
                rejected.Clear();
                failures.Clear();
                await using var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
                var done = 0;
                foreach (var chunk in accepted.Chunk(Chunk))
                {
                    await tx.CreateSavepointAsync("chunk", ct).ConfigureAwait(false);
                    try
                    {
                        counts += await WriteAsync(chunk.Select(x => x.Profile).ToList(), recognitions, asOf, failures, ct).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is DbUpdateException or ValueTooLongException)
                    {
                        // One bad row must not cost the others: write this chunk again one row at a time.
                        await tx.RollbackToSavepointAsync("chunk", ct).ConfigureAwait(false);
                        db.ChangeTracker.Clear();
                        foreach (var (profile, index) in chunk)
                        {
                            await tx.CreateSavepointAsync("row", ct).ConfigureAwait(false);
                            try
                            {
                                counts += await WriteAsync([profile], recognitions, asOf, failures, ct).ConfigureAwait(false);
                            }
                            catch (Exception rowError) when (rowError is DbUpdateException or ValueTooLongException)
                            {
                                await tx.RollbackToSavepointAsync("row", ct).ConfigureAwait(false);
                                db.ChangeTracker.Clear();
                                rejected.Add(new UpsertRefusal(index, profile.CreditCode, UpsertRefusalReason.Rejected));
                            }
                        }
                    }
                    done += chunk.Length;
                    progress?.Report(done);
                }
                await tx.CommitAsync(ct).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
        finally
        {
            db.RecognitionBasis = basis;
        }
        return new UpsertResult(counts.Created, counts.Updated, counts.Unchanged, [.. refused.Concat(rejected).OrderBy(r => r.Index)]) { EvaluationFailures = failures };
    }

    private readonly record struct Counts(int Created, int Updated, int Unchanged)
    {
        public static Counts operator +(Counts a, Counts b) => new(a.Created + b.Created, a.Updated + b.Updated, a.Unchanged + b.Unchanged);
    }

    /// <summary>
    /// Writes one chunk of profiles and saves it; the counts of what it did. Files whose evaluation failed are added to
    /// <paramref name="failures"/> only once the chunk is saved (a chunk written again row by row reports them once).
    /// </summary>
    private async Task<Counts> WriteAsync(IReadOnlyList<EnterpriseProfile> chunk, RecognitionWrites recognitions, DateOnly asOf, List<RecordFailure> failures, CancellationToken ct)
    {
        int created = 0, updated = 0, unchanged = 0;
        var failed = new List<RecordFailure>();
        var existing = await LoadAsync(chunk.Select(p => p.CreditCode), ct).ConfigureAwait(false);
        var official = recognitions == RecognitionWrites.Official;
        foreach (var p in chunk)
        {
            Enterprise entity;
            bool changed;
            if (existing.TryGetValue(p.CreditCode, out var e))
            {
                entity = e;
                changed = ProfileMapping.Apply(p, entity, regions, official);
                if (changed)
                {
                    // A change to a year, recognition or honour is a change of the file: bump its revision too,
                    // so caches keyed by revision and concurrent editors see it.
                    db.Entry(entity).Property(x => x.UpdatedAt).IsModified = true;
                    updated++;
                }
                else
                {
                    unchanged++;
                }
            }
            else
            {
                entity = ProfileMapping.NewEnterprise(p, regions, official);
                existing[p.CreditCode] = entity;
                db.Enterprises.Add(entity);
                changed = true;
                created++;
            }
            if (changed || entity.Evaluation?.AsOf != asOf)
            {
                // The merged file (stored years plus the new ones) is evaluated, never the partial input; a file
                // whose evaluation throws is still saved (nothing is lost) and reported.
                if (Evaluated(entity, asOf) is { Failure: { } failure })
                {
                    failed.Add(failure);
                }
            }
        }
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        failures.AddRange(failed);
        return new Counts(created, updated, unchanged);
    }

    /// <summary>
    /// The profiles that may not be written, found before any write: a region outside the actor's scope or not in the
    /// region table, a text longer than its column, recognitions that differ from the stored ones (when they are
    /// <see cref="RecognitionWrites.Kept"/>), and — only when <paramref name="writing"/> — a credit code held by a file
    /// the actor cannot see. A check without writing answers nothing about other regions: such a code reads as new.
    /// </summary>
    public async Task<IReadOnlyList<UpsertRefusal>> RefusalsAsync(IReadOnlyList<EnterpriseProfile> profiles, RecognitionWrites recognitions = RecognitionWrites.Kept,
        bool writing = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var scope = db.Scope;
        var hidden = new HashSet<string>(StringComparer.Ordinal);
        var stored = new Dictionary<string, List<Recognition>>(StringComparer.Ordinal);
        // Where each visible file is registered: an enterprise user writes its own file in place (see below).
        var storedRegion = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in profiles.Select(p => p.CreditCode).Distinct(StringComparer.Ordinal).Chunk(Chunk))
        {
            if (writing && !scope.All)
            {
                var visible = await db.Enterprises.Where(e => chunk.Contains(e.CreditCode)).Select(e => new { e.CreditCode, e.RegionCode }).ToListAsync(ct).ConfigureAwait(false);
                var all = await db.Enterprises.IgnoreQueryFilters().Where(e => chunk.Contains(e.CreditCode)).Select(e => e.CreditCode).ToListAsync(ct).ConfigureAwait(false);
                hidden.UnionWith(all.Except(visible.Select(v => v.CreditCode), StringComparer.Ordinal));
                foreach (var v in visible)
                {
                    storedRegion[v.CreditCode] = v.RegionCode;
                }
            }
            if (recognitions == RecognitionWrites.Kept)
            {
                var rows = await db.Recognitions.AsNoTracking().Where(r => chunk.Contains(r.Enterprise.CreditCode))
                    .Select(r => new { r.Enterprise.CreditCode, r.Tier, r.RecognizedOn, r.ValidUntil, r.Issuer }).ToListAsync(ct).ConfigureAwait(false);
                foreach (var r in rows)
                {
                    if (!stored.TryGetValue(r.CreditCode, out var list))
                    {
                        stored[r.CreditCode] = list = [];
                    }
                    list.Add(new Recognition(r.Tier, r.RecognizedOn, r.ValidUntil, r.Issuer));
                }
            }
        }
        var refused = new List<UpsertRefusal>();
        for (var i = 0; i < profiles.Count; i++)
        {
            var p = profiles[i];
            if (TooLong(p) is { } tooLong)
            {
                refused.Add(new UpsertRefusal(i, p.CreditCode, UpsertRefusalReason.TooLong, tooLong.Path, tooLong.Limit));
            }
            else if (!scope.All && !scope.Contains(ProfileMapping.NewEnterprise(p, regions, includeRecognitions: false)))
            {
                refused.Add(new UpsertRefusal(i, p.CreditCode, UpsertRefusalReason.OutsideScope));
            }
            // An enterprise user corrects its own declared data; which region it is registered in (and so which
            // officers are responsible for it) is not its to choose, and creating a file is an officer's or an import's.
            else if (writing && scope.CreditCode is not null
                && (!storedRegion.TryGetValue(p.CreditCode, out var region) || !string.Equals(region, p.RegionCode, StringComparison.Ordinal)))
            {
                refused.Add(new UpsertRefusal(i, p.CreditCode, UpsertRefusalReason.OutsideScope));
            }
            else if (regions.Find(p.RegionCode) is null)
            {
                refused.Add(new UpsertRefusal(i, p.CreditCode, UpsertRefusalReason.UnknownRegion, "/regionCode"));
            }
            else if (hidden.Contains(p.CreditCode))
            {
                refused.Add(new UpsertRefusal(i, p.CreditCode, UpsertRefusalReason.HeldElsewhere, "/creditCode"));
            }
            else if (recognitions == RecognitionWrites.Kept && p.Recognitions is { } given && !SameRecognitions(given, stored.GetValueOrDefault(p.CreditCode) ?? []))
            {
                refused.Add(new UpsertRefusal(i, p.CreditCode, UpsertRefusalReason.RecognitionsNotEditable, "/recognitions"));
            }
        }
        return refused;
    }

    private static bool SameRecognitions(IReadOnlyList<Recognition> given, List<Recognition> stored)
    {
        static string Key(Recognition r) => $"{r.Tier}|{r.RecognizedOn:yyyy-MM-dd}|{r.ValidUntil:yyyy-MM-dd}|{r.Issuer}";
        return given.Select(Key).Order(StringComparer.Ordinal).SequenceEqual(stored.Select(Key).Order(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    /// <summary>
    /// The first text of the profile longer than the column it is stored in, with the column's limit. The limits are
    /// the model's (HasMaxLength), so validation and both providers' columns agree by construction.
    /// </summary>
    public (string Path, int Limit)? TooLong(EnterpriseProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (Over(profile.Name, MaxLength<Enterprise>(nameof(Enterprise.Name))) is { } name)
        {
            return ("/name", name);
        }
        foreach (var (r, i) in (profile.Recognitions ?? []).Select((r, i) => (r, i)))
        {
            if (Over(r.Tier, MaxLength<EnterpriseRecognition>(nameof(EnterpriseRecognition.Tier))) is { } tier)
            {
                return ($"/recognitions/{i}/tier", tier);
            }
            if (Over(r.Issuer, MaxLength<EnterpriseRecognition>(nameof(EnterpriseRecognition.Issuer))) is { } issuer)
            {
                return ($"/recognitions/{i}/issuer", issuer);
            }
        }
        foreach (var (h, i) in (profile.Honors ?? []).Select((h, i) => (h, i)))
        {
            if (Over(h.Kind, MaxLength<EnterpriseHonor>(nameof(EnterpriseHonor.Kind))) is { } kind)
            {
                return ($"/honors/{i}/kind", kind);
            }
        }
        return null;
    }

    private static int? Over(string? value, int? limit) => value is not null && limit is { } max && value.Length > max ? max : null;

    private int? MaxLength<T>(string property) => db.Model.FindEntityType(typeof(T))?.FindProperty(property)?.GetMaxLength();

    /// <summary>One stored file in scope (credit code in any case), with everything its profile is rebuilt from; null when not visible.</summary>
    public async Task<Enterprise?> FindAsync(string creditCode, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(creditCode);
        var code = creditCode.ToUpperInvariant();
        return (await LoadAsync([code], ct).ConfigureAwait(false)).GetValueOrDefault(code);
    }

    /// <summary>Stored files by credit code (only those in scope), with everything the profile is rebuilt from.</summary>
    public Task<Dictionary<string, Enterprise>> LoadAsync(IEnumerable<string> creditCodes, CancellationToken ct = default) => LoadFilesAsync(creditCodes, tracked: true, ct);

    /// <summary>The same files, not tracked by the context: for a reader that writes them some other way (the bulk load).</summary>
    public Task<Dictionary<string, Enterprise>> LoadUntrackedAsync(IEnumerable<string> creditCodes, CancellationToken ct = default) => LoadFilesAsync(creditCodes, tracked: false, ct);

    private async Task<Dictionary<string, Enterprise>> LoadFilesAsync(IEnumerable<string> creditCodes, bool tracked, CancellationToken ct)
    {
        var result = new Dictionary<string, Enterprise>(StringComparer.Ordinal);
        foreach (var codes in creditCodes.Distinct(StringComparer.Ordinal).Chunk(Chunk))
        {
            var chunk = codes;
            if (!tracked)
            {
                // A bulk load's files are mostly new: ask which are stored before loading them with their rows (one query, not six).
                chunk = [.. await db.Enterprises.AsNoTracking().Where(e => codes.Contains(e.CreditCode)).Select(e => e.CreditCode).ToListAsync(ct).ConfigureAwait(false)];
                if (chunk.Length == 0)
                {
                    continue;
                }
            }
            var query = tracked ? db.Enterprises : db.Enterprises.AsNoTracking();
            var found = await query
                .Include(e => e.Financials).Include(e => e.Recognitions).Include(e => e.Honors).Include(e => e.TierOutcomes).Include(e => e.OutcomeHistory)
                .AsSplitQuery()
                .Where(e => chunk.Contains(e.CreditCode))
                .ToListAsync(ct).ConfigureAwait(false);
            foreach (var e in found)
            {
                result[e.CreditCode] = e;
            }
        }
        return result;
    }

    /// <summary>
    /// Re-evaluates every stored file in scope on <paramref name="asOf"/> (rules or the date moved on). Each file on its
    /// own: one whose evaluation throws keeps its stored evaluation and goes to <paramref name="failed"/>; the others go on.
    /// </summary>
    public async Task<int> ReevaluateAsync(DateOnly asOf, Action<RecordFailure>? failed = null, CancellationToken ct = default)
    {
        var count = 0;
        long after = 0;
        db.RuleSetVersion = RuleVersions(asOf);
        while (true)
        {
            var batch = await db.Enterprises
                .Include(e => e.Financials).Include(e => e.Recognitions).Include(e => e.Honors).Include(e => e.TierOutcomes).Include(e => e.OutcomeHistory)
                .AsSplitQuery()
                .Where(e => e.Id > after).OrderBy(e => e.Id).Take(Chunk)
                .ToListAsync(ct).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                return count;
            }
            foreach (var e in batch)
            {
                if (Evaluated(e, asOf) is { Failure: { } failure })
                {
                    failed?.Invoke(failure);
                }
            }
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            db.ChangeTracker.Clear();
            count += batch.Count;
            after = batch[^1].Id;
        }
    }

    /// <summary>Re-evaluates one stored file (loaded with its children, e.g. by <see cref="LoadAsync"/>) after it changed; the caller saves.</summary>
    public void Reevaluate(Enterprise enterprise, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(enterprise);
        if (ProfileMapping.ToProfile(enterprise).Profile is { } profile)
        {
            StoreEvaluation(enterprise, evaluator.Library.Index, evaluator.Evaluate(profile, asOf, EvaluationDetail.DecisiveFailures));
        }
    }

    /// <summary>
    /// Evaluates one stored file in isolation and stores the outcome; an exception (a defect) leaves the stored
    /// evaluation as it was and is returned as the file's failure.
    /// </summary>
    private (bool Stored, RecordFailure? Failure) Evaluated(Enterprise e, DateOnly asOf)
    {
        if (!RecordIsolation.TryRun(e.Id, $"enterprise {e.Id}", e.CreditCode,
            () => ProfileMapping.ToProfile(e).Profile is { } profile ? evaluator.Evaluate(profile, asOf, EvaluationDetail.DecisiveFailures) : null,
            out var evaluation, out var failure))
        {
            return (false, failure);
        }
        if (evaluation is null)
        {
            return (false, null);
        }
        StoreEvaluation(e, evaluator.Library.Index, evaluation);
        return (true, null);
    }

    /// <summary>The rule versions in force on <paramref name="asOf"/>, as recorded with every audited write.</summary>
    public string RuleVersions(DateOnly asOf) =>
        string.Join(';', evaluator.Library.Tiers
            .Select(t => (t.Jurisdiction, Version: t.VersionOn(asOf)?.Info))
            .Where(x => x.Version is not null)
            .Select(x => $"{x.Version!.RuleSetId}@{x.Version.VersionId}" + (x.Jurisdiction == "national" ? "" : "/" + x.Jurisdiction)));

    /// <summary>
    /// Stores <paramref name="evaluation"/> as the file's summary and tier outcomes, changing only what differs, and places
    /// it in the file's evaluation history (loaded with the file) with the roll-up's changes pending for the save.
    /// </summary>
    internal static void StoreEvaluation(Enterprise e, RuleIndex index, EnterpriseEvaluation evaluation)
    {
        // Each tier's near miss once: deciding it reduces the tier's checks to its decisive failures.
        var near = evaluation.Tiers.Select(index.IsNearMiss).ToArray();
        var highest = evaluation.Tiers.LastOrDefault(t => t.Qualified)?.Tier;
        var nearMiss = evaluation.Tiers.Where((_, i) => near[i]).FirstOrDefault()?.Tier;
        var versions = string.Join(';', evaluation.Tiers.Select(t => $"{t.Version.RuleSetId}@{t.Version.VersionId}"));
        var s = e.Evaluation;
        if (s is null || s.AsOf != evaluation.AsOf || s.SizeClass != evaluation.SizeClass.SizeClass
            || s.HighestTier != highest || s.NearMissTier != nearMiss || s.RuleVersions != versions)
        {
            e.Evaluation = new EvaluationSummary
            {
                AsOf = evaluation.AsOf,
                SizeClass = evaluation.SizeClass.SizeClass,
                HighestTier = highest,
                NearMissTier = nearMiss,
                RuleVersions = versions,
            };
        }
        for (var i = 0; i < evaluation.Tiers.Count; i++)
        {
            var t = evaluation.Tiers[i];
            var row = e.TierOutcomes.FirstOrDefault(o => o.Tier == t.Tier);
            if (row is null)
            {
                row = new TierOutcome { Tier = t.Tier };
                e.TierOutcomes.Add(row);
            }
            // With EvaluationDetail.DecisiveFailures the checks of a failed tier are exactly its decisive failures.
            var failures = t.Qualified ? 0 : t.Checks.Count;
            if (row.Qualified != t.Qualified) { row.Qualified = t.Qualified; }
            if (row.Score != t.Score) { row.Score = t.Score; }
            if (row.DecisiveFailures != failures) { row.DecisiveFailures = failures; }
            if (row.NearMiss != near[i]) { row.NearMiss = near[i]; }
        }
        e.TierOutcomes.RemoveAll(o => !evaluation.Tiers.Any(t => t.Tier == o.Tier));
        OutcomeHistory.Record(e, evaluation.AsOf,
            [.. evaluation.Tiers.Select((t, i) => new TierState(t.Tier, $"{t.Version.RuleSetId}@{t.Version.VersionId}", t.Qualified, near[i], t.Score))]);
    }
}
