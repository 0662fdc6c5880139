using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Tidu.Data;

/// <summary>Registers the context for the configured provider; the rest of the platform only sees <see cref="TiduDbContext"/>.</summary>
public static class DatabaseServices
{
    public static IServiceCollection AddTiduDatabase(this IServiceCollection services, DatabaseProvider provider, string connectionString, Cryptography.KeyRing keys)
    {
        services.AddSingleton(keys);
        services.AddSingleton(new Cryptography.FieldCipher(keys));
        // One process keeps its own counter; a cluster node registers its shared generation after this (the last wins).
        services.TryAddSingleton<Changes.IWriteGeneration, Changes.LocalWriteGeneration>();
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                services.AddDbContext<SqliteTiduDbContext>(o => Configure(o, provider, connectionString));
                services.AddScoped<TiduDbContext>(sp => sp.GetRequiredService<SqliteTiduDbContext>());
                break;
            case DatabaseProvider.Postgres:
                services.AddDbContext<PostgresTiduDbContext>(o => Configure(o, provider, connectionString));
                services.AddScoped<TiduDbContext>(sp => sp.GetRequiredService<PostgresTiduDbContext>());
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "unknown database provider");
        }
        return services;
    }

    /// <summary>
    /// The one place that configures a context, for the platform and for the CLI alike, so both run the same checks.
    /// A Skip/Take without an order is an error, not a warning: pages and batches would differ from one call to the next.
    /// Every test of the suite then finds such a query the first time it runs. Related collections are loaded in one
    /// query (the providers' default, stated so that it is a choice): a page reads one consistent state of a file.
    /// </summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ = provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(connectionString, s => s.MigrationsAssembly(typeof(TiduDbContext).Assembly.FullName).UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery)),
            DatabaseProvider.Postgres => options.UseNpgsql(connectionString, s => s.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery)),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "unknown database provider"),
        };
        return options.ConfigureWarnings(w => w.Throw(CoreEventId.RowLimitingOperationWithoutOrderByWarning));
    }

    /// <summary>
    /// A context outside dependency injection (the CLI, tools): the provider's own subclass, so its migrations match.
    /// Without <paramref name="hashing"/> it reads, and refuses to save audited changes.
    /// </summary>
    public static TiduDbContext CreateContext(DatabaseProvider provider, string connectionString, Scoping.IRegionScopeSource scope, TimeProvider clock,
        Cryptography.FieldCipher cipher, Auditing.AuditHashing? hashing = null) => provider switch
        {
            DatabaseProvider.Sqlite => new SqliteTiduDbContext(Options<SqliteTiduDbContext>(provider, connectionString), scope, clock, cipher, hashing),
            DatabaseProvider.Postgres => new PostgresTiduDbContext(Options<PostgresTiduDbContext>(provider, connectionString), scope, clock, cipher, hashing),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "unknown database provider"),
        };

    private static DbContextOptions<T> Options<T>(DatabaseProvider provider, string connectionString) where T : DbContext
    {
        var options = new DbContextOptionsBuilder<T>();
        Configure(options, provider, connectionString);
        return options.Options;
    }

    /// <summary>Parses the configuration value ("sqlite" or "postgres"), with a message that says what is accepted.</summary>
    public static DatabaseProvider ParseProvider(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        null or "" or "SQLITE" => DatabaseProvider.Sqlite,
        "POSTGRES" or "POSTGRESQL" or "NPGSQL" => DatabaseProvider.Postgres,
        _ => throw new InvalidOperationException($"Database:Provider must be 'sqlite' or 'postgres', got '{value}'"),
    };
}
