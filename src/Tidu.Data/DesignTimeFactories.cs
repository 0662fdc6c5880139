using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Tidu.Data.Scoping;

namespace Tidu.Data;

// Used only by `dotnet ef migrations add`; the connection strings are placeholders, never opened. These factories are
// the EF tools' composition root, so they may take the system clock (it is never read: no row is saved).
#pragma warning disable RS0030
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteTiduDbContext>
{
    public SqliteTiduDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteTiduDbContext>().UseSqlite("Data Source=design.db").Options,
            new FixedRegionScope(RegionScope.Everything("design")), TimeProvider.System, DesignTimeCipher.Instance);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresTiduDbContext>
{
    public PostgresTiduDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresTiduDbContext>().UseNpgsql("Host=localhost;Database=design").Options,
            new FixedRegionScope(RegionScope.Everything("design")), TimeProvider.System, DesignTimeCipher.Instance);
}

// Migrations do not depend on keys (an encrypted column is text like its plaintext); the design-time key is never used.
internal static class DesignTimeCipher
{
    public static readonly Cryptography.FieldCipher Instance =
        new(Cryptography.KeyRing.Of(Cryptography.CryptoSuite.Guomi, (Cryptography.KeyRing.Fields, "design", new byte[Cryptography.KeyRing.MaterialBytes])));
}
#pragma warning restore RS0030
