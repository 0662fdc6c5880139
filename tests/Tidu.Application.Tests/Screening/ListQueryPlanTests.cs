using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Tidu.Application.Screening;
using Tidu.Application.Tests.Infrastructure;
using Tidu.Data;
using Tidu.Data.Entities;
using Xunit;

namespace Tidu.Application.Tests.Screening;

/// <summary>
/// Screening lists read in order from one index led by the scope's column: SQLite's query plan (EXPLAIN QUERY PLAN) for
/// a province, a city and a county officer names the index of that level, with no other region column in the condition
/// and no sort of the matches. Keyset pages walk the whole list without repeating or losing a row, and the total
/// is exact up to the limit, an estimate (so labelled) beyond it.
/// </summary>
public sealed class ListQueryPlanTests : IAsyncLifetime
{
    private UseCaseHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await UseCaseHost.StartAsync();
        await _host.ArrangeAsync(async db =>
        {
            // Three counties of two cities of Zhejiang and one of Hubei; names repeat so the credit code must break ties.
            string[] counties = ["330102", "330105", "330212", "420102"];
            for (var i = 0; i < 120; i++)
            {
                var county = counties[i % counties.Length];
                var e = Arrange.Enterprise(db, $"91{county}MA{i:D8}", county, $"企业{i % 7}");
                e.ProvinceCode = county[..2] + "0000";
                e.Evaluation = new EvaluationSummary { AsOf = UseCaseHost.Today, SizeClass = i % 2 == 0 ? "small" : "medium", RuleVersions = "test" };
                e.TierOutcomes.Add(new TierOutcome { Tier = "innovative-sme", Qualified = i % 3 == 0, NearMiss = i % 3 == 1 });
            }
            await db.SaveChangesAsync();
        });
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("province", "330000", "ProvinceCode")]
    [InlineData("city", "330100", "CityCode")]
    [InlineData("county", "330102", "RegionCode")]
    public async Task An_officers_filtered_list_reads_the_index_of_its_level_in_order(string level, string region, string column)
    {
        var actor = level switch { "province" => TestActors.Province(region), "city" => TestActors.City(region), _ => TestActors.County(region) };
        var filter = new EnterpriseFilter { Tier = "innovative-sme", SizeClass = "small", Page = 3, PageSize = 5 };
        var (sql, plan) = await _host.AsAsync(actor, sp => PlanAsync(sp, q => q.Apply(filter).Skip(10).Take(5)));

        plan.ShouldContain(d => d.Contains($"USING INDEX IX_Enterprises_{column}_Name_CreditCode ({column}=?)", StringComparison.Ordinal),
            $"plan:\n{string.Join('\n', plan)}\n{sql}");
        plan.ShouldNotContain(d => d.Contains("TEMP B-TREE", StringComparison.Ordinal), $"plan:\n{string.Join('\n', plan)}");
        // One equality on the level's column: the other region columns and the scope flags are folded out of the SQL.
        foreach (var other in new[] { "ProvinceCode", "CityCode", "RegionCode" }.Where(c => c != column))
        {
            sql.ShouldNotContain($"\"{other}\" =", Case.Sensitive, sql);
        }
    }

    [Fact]
    public async Task A_keyset_cursor_from_a_deep_page_seeks_the_index()
    {
        var first = await _host.AsAsync<EnterpriseQuery, Paged<EnterpriseRow>>(TestActors.Province(), q => q.PageAsync(new EnterpriseFilter { PageSize = 7 }, default));
        var cursor = ListCursor.Parse(first.Next!, null)!;
        var (sql, plan) = await _host.AsAsync(TestActors.Province(), sp => PlanAsync(sp, q => cursor.After(q.Apply(new EnterpriseFilter())).Take(7)));
        plan.ShouldContain(d => d.Contains("USING INDEX IX_Enterprises_ProvinceCode_Name_CreditCode (ProvinceCode=? AND Name>?)", StringComparison.Ordinal),
            $"plan:\n{string.Join('\n', plan)}\n{sql}");
        plan.ShouldNotContain(d => d.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("-name")]
    [InlineData("creditCode")]
    [InlineData("-creditCode")]
    public async Task Keyset_pages_walk_the_list_once_in_order(string? sort)
    {
        var filter = new EnterpriseFilter { Sort = sort, PageSize = 7 };
        var all = await _host.AsAsync<EnterpriseQuery, List<string>>(TestActors.Province(),
            q => EnterpriseQuery.Rows(q.Apply(filter)).Select(r => r.CreditCode).ToListAsync());
        all.Count.ShouldBe(90); // the Zhejiang three quarters of 120
        var walked = new List<string>();
        string? after = null;
        do
        {
            var page = await _host.AsAsync<EnterpriseQuery, Paged<EnterpriseRow>>(TestActors.Province(), q => q.PageAsync(filter with { After = after }, default));
            page.Total.ShouldBe(90);
            page.TotalEstimated.ShouldBeFalse();
            walked.AddRange(page.Items.Select(r => r.CreditCode));
            after = page.Next;
        }
        while (after is not null);
        walked.ShouldBe(all);
    }

    [Fact]
    public void A_cursor_of_another_order_or_of_garbage_is_refused()
    {
        var row = new EnterpriseRow("91330102MA00000001", "企业1", "330102", "C3511", null, null, null, null);
        var byName = ListCursor.Of(row, null)!;
        ListCursor.Parse(byName, "name").ShouldNotBeNull();
        ListCursor.Parse(byName, "creditCode").ShouldBeNull();
        ListCursor.Parse("not*base64", null).ShouldBeNull();
        ListCursor.Of(row, "region").ShouldBeNull(); // orders no index serves page by number
    }

    private static async Task<(string Sql, List<string> Plan)> PlanAsync(IServiceProvider sp, Func<EnterpriseQuery, IQueryable<Enterprise>> query)
    {
        var db = sp.GetRequiredService<TiduDbContext>();
        var q = query(sp.GetRequiredService<EnterpriseQuery>());
        await using var command = q.CreateDbCommand();
        var sql = command.CommandText;
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        await db.Database.OpenConnectionAsync();
        var plan = new List<string>();
        await using (DbDataReader reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(3));
            }
        }
        return (sql, plan);
    }
}
