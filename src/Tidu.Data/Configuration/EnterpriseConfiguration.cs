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
        // Scope filters compare these three columns; each gets an index so a county's list never scans the province.
        b.HasIndex(e => e.RegionCode);
        b.HasIndex(e => e.CityCode);
        b.HasIndex(e => e.ProvinceCode);
        b.HasIndex(e => e.IndustryCode);
        // Lists are sorted by name by default; without an index every page of a province's list sorts 100k rows.
        b.HasIndex(e => e.Name);
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
    }
}
