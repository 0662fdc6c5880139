using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tidu.Data.Entities.Workflow;

namespace Tidu.Data.Configuration;

internal sealed class RoundConfiguration : IEntityTypeConfiguration<Round>
{
    public void Configure(EntityTypeBuilder<Round> b)
    {
        b.Property(r => r.Title).HasMaxLength(200);
        b.Property(r => r.Tier).HasMaxLength(40);
        b.Property(r => r.RegionCode).HasMaxLength(6);
        b.Property(r => r.RuleSetVersion).HasMaxLength(80);
        b.Property(r => r.OpenedBy).HasMaxLength(256);
        b.HasMany(r => r.Quotas).WithOne().HasForeignKey(q => q.RoundId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RoundQuotaConfiguration : IEntityTypeConfiguration<RoundQuota>
{
    public void Configure(EntityTypeBuilder<RoundQuota> b)
    {
        b.HasKey(q => new { q.RoundId, q.CityCode });
        b.Property(q => q.CityCode).HasMaxLength(6);
        b.Property(q => q.Recommended).IsConcurrencyToken();
    }
}

internal sealed class ApplicationConfiguration : IEntityTypeConfiguration<Application>
{
    public void Configure(EntityTypeBuilder<Application> b)
    {
        b.Property(a => a.State).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.PreEvaluationRuleVersion).HasMaxLength(80);
        b.Property(a => a.Revision).IsConcurrencyToken();
        b.HasOne(a => a.Round).WithMany().HasForeignKey(a => a.RoundId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.Enterprise).WithMany().HasForeignKey(a => a.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        // One application per enterprise and round: a second submission is a resubmission of the same one.
        b.HasIndex(a => new { a.RoundId, a.EnterpriseId }).IsUnique();
        b.HasIndex(a => a.State);
        b.Property(a => a.CertificateNumber).HasMaxLength(80);
        b.HasIndex(a => a.CertificateNumber).IsUnique();
        b.HasMany(a => a.Objections).WithOne(o => o.Application).HasForeignKey(o => o.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(a => a.Decisions).WithOne(d => d.Application).HasForeignKey(d => d.ApplicationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ApplicationDecisionConfiguration : IEntityTypeConfiguration<ApplicationDecision>
{
    public void Configure(EntityTypeBuilder<ApplicationDecision> b)
    {
        b.Property(d => d.Decision).HasMaxLength(20);
        b.Property(d => d.Level).HasMaxLength(20);
        b.Property(d => d.FromState).HasConversion<string>().HasMaxLength(20);
        b.Property(d => d.ToState).HasConversion<string>().HasMaxLength(20);
        b.Property(d => d.Actor).HasMaxLength(256);
        b.Property(d => d.Reason).HasMaxLength(2000);
        b.Property(d => d.OverrideReason).HasMaxLength(2000);
        b.Property(d => d.RuleVersion).HasMaxLength(80);
    }
}

internal sealed class ApplicationObjectionConfiguration : IEntityTypeConfiguration<ApplicationObjection>
{
    public void Configure(EntityTypeBuilder<ApplicationObjection> b)
    {
        b.Property(o => o.Reason).HasMaxLength(2000);
        b.Property(o => o.RaisedBy).HasMaxLength(256);
        b.Property(o => o.Outcome).HasConversion<string>().HasMaxLength(20);
        b.Property(o => o.ResolvedBy).HasMaxLength(256);
        b.Property(o => o.ResolutionReason).HasMaxLength(2000);
    }
}
