using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tidu.Data.Entities.Security;

namespace Tidu.Data.Configuration;

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> b)
    {
        b.ToTable("DataProtectionKeys");
        b.Property(k => k.FriendlyName).HasMaxLength(100);
        // A sealed key is about 1.5 KB; the limit leaves room and keeps a runaway row out.
        b.Property(k => k.Xml).HasMaxLength(16_000);
    }
}

internal sealed class SignInFailureConfiguration : IEntityTypeConfiguration<SignInFailure>
{
    public void Configure(EntityTypeBuilder<SignInFailure> b)
    {
        b.ToTable("SignInFailures");
        b.HasKey(f => f.Key);
        // A user name (256) and an IPv6 address with zone (≤ 64), with room to spare.
        b.Property(f => f.Key).HasMaxLength(400);
        b.HasIndex(f => f.LastFailureMs);
    }
}
