using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tidu.Data.Entities;

namespace Tidu.Data.Configuration;

internal sealed class EnterpriseConfiguration : IEntityTypeConfiguration<Enterprise>
{
    public void Configure(EntityTypeBuilder<Enterprise> b)
    {
        b.HasIndex(e => e.CreditCode).IsUnique();
        b.Property(e => e.CreditCode).HasMaxLength(18);
        b.Property(e => e.Name).HasMaxLength(200);
        b.Property(e => e.RegionCode).HasMaxLength(6);
        b.Property(e => e.ProvinceCode).HasMaxLength(6);
        b.Property(e => e.CityCode).HasMaxLength(6);
        b.Property(e => e.IndustryCode).HasMaxLength(5);
        b.Property(e => e.Revision).IsConcurrencyToken();
        // A region scope is one equality on the column of its level (RegionScope.Within), and lists are sorted by name with
        // the (unique) credit code as tie-breaker: one index per level, led by the scope column and followed by the sort, lets a page (and a
        // keyset's next page) be read in order from the index, the screening filters checked row by row as it goes (size
        // class in the row, tier outcomes by their primary key) — no sort of the region's matches, no scan of the rest.
        b.HasIndex(e => new { e.ProvinceCode, e.Name, e.CreditCode });
        b.HasIndex(e => new { e.CityCode, e.Name, e.CreditCode });
        b.HasIndex(e => new { e.RegionCode, e.Name, e.CreditCode });
        b.HasIndex(e => e.IndustryCode);
        // The same order for everything (administrators, system jobs).
        b.HasIndex(e => new { e.Name, e.CreditCode });
        b.HasOne<Region>().WithMany().HasForeignKey(e => e.RegionCode).OnDelete(DeleteBehavior.Restrict);
        b.OwnsOne(e => e.Evaluation, ev =>
        {
            ev.Property(x => x.SizeClass).HasMaxLength(10);
            ev.Property(x => x.HighestTier).HasMaxLength(40);
            ev.Property(x => x.NearMissTier).HasMaxLength(40);
            ev.HasIndex(x => x.HighestTier);
            ev.HasIndex(x => x.NearMissTier);
            ev.HasIndex(x => x.SizeClass);
        });
        b.HasMany(e => e.Financials).WithOne(f => f.Enterprise).HasForeignKey(f => f.EnterpriseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(e => e.Recognitions).WithOne(r => r.Enterprise).HasForeignKey(r => r.EnterpriseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(e => e.Honors).WithOne(h => h.Enterprise).HasForeignKey(h => h.EnterpriseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(e => e.TierOutcomes).WithOne(t => t.Enterprise).HasForeignKey(t => t.EnterpriseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(e => e.OutcomeHistory).WithOne(t => t.Enterprise).HasForeignKey(t => t.EnterpriseId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(e => e.PendingCounts);
    }
}
