using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tidu.Data.Entities.Service;

namespace Tidu.Data.Configuration;

internal sealed class CommissionerAssignmentConfiguration : IEntityTypeConfiguration<CommissionerAssignment>
{
    public void Configure(EntityTypeBuilder<CommissionerAssignment> b)
    {
        b.Property(a => a.Commissioner).HasMaxLength(256);
        b.Property(a => a.PreviousCommissioner).HasMaxLength(256);
        b.Property(a => a.RegionCode).HasMaxLength(6);
        b.Property(a => a.Level).HasMaxLength(20);
        b.Property(a => a.AssignedBy).HasMaxLength(256);
        b.Property(a => a.EndedBy).HasMaxLength(256);
        b.Property(a => a.Reason).HasMaxLength(2000);
        b.Property(a => a.RuleClause).HasMaxLength(80);
        b.HasOne(a => a.Enterprise).WithMany().HasForeignKey(a => a.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => new { a.EnterpriseId, a.EndedAt });
        b.HasIndex(a => new { a.Commissioner, a.EndedAt });
    }
}

internal sealed class EnterpriseRequestConfiguration : IEntityTypeConfiguration<EnterpriseRequest>
{
    public void Configure(EntityTypeBuilder<EnterpriseRequest> b)
    {
        b.Property(r => r.Category).HasMaxLength(40);
        b.Property(r => r.Title).HasMaxLength(200);
        b.Property(r => r.Description).HasMaxLength(4000);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.SubmittedBy).HasMaxLength(256);
        b.Property(r => r.Level).HasMaxLength(20);
        b.Property(r => r.HandlingRegionCode).HasMaxLength(6);
        b.Property(r => r.Commissioner).HasMaxLength(256);
        b.Property(r => r.Revision).IsConcurrencyToken();
        b.HasOne(r => r.Enterprise).WithMany().HasForeignKey(r => r.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(r => r.Entries).WithOne(e => e.Request).HasForeignKey(e => e.RequestId).OnDelete(DeleteBehavior.Restrict);
        // The overdue check reads open requests by deadline.
        b.HasIndex(r => new { r.Status, r.DueOn });
        b.HasIndex(r => r.SubmittedMonth);
    }
}

internal sealed class RequestEntryConfiguration : IEntityTypeConfiguration<RequestEntry>
{
    public void Configure(EntityTypeBuilder<RequestEntry> b)
    {
        b.Property(e => e.Kind).HasMaxLength(20);
        b.Property(e => e.Actor).HasMaxLength(256);
        b.Property(e => e.Text).HasMaxLength(4000);
        b.Property(e => e.FromLevel).HasMaxLength(20);
        b.Property(e => e.ToLevel).HasMaxLength(20);
    }
}

internal sealed class VisitConfiguration : IEntityTypeConfiguration<Visit>
{
    public void Configure(EntityTypeBuilder<Visit> b)
    {
        b.Property(v => v.Commissioner).HasMaxLength(256);
        b.Property(v => v.Notes).HasMaxLength(4000);
        b.Property(v => v.IssuesFound).HasMaxLength(4000);
        b.HasOne(v => v.Enterprise).WithMany().HasForeignKey(v => v.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(v => new { v.EnterpriseId, v.VisitedOn });
    }
}
