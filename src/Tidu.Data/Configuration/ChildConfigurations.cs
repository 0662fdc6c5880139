using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tidu.Data.Entities;

namespace Tidu.Data.Configuration;

internal sealed class FinancialYearConfiguration : IEntityTypeConfiguration<EnterpriseFinancialYear>
{
    // Upsert by credit code and year: the pair is the key, so a re-import can only update, never duplicate.
    public void Configure(EntityTypeBuilder<EnterpriseFinancialYear> b) => b.HasKey(f => new { f.EnterpriseId, f.Year });
}

internal sealed class TierOutcomeConfiguration : IEntityTypeConfiguration<TierOutcome>
{
    public void Configure(EntityTypeBuilder<TierOutcome> b)
    {
        b.HasKey(t => new { t.EnterpriseId, t.Tier });
        b.Property(t => t.Tier).HasMaxLength(40);
        b.HasIndex(t => new { t.Tier, t.Qualified, t.NearMiss });
    }
}

internal sealed class DatedTierOutcomeConfiguration : IEntityTypeConfiguration<DatedTierOutcome>
{
    public void Configure(EntityTypeBuilder<DatedTierOutcome> b)
    {
        b.HasKey(t => new { t.EnterpriseId, t.Tier, t.AsOf });
        b.Property(t => t.Tier).HasMaxLength(40);
        b.Property(t => t.RuleVersion).HasMaxLength(80);
        b.Property(t => t.ProvinceCode).HasMaxLength(6);
        b.Property(t => t.CityCode).HasMaxLength(6);
        b.Property(t => t.RegionCode).HasMaxLength(6);
    }
}

internal sealed class RecognitionConfiguration : IEntityTypeConfiguration<EnterpriseRecognition>
{
    public void Configure(EntityTypeBuilder<EnterpriseRecognition> b)
    {
        b.Property(r => r.Tier).HasMaxLength(40);
        b.Property(r => r.Issuer).HasMaxLength(200);
        b.Property(r => r.Basis).HasMaxLength(120);
        b.HasIndex(r => new { r.Tier, r.ValidUntil });
        // The dashboard's and the report's new recognitions of a year or month read a span of recognition dates.
        b.HasIndex(r => r.RecognizedOn);
    }
}

internal sealed class HonorConfiguration : IEntityTypeConfiguration<EnterpriseHonor>
{
    public void Configure(EntityTypeBuilder<EnterpriseHonor> b) => b.Property(h => h.Kind).HasMaxLength(60);
}

internal sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> b)
    {
        b.HasKey(r => r.Code);
        b.Property(r => r.Code).HasMaxLength(6);
        b.Property(r => r.ParentCode).HasMaxLength(6);
        b.Property(r => r.Name).HasMaxLength(60);
        b.Property(r => r.Level).HasMaxLength(10);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(a => a.Actor).HasMaxLength(256);
        // insert, update, delete, or a security event's kind (SecurityEvents: "sign-in-failed", "role-granted", …).
        b.Property(a => a.Action).HasMaxLength(40);
        b.Property(a => a.Entity).HasMaxLength(60);
        b.Property(a => a.EntityKey).HasMaxLength(120);
        b.Property(a => a.CreditCode).HasMaxLength(18);
        b.HasIndex(a => a.CreditCode);
        b.HasIndex(a => new { a.Entity, a.EntityKey });
        // The audit administrator searches by time (and the retention floor is counted from it).
        b.HasIndex(a => a.At);
        // Unique: two writers that both claimed the same place would fail here, even if the head lock were bypassed.
        b.HasIndex(a => a.Sequence).IsUnique();
        b.Property(a => a.Hash).HasMaxLength(64);
        b.Property(a => a.Algorithm).HasMaxLength(32);
    }
}

internal sealed class AuditChainHeadConfiguration : IEntityTypeConfiguration<AuditChainHead>
{
    public void Configure(EntityTypeBuilder<AuditChainHead> b)
    {
        b.Property(h => h.Id).ValueGeneratedNever();
        b.Property(h => h.Hash).HasMaxLength(64);
        b.HasData(new AuditChainHead { Id = AuditChainHead.SingletonId, Sequence = 0, Hash = Auditing.AuditChain.Genesis });
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.Property(k => k.Prefix).HasMaxLength(16);
        b.HasIndex(k => k.Prefix).IsUnique();
        b.Property(k => k.RegionCode).HasMaxLength(6);
        b.Property(k => k.RecipientKind).HasMaxLength(20);
        b.Property(k => k.Tiers).HasMaxLength(400);
    }
}
