using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Tidu.Data.Scoping;

namespace Tidu.Data;

// Used only by `dotnet ef migrations add`; the connection strings are placeholders, never opened.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteTiduDbContext>
{
    public SqliteTiduDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteTiduDbContext>().UseSqlite("Data Source=design.db").Options,
            new FixedRegionScope(RegionScope.Everything("design")), TimeProvider.System);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresTiduDbContext>
{
    public PostgresTiduDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresTiduDbContext>().UseNpgsql("Host=localhost;Database=design").Options,
            new FixedRegionScope(RegionScope.Everything("design")), TimeProvider.System);
}
