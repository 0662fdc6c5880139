using Microsoft.EntityFrameworkCore;
using Tidu.Data.Entities;
using Tidu.Domain.Exchange;
using Tidu.Domain.Profiles;
using Tidu.Domain.Regions;
using Tidu.Rules.Evaluation;
using Tidu.Rules.Model;

namespace Tidu.Data.Registry;

/// <summary>
/// Writes enterprise files and keeps their stored evaluation current. A batch is all-or-nothing: profiles the
/// actor may not write are refused before anything is saved, and the rest is saved in one transaction, in
/// chunks so a 100k-row import keeps memory bounded.
/// </summary>
public sealed class EnterpriseRegistry(TiduDbContext db, Evaluator evaluator, RegionTree regions, TimeProvider clock)
{
    private const int Chunk = 500;

    /// <summary>
    /// Creates or updates the files of <paramref name="profiles"/> (by credit code; financial years by year) and
    /// evaluates them today. <paramref name="progress"/> receives the number of profiles done.
    /// </summary>
    public async Task<UpsertResult> UpsertAsync(IReadOnlyList<EnterpriseProfile> profiles, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var refused = await RefusalsAsync(profiles, ct).ConfigureAwait(false);
        if (refused.Count > 0)
        {
            return new UpsertResult(0, 0, 0, refused);
        }
        var asOf = ChinaCalendar.Today(clock);
        db.RuleSetVersion = RuleVersions(asOf);
        int created = 0, updated = 0, unchanged = 0;
        var failures = new List<RecordFailure>();
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            created = updated = unchanged = 0;
            failures.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
            var done = 0;
            foreach (var chunk in profiles.Chunk(Chunk))
            {
                var existing = await LoadAsync(chunk.Select(p => p.CreditCode), ct).ConfigureAwait(false);
                foreach (var p in chunk)
                {
                    Enterprise entity;
                    bool changed;
                    if (existing.TryGetValue(p.CreditCode, out var e))
                    {
                        entity = e;
                        changed = ProfileMapping.Apply(p, entity, regions);
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
                        entity = ProfileMapping.NewEnterprise(p, regions);
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
                            failures.Add(failure);
                        }
                    }
                }
                await db.SaveChangesAsync(ct).ConfigureAwait(false);
                db.ChangeTracker.Clear();
                done += chunk.Length;
                progress?.Report(done);
            }
            await tx.CommitAsync(ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return new UpsertResult(created, updated, unchanged, []) { EvaluationFailures = failures };
    }

    /// <summary>
    /// Profiles the actor may not write: the file exists in a region outside their scope, or the profile's
    /// own region is outside it. Found before any write, so a refused batch changes nothing.
    /// </summary>
    public async Task<IReadOnlyList<UpsertRefusal>> RefusalsAsync(IReadOnlyList<EnterpriseProfile> profiles, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var scope = db.Scope;
        var hidden = new HashSet<string>(StringComparer.Ordinal);
        if (!scope.All)
        {
            foreach (var chunk in profiles.Select(p => p.CreditCode).Distinct(StringComparer.Ordinal).Chunk(Chunk))
            {
                var visible = await db.Enterprises.Where(e => chunk.Contains(e.CreditCode)).Select(e => e.CreditCode).ToListAsync(ct).ConfigureAwait(false);
                var all = await db.Enterprises.IgnoreQueryFilters().Where(e => chunk.Contains(e.CreditCode)).Select(e => e.CreditCode).ToListAsync(ct).ConfigureAwait(false);
                hidden.UnionWith(all.Except(visible, StringComparer.Ordinal));
            }
        }
        var refused = new List<UpsertRefusal>();
        for (var i = 0; i < profiles.Count; i++)
        {
            var p = profiles[i];
            if (hidden.Contains(p.CreditCode) || (!scope.All && !scope.Contains(ProfileMapping.NewEnterprise(p, regions))))
            {
                refused.Add(new UpsertRefusal(i, p.CreditCode, UpsertRefusalReason.OutsideScope));
            }
        }
        return refused;
    }

    /// <summary>One stored file in scope (credit code in any case), with everything its profile is rebuilt from; null when not visible.</summary>
    public async Task<Enterprise?> FindAsync(string creditCode, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(creditCode);
        var code = creditCode.ToUpperInvariant();
        return (await LoadAsync([code], ct).ConfigureAwait(false)).GetValueOrDefault(code);
    }

    /// <summary>Stored files by credit code (only those in scope), with everything the profile is rebuilt from.</summary>
    public async Task<Dictionary<string, Enterprise>> LoadAsync(IEnumerable<string> creditCodes, CancellationToken ct = default)
    {
        var result = new Dictionary<string, Enterprise>(StringComparer.Ordinal);
        foreach (var chunk in creditCodes.Distinct(StringComparer.Ordinal).Chunk(Chunk))
        {
            var found = await db.Enterprises
                .Include(e => e.Financials).Include(e => e.Recognitions).Include(e => e.Honors).Include(e => e.TierOutcomes)
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
                .Include(e => e.Financials).Include(e => e.Recognitions).Include(e => e.Honors).Include(e => e.TierOutcomes)
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

    private static void StoreEvaluation(Enterprise e, RuleIndex index, EnterpriseEvaluation evaluation)
    {
        var highest = evaluation.Tiers.LastOrDefault(t => t.Qualified)?.Tier;
        var nearMiss = evaluation.Tiers.FirstOrDefault(index.IsNearMiss)?.Tier;
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
        foreach (var t in evaluation.Tiers)
        {
            var row = e.TierOutcomes.FirstOrDefault(o => o.Tier == t.Tier);
            if (row is null)
            {
                row = new TierOutcome { Tier = t.Tier };
                e.TierOutcomes.Add(row);
            }
            // With EvaluationDetail.DecisiveFailures the checks of a failed tier are exactly its decisive failures.
            var failures = t.Qualified ? 0 : t.Checks.Count;
            var near = index.IsNearMiss(t);
            if (row.Qualified != t.Qualified) { row.Qualified = t.Qualified; }
            if (row.Score != t.Score) { row.Score = t.Score; }
            if (row.DecisiveFailures != failures) { row.DecisiveFailures = failures; }
            if (row.NearMiss != near) { row.NearMiss = near; }
        }
        e.TierOutcomes.RemoveAll(o => !evaluation.Tiers.Any(t => t.Tier == o.Tier));
    }
}
