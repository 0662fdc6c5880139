using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tidu.Data.Entities.Monitoring;

namespace Tidu.Data.Configuration;

internal sealed class OfficialRecognitionCountConfiguration : IEntityTypeConfiguration<OfficialRecognitionCount>
{
    public void Configure(EntityTypeBuilder<OfficialRecognitionCount> b)
    {
        b.Property(c => c.ProvinceCode).HasMaxLength(6);
        b.Property(c => c.Tier).HasMaxLength(40);
        b.Property(c => c.Batch).HasMaxLength(40);
        b.Property(c => c.Kind).HasMaxLength(20);
        b.Property(c => c.CityCode).HasMaxLength(6);
        b.Property(c => c.Document).HasMaxLength(100);
        b.Property(c => c.ImportedBy).HasMaxLength(256);
        // One count per city, batch and kind: re-importing a batch updates it.
        b.HasIndex(c => new { c.ProvinceCode, c.Tier, c.Year, c.Batch, c.Kind, c.CityCode }).IsUnique();
    }
}

internal sealed class TierDayCountConfiguration : IEntityTypeConfiguration<TierDayCount>
{
    public void Configure(EntityTypeBuilder<TierDayCount> b)
    {
        // The key the writers add to (INSERT … ON CONFLICT … DO UPDATE); the region's ancestors follow from it.
        b.HasKey(c => new { c.RegionCode, c.Tier, c.Day });
        b.Property(c => c.RegionCode).HasMaxLength(6);
        b.Property(c => c.Tier).HasMaxLength(40);
        b.Property(c => c.ProvinceCode).HasMaxLength(6);
        b.Property(c => c.CityCode).HasMaxLength(6);
        // A province's or city's scope is one equality on its column (the county's is the key's leading column).
        b.HasIndex(c => new { c.ProvinceCode, c.Day });
        b.HasIndex(c => new { c.CityCode, c.Day });
    }
}

internal sealed class FileMixCountConfiguration : IEntityTypeConfiguration<FileMixCount>
{
    public void Configure(EntityTypeBuilder<FileMixCount> b)
    {
        // The key the triggers add to (INSERT … ON CONFLICT … DO UPDATE).
        b.HasKey(c => new { c.RegionCode, c.Section, c.SizeClass });
        b.Property(c => c.RegionCode).HasMaxLength(6);
        b.Property(c => c.Section).HasMaxLength(1);
        b.Property(c => c.SizeClass).HasMaxLength(20);
        b.Property(c => c.ProvinceCode).HasMaxLength(6);
        b.Property(c => c.CityCode).HasMaxLength(6);
        b.HasIndex(c => c.ProvinceCode);
        b.HasIndex(c => c.CityCode);
    }
}
