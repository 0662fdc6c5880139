using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Tidu.Data.Entities;
using Tidu.Data.Entities.Monitoring;

namespace Tidu.Data.Changes;

/// <summary>
/// Which regions a write touched, so that only the cached counts of scopes that can see it are retired: the region
/// codes (county, city, province — each scope column's value) of every enterprise file it wrote, before and after (a
/// file that moved changes both places). A write of anything that is not an enterprise file, or of a file row whose
/// enterprise is not known here, is <see cref="Unattributed"/> and retires every cached count, as before.
/// </summary>
public sealed class WrittenRegions
{
    private readonly HashSet<string> _codes = new(StringComparer.Ordinal);

    /// <summary>The region codes written (each enterprise's county, city and province).</summary>
    public IReadOnlyCollection<string> Codes => _codes;

    /// <summary>Something was written whose regions are not known: every scope's counts must be retired.</summary>
    public bool Unattributed { get; private set; }

    /// <summary>Whether anything at all was recorded (a region or an unattributed write).</summary>
    public bool Any => Unattributed || _codes.Count > 0;

    /// <summary>Records a write of an enterprise file in these regions (the bulk load's writes bypass change tracking).</summary>
    public void Add(string regionCode, string? cityCode, string provinceCode)
    {
        _codes.Add(regionCode);
        if (cityCode is not null)
        {
            _codes.Add(cityCode);
        }
        _codes.Add(provinceCode);
    }

    public void Add(WrittenRegions other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _codes.UnionWith(other._codes);
        Unattributed |= other.Unattributed;
    }

    public void Clear()
    {
        _codes.Clear();
        Unattributed = false;
    }

    /// <summary>
    /// The regions of the changes <paramref name="context"/> is about to save. Audit rows say nothing a count reads, so
    /// they are left out; an enterprise file's child row (a year, a recognition, an honour, an outcome) counts in its
    /// enterprise's regions when the enterprise is loaded with it, and as unattributed otherwise.
    /// </summary>
    public static WrittenRegions Of(DbContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var written = new WrittenRegions();
        Dictionary<long, Enterprise>? tracked = null;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }
            switch (entry.Entity)
            {
                case AuditEntry or AuditChainHead:
                    break;
                case Enterprise e:
                    written.AddEnterprise(entry, e);
                    break;
                case DatedTierOutcome h:
                    written.AddCodes(entry, nameof(DatedTierOutcome.RegionCode), nameof(DatedTierOutcome.CityCode), nameof(DatedTierOutcome.ProvinceCode));
                    written.AddOwner(h.Enterprise, h.EnterpriseId, ref tracked, context);
                    break;
                case EnterpriseFinancialYear f:
                    written.AddOwner(f.Enterprise, f.EnterpriseId, ref tracked, context);
                    break;
                case EnterpriseRecognition r:
                    written.AddOwner(r.Enterprise, r.EnterpriseId, ref tracked, context);
                    break;
                case EnterpriseHonor h:
                    written.AddOwner(h.Enterprise, h.EnterpriseId, ref tracked, context);
                    break;
                case TierOutcome o:
                    written.AddOwner(o.Enterprise, o.EnterpriseId, ref tracked, context);
                    break;
                case EvaluationSummary when entry.Metadata.FindOwnership() is { } ownership && ownership.Properties.Count == 1
                    && entry.Property(ownership.Properties[0].Name).CurrentValue is long owner:
                    written.AddOwner(null, owner, ref tracked, context);
                    break;
                default:
                    written.Unattributed = true;
                    break;
            }
        }
        return written;
    }

    private void AddEnterprise(EntityEntry entry, Enterprise e)
    {
        AddCodes(entry, nameof(Enterprise.RegionCode), nameof(Enterprise.CityCode), nameof(Enterprise.ProvinceCode));
        // The roll-up changes this save adds carry the regions of the history rows they sum (also a file's former region).
        foreach (var c in e.PendingCounts)
        {
            Add(c.RegionCode, c.CityCode, c.ProvinceCode);
        }
    }

    /// <summary>The row's scope columns as they are now and, for a changed or deleted row, as they were.</summary>
    private void AddCodes(EntityEntry entry, string region, string city, string province)
    {
        Add((string)entry.Property(region).CurrentValue!, (string?)entry.Property(city).CurrentValue, (string)entry.Property(province).CurrentValue!);
        if (entry.State is EntityState.Modified or EntityState.Deleted)
        {
            Add((string)entry.Property(region).OriginalValue!, (string?)entry.Property(city).OriginalValue, (string)entry.Property(province).OriginalValue!);
        }
    }

    private void AddOwner(Enterprise? loaded, long id, ref Dictionary<long, Enterprise>? tracked, DbContext context)
    {
        tracked ??= context.ChangeTracker.Entries<Enterprise>().GroupBy(x => x.Entity.Id).ToDictionary(g => g.Key, g => g.First().Entity);
        if ((loaded ?? tracked.GetValueOrDefault(id)) is { } e)
        {
            Add(e.RegionCode, e.CityCode, e.ProvinceCode);
            foreach (var c in e.PendingCounts)
            {
                Add(c.RegionCode, c.CityCode, c.ProvinceCode);
            }
        }
        else
        {
            Unattributed = true;
        }
    }

    /// <summary>The roll-up changes a raw write adds (their rows' regions).</summary>
    internal void Add(IEnumerable<TierDayCount> counts)
    {
        foreach (var c in counts)
        {
            Add(c.RegionCode, c.CityCode, c.ProvinceCode);
        }
    }
}
