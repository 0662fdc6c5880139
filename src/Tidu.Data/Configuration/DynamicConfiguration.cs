using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tidu.Data.Entities.Dynamic;

namespace Tidu.Data.Configuration;

internal sealed class RecognitionReviewConfiguration : IEntityTypeConfiguration<RecognitionReview>
{
    public void Configure(EntityTypeBuilder<RecognitionReview> b)
    {
        b.Property(r => r.Tier).HasMaxLength(40);
        b.Property(r => r.Decision).HasMaxLength(20);
        b.Property(r => r.Ground).HasMaxLength(40);
        b.Property(r => r.Reason).HasMaxLength(2000);
        b.Property(r => r.Actor).HasMaxLength(256);
        b.Property(r => r.RuleVersion).HasMaxLength(80);
        b.HasOne(r => r.Recognition).WithMany().HasForeignKey(r => r.RecognitionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(r => r.Enterprise).WithMany().HasForeignKey(r => r.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        // The bar check at application: revocations of an enterprise and tier.
        b.HasIndex(r => new { r.EnterpriseId, r.Tier, r.Decision });
    }
}

internal sealed class OfficialRecognitionListConfiguration : IEntityTypeConfiguration<OfficialRecognitionList>
{
    public void Configure(EntityTypeBuilder<OfficialRecognitionList> b)
    {
        b.Property(l => l.Tier).HasMaxLength(40);
        b.Property(l => l.Issuer).HasMaxLength(200);
        b.Property(l => l.DocumentNumber).HasMaxLength(100);
        b.Property(l => l.ImportedBy).HasMaxLength(256);
        b.Property(l => l.ListHash).HasMaxLength(64);
    }
}

internal sealed class PoolMembershipConfiguration : IEntityTypeConfiguration<PoolMembership>
{
    public void Configure(EntityTypeBuilder<PoolMembership> b)
    {
        b.Property(p => p.Tier).HasMaxLength(40);
        b.Property(p => p.Pool).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.Source).HasMaxLength(20);
        b.Property(p => p.EnteredBy).HasMaxLength(256);
        b.Property(p => p.EntryReason).HasMaxLength(2000);
        b.Property(p => p.ExitedBy).HasMaxLength(256);
        b.Property(p => p.ExitReason).HasMaxLength(2000);
        b.HasOne(p => p.Enterprise).WithMany().HasForeignKey(p => p.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => new { p.EnterpriseId, p.Tier, p.ExitedOn });
        // Movement per month counts entries and exits by day.
        b.HasIndex(p => p.EnteredOn);
        b.HasIndex(p => p.ExitedOn);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.Property(n => n.Kind).HasMaxLength(40);
        b.Property(n => n.RecipientUserName).HasMaxLength(256);
        b.Property(n => n.RecipientRole).HasMaxLength(40);
        b.Property(n => n.RecipientRegionCode).HasMaxLength(6);
        b.Property(n => n.RecipientCreditCode).HasMaxLength(18);
        b.Property(n => n.Title).HasMaxLength(200);
        b.Property(n => n.Body).HasMaxLength(2000);
        b.Property(n => n.Link).HasMaxLength(400);
        b.Property(n => n.Key).HasMaxLength(200);
        b.HasIndex(n => n.Key).IsUnique();
        b.HasIndex(n => new { n.RecipientRole, n.RecipientRegionCode });
        b.HasIndex(n => n.RecipientCreditCode);
        b.HasIndex(n => n.RecipientUserName);
        // The e-mail dispatcher looks for recent notices not yet queued.
        b.HasIndex(n => new { n.EmailQueuedAt, n.CreatedAt });
        b.HasOne(n => n.Enterprise).WithMany().HasForeignKey(n => n.EnterpriseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(n => n.Application).WithMany().HasForeignKey(n => n.ApplicationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class NotificationReadConfiguration : IEntityTypeConfiguration<NotificationRead>
{
    public void Configure(EntityTypeBuilder<NotificationRead> b)
    {
        b.HasKey(r => new { r.NotificationId, r.UserName });
        b.Property(r => r.UserName).HasMaxLength(256);
        b.HasOne<Notification>().WithMany().HasForeignKey(r => r.NotificationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NotificationEmailConfiguration : IEntityTypeConfiguration<NotificationEmail>
{
    public void Configure(EntityTypeBuilder<NotificationEmail> b)
    {
        b.Property(x => x.UserName).HasMaxLength(256);
        b.Property(x => x.Address).HasMaxLength(256);
        b.Property(x => x.State).HasMaxLength(20);
        b.Property(x => x.LastError).HasMaxLength(1000);
        b.Property(x => x.Attempts).IsConcurrencyToken();
        b.HasOne(x => x.Notification).WithMany().HasForeignKey(x => x.NotificationId).OnDelete(DeleteBehavior.Cascade);
        // Once per notice and user, whatever races.
        b.HasIndex(x => new { x.NotificationId, x.UserName }).IsUnique();
        b.HasIndex(x => new { x.State, x.NextAttemptAt });
    }
}
