using Microsoft.EntityFrameworkCore;
using Tidu.Data.Auditing;
using Tidu.Data.Scoping;

namespace Tidu.Data;

/// <summary>The embedded default: one SQLite file, migrations in Migrations/Sqlite.</summary>
public sealed class SqliteTiduDbContext(DbContextOptions<SqliteTiduDbContext> options, IRegionScopeSource scope, TimeProvider clock, AuditHashing? hashing = null)
    : TiduDbContext(options, scope, clock, hashing);

/// <summary>Production: PostgreSQL through Npgsql, migrations in Migrations/Postgres.</summary>
public sealed class PostgresTiduDbContext(DbContextOptions<PostgresTiduDbContext> options, IRegionScopeSource scope, TimeProvider clock, AuditHashing? hashing = null)
    : TiduDbContext(options, scope, clock, hashing);
