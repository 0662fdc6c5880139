using Microsoft.EntityFrameworkCore;
using Tidu.Data.Entities;
using Tidu.Data.Entities.Monitoring;

namespace Tidu.Data.Changes;

/// <summary>One recognition's tier and days of validity (inclusive both ends; no end: valid from then on), as the roll-up counts it.</summary>
internal readonly record struct Validity(string Tier, DateOnly From, DateOnly? Until);

/// <summary>
/// The valid recognitions in the daily roll-up (<see cref="TierDayCount.Recognized"/>): an enterprise counts once per tier
/// on each day on which one or more of its recognitions of that tier are valid, in the region it is in now. Each span of
/// such days (overlapping recognitions joined — a renewal before expiry) adds one on its first day and takes it back on
/// the day after its last. A write changes the roll-up by the difference between the enterprise's contributions after
/// and before it, so a renewal, a withdrawal and a move to another region each change only what they change.
/// </summary>
internal static class RecognitionCounts
{
    /// <summary>The roll-up rows an enterprise in the given region with <paramref name="recognitions"/> adds, times <paramref name="sign"/>.</summary>
    public static IEnumerable<TierDayCount> Of(string province, string? city, string region, IEnumerable<Validity> recognitions, int sign)
    {
        foreach (var tier in recognitions.Where(r => r.Until is not { } u || u >= r.From).GroupBy(r => r.Tier, StringComparer.Ordinal))
        {
            DateOnly? start = null;
            DateOnly? end = null;
            foreach (var r in tier.OrderBy(r => r.From))
            {
                if (start is { } s && end is { } e && r.From > e)
                {
                    yield return Row(province, city, region, tier.Key, s, sign);
                    yield return Row(province, city, region, tier.Key, e.AddDays(1), -sign);
                    start = null;
                }
                if (start is null)
                {
                    (start, end) = (r.From, r.Until);
                }
                else if (end is { } known)
                {
                    end = r.Until is { } u && u > known ? u : r.Until is null ? null : known;
                }
            }
            if (start is { } first)
            {
                yield return Row(province, city, region, tier.Key, first, sign);
                if (end is { } last)
                {
                    yield return Row(province, city, region, tier.Key, last.AddDays(1), -sign);
                }
            }
        }
    }

    /// <summary>The contributions of a file as loaded or built (its region and its recognitions), times <paramref name="sign"/>.</summary>
    public static IEnumerable<TierDayCount> Of(Enterprise e, int sign) =>
        Of(e.ProvinceCode, e.CityCode, e.RegionCode, e.Recognitions.Select(r => new Validity(r.Tier, r.RecognizedOn, r.ValidUntil)), sign);

    private static TierDayCount Row(string province, string? city, string region, string tier, DateOnly day, int sign) => new()
    {
        RegionCode = region,
        ProvinceCode = province,
        CityCode = city,
        Tier = tier,
        Day = day,
        Recognized = sign,
    };

    /// <summary>
    /// The roll-up changes of the recognitions a save is about to write (added, changed, removed) and of files it moves to
    /// another region or deletes, read from the change tracker after change detection and before the save. What the save
    /// does not hold (the enterprise's other recognitions, its region when it is not loaded) is read from the database as
    /// stored before the save.
    /// </summary>
    public static async Task<List<TierDayCount>> PendingAsync(TiduDbContext db, CancellationToken ct)
    {
        var pending = Affected(db);
        if (pending is null)
        {
            return [];
        }
        var ids = pending.Stored;
        var stored = ids.Count == 0 ? [] : await db.Recognitions.IgnoreQueryFilters().AsNoTracking().Where(r => ids.Contains(r.EnterpriseId))
            .Select(r => new StoredRecognition(r.Id, r.EnterpriseId, r.Tier, r.RecognizedOn, r.ValidUntil)).ToListAsync(ct).ConfigureAwait(false);
        var regions = ids.Count == 0 ? [] : await db.Enterprises.IgnoreQueryFilters().AsNoTracking().Where(e => ids.Contains(e.Id))
            .Select(e => new StoredRegion(e.Id, e.ProvinceCode, e.CityCode, e.RegionCode)).ToListAsync(ct).ConfigureAwait(false);
        return pending.Changes(stored, regions);
    }

    /// <inheritdoc cref="PendingAsync"/>
    public static List<TierDayCount> Pending(TiduDbContext db)
    {
        var pending = Affected(db);
        if (pending is null)
        {
            return [];
        }
        var ids = pending.Stored;
        var stored = ids.Count == 0 ? [] : db.Recognitions.IgnoreQueryFilters().AsNoTracking().Where(r => ids.Contains(r.EnterpriseId))
            .Select(r => new StoredRecognition(r.Id, r.EnterpriseId, r.Tier, r.RecognizedOn, r.ValidUntil)).ToList();
        var regions = ids.Count == 0 ? [] : db.Enterprises.IgnoreQueryFilters().AsNoTracking().Where(e => ids.Contains(e.Id))
            .Select(e => new StoredRegion(e.Id, e.ProvinceCode, e.CityCode, e.RegionCode)).ToList();
        return pending.Changes(stored, regions);
    }

    /// <summary>The enterprises (by key, temporary for a new one) whose contributions the save may change; null when none.</summary>
    private static PendingSave? Affected(TiduDbContext db)
    {
        var recognitions = db.ChangeTracker.Entries<EnterpriseRecognition>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        var enterprises = db.ChangeTracker.Entries<Enterprise>().ToList();
        var moved = enterprises.Where(e => e.State == EntityState.Deleted || (e.State == EntityState.Modified
            && (e.Property(x => x.RegionCode).IsModified || e.Property(x => x.CityCode).IsModified || e.Property(x => x.ProvinceCode).IsModified))).ToList();
        if (recognitions.Count == 0 && moved.Count == 0)
        {
            return null;
        }
        var keys = new HashSet<long>(moved.Select(e => e.Entity.Id));
        foreach (var r in recognitions)
        {
            keys.Add(r.Property(x => x.EnterpriseId).CurrentValue);
            if (r.State != EntityState.Added)
            {
                keys.Add(r.Property(x => x.EnterpriseId).OriginalValue);
            }
        }
        // A new file's key is a temporary value held by its entry (EF Core leaves the object's Id at 0), as in its recognitions' entries.
        var tracked = enterprises.GroupBy(e => e.Property(x => x.Id).CurrentValue).ToDictionary(g => g.Key, g => g.First());
        var stored = keys.Where(k => !(tracked.GetValueOrDefault(k) is { State: EntityState.Added })).ToList();
        return new PendingSave(keys, stored, tracked, recognitions);
    }

    private sealed record StoredRecognition(long Id, long EnterpriseId, string Tier, DateOnly RecognizedOn, DateOnly? ValidUntil);

    private sealed record StoredRegion(long Id, string ProvinceCode, string? CityCode, string RegionCode);

    private sealed record PendingSave(
        HashSet<long> Keys,
        List<long> Stored,
        Dictionary<long, Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry<Enterprise>> Tracked,
        List<Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry<EnterpriseRecognition>> Recognitions)
    {
        /// <summary>Each affected enterprise's contributions after the save less those before it.</summary>
        public List<TierDayCount> Changes(List<StoredRecognition> stored, List<StoredRegion> regions)
        {
            var byEnterprise = stored.ToLookup(r => r.EnterpriseId);
            var regionOf = regions.ToDictionary(r => r.Id);
            // The rows this save writes replace what is stored under their ids.
            var written = Recognitions.Where(r => r.State != EntityState.Added).Select(r => r.Entity.Id).ToHashSet();
            var changes = new List<TierDayCount>();
            foreach (var key in Keys)
            {
                if (regionOf.GetValueOrDefault(key) is { } was)
                {
                    changes.AddRange(Of(was.ProvinceCode, was.CityCode, was.RegionCode,
                        byEnterprise[key].Select(r => new Validity(r.Tier, r.RecognizedOn, r.ValidUntil)), -1));
                }
                var entry = Tracked.GetValueOrDefault(key);
                if (entry?.State == EntityState.Deleted)
                {
                    continue;
                }
                var now = entry is not null
                    ? new StoredRegion(key, entry.Entity.ProvinceCode, entry.Entity.CityCode, entry.Entity.RegionCode)
                    : regionOf.GetValueOrDefault(key);
                if (now is null)
                {
                    continue;
                }
                var after = byEnterprise[key].Where(r => !written.Contains(r.Id)).Select(r => new Validity(r.Tier, r.RecognizedOn, r.ValidUntil))
                    .Concat(Recognitions.Where(r => r.State != EntityState.Deleted && r.Property(x => x.EnterpriseId).CurrentValue == key)
                        .Select(r => new Validity(r.Entity.Tier, r.Entity.RecognizedOn, r.Entity.ValidUntil)));
                changes.AddRange(Of(now.ProvinceCode, now.CityCode, now.RegionCode, after, 1));
            }
            return Registry.OutcomeHistory.Sum(changes);
        }
    }
}
