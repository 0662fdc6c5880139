using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tidu.Data.Entities;
using Tidu.Data.Entities.Workflow;

namespace Tidu.Data.Configuration;

internal sealed class RoundExpertReviewConfiguration : IEntityTypeConfiguration<RoundExpertReview>
{
    public void Configure(EntityTypeBuilder<RoundExpertReview> b)
    {
        b.HasKey(r => r.RoundId);
        b.HasOne<Round>().WithOne().HasForeignKey<RoundExpertReview>(r => r.RoundId).OnDelete(DeleteBehavior.Cascade);
        b.Property(r => r.SetBy).HasMaxLength(256);
    }
}

internal sealed class ExpertAssignmentConfiguration : IEntityTypeConfiguration<ExpertAssignment>
{
    public void Configure(EntityTypeBuilder<ExpertAssignment> b)
    {
        b.HasOne(x => x.Application).WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Enterprise>().WithMany().HasForeignKey(x => x.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        // One assignment per expert and application; the scope filter looks assignments up by expert.
        b.HasIndex(x => new { x.ApplicationId, x.ExpertId }).IsUnique();
        b.HasIndex(x => new { x.ExpertId, x.EnterpriseId });
        b.Property(x => x.EnterpriseCreditCode).HasMaxLength(18);
        b.Property(x => x.EnterpriseRegionCode).HasMaxLength(6);
        b.Property(x => x.EnterpriseCityCode).HasMaxLength(6);
        b.Property(x => x.EnterpriseProvinceCode).HasMaxLength(6);
        b.Property(x => x.ExpertId).HasMaxLength(450);
        b.Property(x => x.ExpertUserName).HasMaxLength(256);
        b.Property(x => x.AssignedBy).HasMaxLength(256);
        b.Property(x => x.ConflictStatement).HasMaxLength(2000);
        b.Property(x => x.Comment).HasMaxLength(4000);
    }
}

internal sealed class ApplicationMaterialConfiguration : IEntityTypeConfiguration<ApplicationMaterial>
{
    public void Configure(EntityTypeBuilder<ApplicationMaterial> b)
    {
        b.HasOne(m => m.Application).WithMany().HasForeignKey(m => m.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Enterprise>().WithMany().HasForeignKey(m => m.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        b.Property(m => m.FileName).HasMaxLength(255);
        b.Property(m => m.StoredName).HasMaxLength(64);
        b.HasIndex(m => m.StoredName).IsUnique();
        b.Property(m => m.Kind).HasMaxLength(10);
        b.Property(m => m.ContentType).HasMaxLength(100);
        b.Property(m => m.Sha256).HasMaxLength(64);
        b.Property(m => m.UploadedBy).HasMaxLength(256);
    }
}

internal sealed class ApplicationDeclarationConfiguration : IEntityTypeConfiguration<ApplicationDeclaration>
{
    public void Configure(EntityTypeBuilder<ApplicationDeclaration> b)
    {
        b.HasOne(d => d.Application).WithMany().HasForeignKey(d => d.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Enterprise>().WithMany().HasForeignKey(d => d.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        b.Property(d => d.DeclaredBy).HasMaxLength(256);
    }
}

internal sealed class VerifiedValueConfiguration : IEntityTypeConfiguration<VerifiedValue>
{
    public void Configure(EntityTypeBuilder<VerifiedValue> b)
    {
        b.HasOne(v => v.Application).WithMany().HasForeignKey(v => v.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Enterprise>().WithMany().HasForeignKey(v => v.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        b.Property(v => v.Field).HasMaxLength(200);
        b.Property(v => v.Declared).HasMaxLength(400);
        b.Property(v => v.Verified).HasMaxLength(400);
        b.Property(v => v.Reason).HasMaxLength(2000);
        b.Property(v => v.VerifiedBy).HasMaxLength(256);
    }
}
