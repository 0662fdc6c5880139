using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Shouldly;
using Tidu.Application.Monitoring;
using Tidu.Application.Screening;
using Tidu.Data.Entities;
using Tidu.Data.Scoping;
using Tidu.Domain.Regions;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Monitoring;

/// <summary>
/// The database's roll-up equals counts made here, in memory, from every stored row: the child region is found by
/// walking the shipped region tree (not the stored ancestor columns the query groups on), the scope by the tree too.
/// </summary>
public abstract class RegionRollupTests(TiduAppFixture app)
{
    private static readonly RegionTree Tree = RegionTree.Shipped;

    /// <summary>Scope region (null: everything) → the level of its children.</summary>
    public static TheoryData<string?, string> Scopes => new()
    {
        { null, "province" },
        { "330000", "city" },
        { "420000", "city" },
        { "330100", "county" },
        { "330102", "county" },
    };

    [Theory]
    [MemberData(nameof(Scopes))]
    public async Task Counts_per_child_region_and_tier_equal_counts_of_the_stored_rows(string? scopeRegion, string childLevel)
    {
        // A qualifying file of the test's own in the smallest scope, so the qualified counts are not zero whatever the
        // demo data and the other tests left there.
        await Applicants.NewAsync(app, TestClock.Today);
        var all = await app.WithDbAsync(db => db.Enterprises.AsNoTracking().Include(e => e.OutcomeHistory).Include(e => e.Recognitions).ToListAsync());
        var within = all.Where(e => scopeRegion is null || Tree.IsWithin(e.RegionCode, scopeRegion)).ToList();
        within.ShouldNotBeEmpty();
        var recognizedOn = within.SelectMany(e => e.Recognitions).Select(r => r.RecognizedOn).ToList();
        recognizedOn.ShouldNotBeEmpty($"no recognition stored in {scopeRegion}: the test would prove little");

        // The day the scope's first recognition was granted (read from the stored rows, so the demo data's dates may
        // move) and today: validity windows open and close between them.
        foreach (var on in new[] { recognizedOn.Min(), TestClock.Today })
        {

            var expected = new Dictionary<(string, string), (int Qualified, int Recognized)>();
            foreach (var e in within)
            {
                var child = ChildOf(e.RegionCode, scopeRegion);
                // Qualified on the day: the tier's history row in force then (the latest on or before it).
                foreach (var t in e.OutcomeHistory.Where(h => h.AsOf <= on).GroupBy(h => h.Tier).Select(g => g.MaxBy(h => h.AsOf)!).Where(h => h.Qualified))
                {
                    var c = expected.GetValueOrDefault((child, t.Tier));
                    expected[(child, t.Tier)] = (c.Qualified + 1, c.Recognized);
                }
                foreach (var tier in e.Recognitions.Where(r => r.RecognizedOn <= on && (r.ValidUntil is null || r.ValidUntil >= on)).Select(r => r.Tier).Distinct())
                {
                    var c = expected.GetValueOrDefault((child, tier));
                    expected[(child, tier)] = (c.Qualified, c.Recognized + 1);
                }
            }

            var scope = scopeRegion is null ? RegionScope.Everything("test:rollup") : RegionScope.Region("test:rollup", scopeRegion);
            using var memory = new MemoryCache(new MemoryCacheOptions());
            var actual = await app.WithDbAsync(db => new RegionRollup(db, Tree, new CountCache(memory, new Tidu.Data.Changes.LocalWriteGeneration())).CountAsync(on, default), scope);

            actual.ToDictionary(a => (a.RegionCode, a.Tier), a => (a.Qualified, a.Recognized)).ShouldBe(expected, ignoreOrder: true);
            expected.Values.Sum(v => v.Recognized).ShouldBeGreaterThan(0, $"no valid recognition on {on} in {scopeRegion}: the test would prove little");
            if (on == TestClock.Today)
            {
                expected.Values.Sum(v => v.Qualified).ShouldBeGreaterThan(0);
            }
            // Every key is a child of the scope region (a county scope keys by itself).
            actual.Select(a => Tree.Find(a.RegionCode)).ShouldAllBe(r => r != null && (r.Parent == scopeRegion || r.Code == scopeRegion));
            actual.Where(a => a.RegionCode != scopeRegion).Select(a => Tree.Find(a.RegionCode)!.Level).Distinct().ShouldBeSubsetOf(childLevel == "city" ? ["city"] : [childLevel]);
        }
    }

    /// <summary>The child of <paramref name="scope"/> on the path from <paramref name="code"/> up the tree (the code itself when it is the scope).</summary>
    private static string ChildOf(string code, string? scope)
    {
        var path = new List<string>();
        for (var r = Tree.Find(code); r is not null; r = r.Parent is null ? null : Tree.Find(r.Parent))
        {
            path.Add(r.Code);
        }
        if (scope is null)
        {
            return path[^1];
        }
        var at = path.IndexOf(scope);
        return at <= 0 ? code : path[at - 1];
    }
}

[Collection(SqliteApp.Name)]
public sealed class SqliteRegionRollupTests(SqliteAppFixture app) : RegionRollupTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresRegionRollupTests(PostgresAppFixture app) : RegionRollupTests(app);
