using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tidu.Data.Entities;
using Tidu.Data.Entities.Sharing;

namespace Tidu.Data.Configuration;

internal sealed class SharingConsentConfiguration : IEntityTypeConfiguration<SharingConsent>
{
    public void Configure(EntityTypeBuilder<SharingConsent> b)
    {
        b.Property(c => c.RecipientKind).HasMaxLength(20);
        b.Property(c => c.Basis).HasMaxLength(10);
        b.Property(c => c.PaperReference).HasMaxLength(200);
        b.Property(c => c.GivenBy).HasMaxLength(256);
        b.Property(c => c.WithdrawnBy).HasMaxLength(256);
        b.HasOne(c => c.Enterprise).WithMany().HasForeignKey(c => c.EnterpriseId).OnDelete(DeleteBehavior.Cascade);
        // The list query asks "has an active consent for this kind" per enterprise.
        b.HasIndex(c => new { c.EnterpriseId, c.RecipientKind, c.WithdrawnAt });
    }
}

internal sealed class ListPullConfiguration : IEntityTypeConfiguration<ListPull>
{
    public void Configure(EntityTypeBuilder<ListPull> b)
    {
        b.Property(p => p.KeyName).HasMaxLength(100);
        b.Property(p => p.RecipientKind).HasMaxLength(20);
        b.Property(p => p.RegionCode).HasMaxLength(6);
        b.Property(p => p.Tiers).HasMaxLength(400);
        b.Property(p => p.Format).HasMaxLength(10);
        b.Property(p => p.ListHash).HasMaxLength(64);
        b.HasOne<ApiKey>().WithMany().HasForeignKey(p => p.ApiKeyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => p.At);
    }
}
