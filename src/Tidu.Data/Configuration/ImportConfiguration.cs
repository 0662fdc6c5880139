using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tidu.Data.Entities.Importing;

namespace Tidu.Data.Configuration;

internal sealed class ImportJobConfiguration : IEntityTypeConfiguration<ImportJobRecord>
{
    public void Configure(EntityTypeBuilder<ImportJobRecord> b)
    {
        b.ToTable("ImportJobs");
        b.Property(j => j.Owner).HasMaxLength(256);
        b.Property(j => j.ScopeRegionCode).HasMaxLength(6);
        b.Property(j => j.FileName).HasMaxLength(255);
        b.Property(j => j.Format).HasMaxLength(10);
        b.Property(j => j.State).HasMaxLength(20);
        b.Property(j => j.Failure).HasMaxLength(400);
        b.Property(j => j.LeaseOwner).HasMaxLength(100);
        // The workers look for jobs to take by state; the clean-up by age.
        b.HasIndex(j => j.State);
        b.HasIndex(j => j.CreatedMs);
        b.HasOne<ImportJobContent>().WithOne().HasForeignKey<ImportJobContent>(c => c.JobId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany<ImportJobIssue>().WithOne().HasForeignKey(i => i.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ImportJobContentConfiguration : IEntityTypeConfiguration<ImportJobContent>
{
    public void Configure(EntityTypeBuilder<ImportJobContent> b)
    {
        b.ToTable("ImportJobContents");
        b.HasKey(c => c.JobId);
    }
}

internal sealed class ImportJobIssueConfiguration : IEntityTypeConfiguration<ImportJobIssue>
{
    public void Configure(EntityTypeBuilder<ImportJobIssue> b)
    {
        b.ToTable("ImportJobIssues");
        b.Property(i => i.Column).HasMaxLength(200);
        b.Property(i => i.ReasonZh).HasMaxLength(500);
        b.Property(i => i.ReasonEn).HasMaxLength(500);
        b.HasIndex(i => new { i.JobId, i.Ordinal });
    }
}
