using Microsoft.EntityFrameworkCore;
using Shouldly;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Api;

public abstract class SmokeTests(TiduAppFixture app)
{
    [Fact]
    public async Task The_demo_database_holds_the_seeded_and_the_known_enterprises()
    {
        var count = await app.WithDbAsync(db => db.Enterprises.CountAsync(TestContext.Current.CancellationToken));
        count.ShouldBe(TiduAppFixture.DemoEnterprises + KnownEnterprises.All.Count);
    }
}

[Collection(SqliteApp.Name)]
public sealed class SqliteSmokeTests(SqliteAppFixture app) : SmokeTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresSmokeTests(PostgresAppFixture app) : SmokeTests(app);
