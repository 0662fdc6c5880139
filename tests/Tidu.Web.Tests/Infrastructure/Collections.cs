using Xunit;

namespace Tidu.Web.Tests.Infrastructure;

// One app per provider, shared by every test class bound to it. The tests of one collection run one after the
// other (they share a database); the two providers' collections run side by side.

[CollectionDefinition(Name)]
public sealed class SqliteApp : ICollectionFixture<SqliteAppFixture>
{
    public const string Name = "sqlite";
}

[CollectionDefinition(Name)]
public sealed class PostgresApp : ICollectionFixture<PostgresAppFixture>
{
    public const string Name = "postgres";
}
