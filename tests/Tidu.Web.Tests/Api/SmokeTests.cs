using Microsoft.EntityFrameworkCore;
using Shouldly;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Api;

public abstract class SmokeTests(TiduAppFixture app)
{
    [Fact]
    public async Task The_demo_seed_created_its_enterprises_and_the_fixture_its_known_ones()
    {
        var ct = TestContext.Current.CancellationToken;
        // Other tests add enterprises to the shared database; the seed's own inserts are recognised by their actor.
        var seeded = await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Actor == "system:startup" && a.Action == "insert" && a.Entity == "Enterprise", ct));
        seeded.ShouldBe(TiduAppFixture.DemoEnterprises);
        var codes = KnownEnterprises.All.Select(k => k.CreditCode).ToList();
        var known = await app.WithDbAsync(db => db.Enterprises.Where(e => codes.Contains(e.CreditCode)).Select(e => e.RegionCode).ToListAsync(ct));
        known.Order().ShouldBe(KnownEnterprises.All.Select(k => k.RegionCode).Order());
    }
}

[Collection(SqliteApp.Name)]
public sealed class SqliteSmokeTests(SqliteAppFixture app) : SmokeTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresSmokeTests(PostgresAppFixture app) : SmokeTests(app);
