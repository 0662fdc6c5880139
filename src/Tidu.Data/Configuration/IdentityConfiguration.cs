using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tidu.Data.Identity;

namespace Tidu.Data.Configuration;

internal sealed class UserRoleConfiguration : IEntityTypeConfiguration<IdentityUserRole<string>>
{
    // One role per account, in the database itself: no account holds two administrator roles (三员分立), nor an
    // administrator role beside a business role, whatever code or SQL tries.
    public void Configure(EntityTypeBuilder<IdentityUserRole<string>> b) => b.HasIndex(r => r.UserId).IsUnique();
}

internal sealed class TiduUserConfiguration : IEntityTypeConfiguration<TiduUser>
{
    public void Configure(EntityTypeBuilder<TiduUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(100);
        b.Property(u => u.RegionCode).HasMaxLength(6);
        b.Property(u => u.CreditCode).HasMaxLength(18);
        b.Property(u => u.OrganisationCreditCode).HasMaxLength(18);
        b.Property(u => u.LastSignInAddress).HasMaxLength(64);
    }
}

internal sealed class PasswordHistoryConfiguration : IEntityTypeConfiguration<PasswordHistoryEntry>
{
    public void Configure(EntityTypeBuilder<PasswordHistoryEntry> b)
    {
        b.Property(p => p.UserId).HasMaxLength(450);
        b.HasIndex(p => new { p.UserId, p.Id });
        b.HasOne<TiduUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SecurityPolicyConfiguration : IEntityTypeConfiguration<SecurityPolicy>
{
    public void Configure(EntityTypeBuilder<SecurityPolicy> b)
    {
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.UpdatedBy).HasMaxLength(256);
    }
}
