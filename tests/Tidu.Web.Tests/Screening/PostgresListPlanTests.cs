using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Shouldly;
using Tidu.Application.Screening;
using Tidu.Data.Entities;
using Tidu.Data.Scoping;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Screening;

/// <summary>
/// PostgreSQL's plan (EXPLAIN) for a province, a city and a county officer's filtered screening list, on a database of
/// 30,000 files with statistics: an index scan of the index led by the level's column, in the list's order, with no
/// sort node — a page reads a page's worth of the index, not every match of the region. The SQLite counterpart is in
/// the application tests (ListQueryPlanTests). A name search reads the trigram index (pg_trgm) in a database whose
/// character classification is a UTF-8 locale (under the C locale pg_trgm finds no trigrams in Chinese text).
/// </summary>
[Collection(PostgresApp.Name)]
public sealed class PostgresListPlanTests(PostgresAppFixture app)
{
    /// <summary>Nine regions and 30,000 files in three counties of Zhejiang and one of Hubei, a third qualified innovative SMEs.</summary>
    private const string Files = """
        INSERT INTO "Regions" ("Code", "Name", "ParentCode", "Level") VALUES
          ('330000', '浙江省', NULL, 'province'), ('330100', '杭州市', '330000', 'city'), ('330102', '上城区', '330100', 'county'),
          ('330105', '拱墅区', '330100', 'county'), ('330200', '宁波市', '330000', 'city'), ('330212', '鄞州区', '330200', 'county'),
          ('420000', '湖北省', NULL, 'province'), ('420100', '武汉市', '420000', 'city'), ('420102', '江岸区', '420100', 'county');
        INSERT INTO "Enterprises" ("CreditCode", "Name", "RegionCode", "ProvinceCode", "CityCode", "IndustryCode", "Attributes", "UpdatedAt", "Revision",
            "Evaluation_AsOf", "Evaluation_SizeClass", "Evaluation_RuleVersions")
        SELECT '91' || c.county || 'MA' || lpad(i::text, 8, '0'), '测试企业' || (i % 997), c.county, left(c.county, 2) || '0000', left(c.county, 4) || '00',
            'C3484', '{}', now(), 0, DATE '2026-09-07', CASE WHEN i % 2 = 0 THEN 'small' ELSE 'medium' END, 'test'
        FROM generate_series(1, 30000) AS i
        CROSS JOIN LATERAL (SELECT (ARRAY['330102', '330105', '330212', '420102'])[i % 4 + 1] AS county) AS c;
        INSERT INTO "TierOutcomes" ("EnterpriseId", "Tier", "Qualified", "DecisiveFailures", "NearMiss")
        SELECT "Id", 'innovative-sme', "Id" % 3 = 0, 0, "Id" % 3 = 1 FROM "Enterprises";
        """;

    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_levels_filtered_list_reads_its_index_in_order_without_a_sort()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(app);
        await scratch.ExecuteAsync(Files);
        await scratch.ExecuteAsync("ANALYZE");

        foreach (var (region, column) in new[] { ("330000", "ProvinceCode"), ("330100", "CityCode"), ("330102", "RegionCode") })
        {
            await using var db = scratch.Context(RegionScope.Region("test:plan", region));
            using var memory = new MemoryCache(new MemoryCacheOptions());
            var query = new EnterpriseQuery(db, new CountCache(memory, new Tidu.Data.Changes.LocalWriteGeneration()));
            var filter = new EnterpriseFilter { Tier = "innovative-sme", SizeClass = "small", Page = 3, PageSize = 5 };
            var plan = await PlanAsync(db, query.Apply(filter).Skip(10).Take(5));
            var text = string.Join('\n', plan);
            plan.ShouldContain(line => line.Contains($"Index Scan using \"IX_Enterprises_{column}_Name_CreditCode\"", StringComparison.Ordinal)
                || line.Contains($"Index Scan using IX_Enterprises_{column}_Name_CreditCode", StringComparison.Ordinal), text);
            plan.ShouldNotContain(line => line.TrimStart(' ', '-', '>').StartsWith("Sort", StringComparison.Ordinal)
                || line.Contains("Incremental Sort", StringComparison.Ordinal), text);
        }
    }

    [Fact]
    public async Task A_chinese_name_search_reads_the_trigram_index()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(app, postgresOptions: "TEMPLATE template0 LC_CTYPE 'C.UTF-8' LC_COLLATE 'C'");
        await scratch.ExecuteAsync(Files);
        await scratch.ExecuteAsync("UPDATE \"Enterprises\" SET \"Name\" = '杭州稀有光电精密仪器有限公司' WHERE \"Id\" IN (4, 8, 12); ANALYZE;");
        await using var db = scratch.Context(RegionScope.Region("test:plan", "330000"));
        using var memory = new MemoryCache(new MemoryCacheOptions());
        var query = new EnterpriseQuery(db, new CountCache(memory, new Tidu.Data.Changes.LocalWriteGeneration()));
        var filter = new EnterpriseFilter { Q = "光电精密", PageSize = 20 };

        var plan = await PlanAsync(db, query.Apply(filter).Take(20));
        plan.ShouldContain(line => line.Contains("IX_Enterprises_Name_trgm", StringComparison.Ordinal), string.Join('\n', plan));
        (await query.Apply(filter).Select(e => e.Id).ToListAsync(_ct)).ShouldBe([4L, 8L, 12L], ignoreOrder: true);
        // A wildcard typed by the user is a character, not a pattern.
        (await query.Apply(filter with { Q = "光电%仪器" }).CountAsync(_ct)).ShouldBe(0);
    }

    [Fact]
    public async Task A_total_beyond_ten_thousand_is_labelled_estimated_and_one_within_is_exact()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(app);
        await scratch.ExecuteAsync(Files);
        await scratch.ExecuteAsync("ANALYZE");
        async Task<Paged<EnterpriseRow>> PageAsync(string region, EnterpriseFilter filter)
        {
            await using var db = scratch.Context(RegionScope.Region("test:count", region));
            using var memory = new MemoryCache(new MemoryCacheOptions());
            return await new EnterpriseQuery(db, new CountCache(memory, new Tidu.Data.Changes.LocalWriteGeneration())).PageAsync(filter, _ct);
        }

        // Zhejiang holds three of the four counties' files: 22,500. Every file matches, so the sampled share is 1.
        var province = await PageAsync("330000", new EnterpriseFilter { PageSize = 20 });
        province.TotalEstimated.ShouldBeTrue();
        province.Total.ShouldBe(22_500);
        // Half are small (11,250 > 10,000): estimated from the sample, never reported as the limit or below it.
        var small = await PageAsync("330000", new EnterpriseFilter { SizeClass = "small", PageSize = 20 });
        small.TotalEstimated.ShouldBeTrue();
        small.Total.ShouldBeInRange(EnterpriseQuery.ExactCountLimit + 1, 22_500);
        // A county's 7,500 are counted exactly.
        var county = await PageAsync("330102", new EnterpriseFilter { PageSize = 20 });
        county.TotalEstimated.ShouldBeFalse();
        county.Total.ShouldBe(7_500);
    }

    private async Task<List<string>> PlanAsync(Tidu.Data.TiduDbContext db, IQueryable<Enterprise> query)
    {
        await using DbCommand command = query.CreateDbCommand();
        command.CommandText = "EXPLAIN " + command.CommandText;
        await db.Database.OpenConnectionAsync(_ct);
        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(_ct);
        while (await reader.ReadAsync(_ct))
        {
            plan.Add(reader.GetString(0));
        }
        return plan;
    }
}
