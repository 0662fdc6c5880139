using System.Net;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Tidu.Data.Auditing;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Auditing;

/// <summary>Every write leaves an audit entry (who, before, after); the trail cannot be changed through EF nor through SQL.</summary>
public abstract class AuditTests(TiduAppFixture app)
{
    [Fact]
    public async Task A_write_through_the_API_is_audited_with_its_actor_and_the_values_before_and_after()
    {
        using var client = await Sessions.LoginAsync(app, "hz-city");
        var code = CreditCodes.For("330114", 301);
        var created = await client.PutJsonAsync($"/api/v1/enterprises/{code}", Profiles.Minimal(code, "审计测试有限公司", "330114", revenue: 5000m));
        created.Status.ShouldBe(HttpStatusCode.OK, created.Text);
        var changed = await client.PutJsonAsync($"/api/v1/enterprises/{code}", Profiles.Minimal(code, "审计测试有限公司", "330114", revenue: 5200m));
        changed.Status.ShouldBe(HttpStatusCode.OK, changed.Text);

        var entries = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.CreditCode == code).OrderBy(a => a.Id).ToListAsync());
        entries.ShouldAllBe(a => a.Actor == "hz-city");
        var insert = entries.Single(a => a.Action == "insert" && a.Entity == "Enterprise");
        insert.Before.ShouldBeNull();
        System.Text.Json.Nodes.JsonNode.Parse(insert.After!)!["Name"]!.GetValue<string>().ShouldBe("审计测试有限公司");
        // Profiles.Minimal: 2024 revenue 5000 then 5200; 2025 = 2024 + 1000.
        var update2024 = entries.Single(a => a.Action == "update" && a.Entity == "EnterpriseFinancialYear" && a.EntityKey == "2024");
        update2024.Before!.ShouldContain("5000");
        update2024.After!.ShouldContain("5200");
        entries.Single(a => a.Action == "update" && a.EntityKey == "2025").After!.ShouldContain("6200");
    }

    [Fact]
    public async Task A_change_to_one_financial_year_alone_is_a_new_revision_of_the_file_and_the_same_data_is_not()
    {
        using var client = await Sessions.LoginAsync(app, "hz-city");
        var code = CreditCodes.For("330114", 302);
        (await client.PutJsonAsync($"/api/v1/enterprises/{code}", Profiles.Minimal(code, "修订号测试有限公司", "330114", revenue: 5000m))).Status.ShouldBe(HttpStatusCode.OK);
        var first = await app.WithDbAsync(db => db.Enterprises.IgnoreQueryFilters().Where(e => e.CreditCode == code).Select(e => e.Revision).SingleAsync());

        (await client.PutJsonAsync($"/api/v1/enterprises/{code}", Profiles.Minimal(code, "修订号测试有限公司", "330114", revenue: 5000m))).Status.ShouldBe(HttpStatusCode.OK);
        (await app.WithDbAsync(db => db.Enterprises.IgnoreQueryFilters().Where(e => e.CreditCode == code).Select(e => e.Revision).SingleAsync())).ShouldBe(first);

        // Only the yearly figures differ (the enterprise row itself is unchanged), yet the file has a new revision.
        (await client.PutJsonAsync($"/api/v1/enterprises/{code}", Profiles.Minimal(code, "修订号测试有限公司", "330114", revenue: 5100m))).Status.ShouldBe(HttpStatusCode.OK);
        (await app.WithDbAsync(db => db.Enterprises.IgnoreQueryFilters().Where(e => e.CreditCode == code).Select(e => e.Revision).SingleAsync())).ShouldBe(first + 1);
    }

    [Fact]
    public async Task Changing_or_deleting_an_audit_entry_through_EF_is_refused()
    {
        var id = await app.WithDbAsync(db => db.AuditEntries.MinAsync(a => a.Id));
        await Should.ThrowAsync<AuditTrailViolationException>(() => app.WithDbAsync(async db =>
        {
            var entry = await db.AuditEntries.SingleAsync(a => a.Id == id);
            entry.Actor = "forger";
            await db.SaveChangesAsync();
        }));
        await Should.ThrowAsync<AuditTrailViolationException>(() => app.WithDbAsync(async db =>
        {
            db.AuditEntries.Remove(await db.AuditEntries.SingleAsync(a => a.Id == id));
            await db.SaveChangesAsync();
        }));
        (await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Id == id))).Actor.ShouldNotBe("forger");
    }

    [Fact]
    public async Task Changing_or_deleting_an_audit_entry_through_SQL_is_refused_by_the_database()
    {
        var count = await app.WithDbAsync(db => db.AuditEntries.CountAsync());
        count.ShouldBeGreaterThan(0);
        var update = await Should.ThrowAsync<Exception>(() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"Actor\" = 'forger'")));
        update.Message.ShouldContain("append-only");
        var delete = await Should.ThrowAsync<Exception>(() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\"")));
        delete.Message.ShouldContain("append-only");
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync())).ShouldBe(count);
        (await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Actor == "forger"))).ShouldBe(0);
    }
}

[Collection(SqliteApp.Name)]
public sealed class SqliteAuditTests(SqliteAppFixture app) : AuditTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresAuditTests(PostgresAppFixture app) : AuditTests(app);
