namespace Tidu.Data;

/// <summary>The supported database engines. SQLite is the embedded default; PostgreSQL is for production.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
