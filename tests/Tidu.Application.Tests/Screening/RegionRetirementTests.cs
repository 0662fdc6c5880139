using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Tidu.Application.Screening;
using Tidu.Application.Tests.Infrastructure;
using Tidu.Data;
using Tidu.Data.Changes;
using Tidu.Data.Registry.Bulk;
using Tidu.Domain.Exchange;
using Tidu.Domain.Regions;
using Tidu.Rules.Evaluation;
using Xunit;

namespace Tidu.Application.Tests.Screening;

/// <summary>
/// Cached counts retire per region: a committed write of an enterprise file in 瑞安市 (county A) is seen by the next
/// read of A, of its city 温州市 and of the province, and leaves the counts of 乐清市 (county B, same city) cached; a file
/// that moves from B to A retires both; a write of anything else retires every count. The cache here keys on a shared
/// generation that never moves, so what retires a count is the regions' counters alone (other tests' writes elsewhere
/// in this process move the shared one).
/// </summary>
public sealed class RegionRetirementTests : IAsyncLifetime
{
    private const string A = "330381";
    private const string B = "330382";
    private UseCaseHost _host = null!;
    private readonly CountCache _cache = new(new MemoryCache(new MemoryCacheOptions()), new StillGeneration());
    private readonly Dictionary<string, int> _computed = [];

    public async ValueTask InitializeAsync()
    {
        _host = await UseCaseHost.StartAsync();
        await _host.ArrangeAsync(async db =>
        {
            Arrange.Enterprise(db, "91330381MA00000A1X", A);
            Arrange.Enterprise(db, "91330382MA00000B1X", B);
            Arrange.Enterprise(db, "91330382MA00000B2X", B);
            await db.SaveChangesAsync();
        });
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static readonly (string Name, Tidu.Application.Actor Actor)[] Officers =
    [
        ("A", TestActors.County(A)), ("B", TestActors.County(B)), ("city", TestActors.City("330300")), ("province", TestActors.Province()),
    ];

    /// <summary>Each officer's count of files, through the cache; <see cref="_computed"/> counts the reads that went to the database.</summary>
    private async Task<Dictionary<string, int>> ReadAsync()
    {
        var counts = new Dictionary<string, int>();
        foreach (var (name, actor) in Officers)
        {
            counts[name] = await _host.AsAsync(actor, sp =>
            {
                var db = sp.GetRequiredService<TiduDbContext>();
                return _cache.GetAsync(db.Scope, "total", () =>
                {
                    _computed[name] = _computed.GetValueOrDefault(name) + 1;
                    return db.Enterprises.CountAsync();
                });
            });
        }
        return counts;
    }

    [Fact]
    public async Task A_file_written_in_one_county_retires_its_county_city_and_province_and_not_the_next_county()
    {
        var before = await ReadAsync();
        before.ShouldBe(new Dictionary<string, int> { ["A"] = 1, ["B"] = 2, ["city"] = 3, ["province"] = 3 });
        (await ReadAsync()).ShouldBe(before);
        _computed.Values.ShouldAllBe(n => n == 1, "a second read of an unchanged database is served from the cache");
        var b = CommittedWrites.RegionGeneration(B);

        await _host.ArrangeAsync(async db =>
        {
            Arrange.Enterprise(db, "91330381MA00000A2X", A);
            await db.SaveChangesAsync();
        });

        var after = await ReadAsync();
        after.ShouldBe(new Dictionary<string, int> { ["A"] = 2, ["B"] = 2, ["city"] = 4, ["province"] = 4 });
        _computed.ShouldBe(new Dictionary<string, int> { ["A"] = 2, ["B"] = 1, ["city"] = 2, ["province"] = 2 });
        CommittedWrites.RegionGeneration(B).ShouldBe(b);
    }

    [Fact]
    public async Task A_file_that_moves_from_one_county_to_the_other_retires_both()
    {
        await ReadAsync();
        await _host.ArrangeAsync(async db =>
        {
            var moved = await db.Enterprises.SingleAsync(e => e.CreditCode == "91330382MA00000B2X");
            moved.RegionCode = A;
            await db.SaveChangesAsync();
        });

        (await ReadAsync()).ShouldBe(new Dictionary<string, int> { ["A"] = 2, ["B"] = 1, ["city"] = 3, ["province"] = 3 });
        _computed.ShouldBe(new Dictionary<string, int> { ["A"] = 2, ["B"] = 2, ["city"] = 2, ["province"] = 2 });
    }

    [Fact]
    public async Task A_file_row_written_inside_an_outer_transaction_retires_its_regions_at_the_commit()
    {
        await ReadAsync();
        await _host.ArrangeAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var file = await db.Enterprises.Include(e => e.Financials).SingleAsync(e => e.CreditCode == "91330381MA00000A1X");
            file.Financials.Add(new Tidu.Data.Entities.EnterpriseFinancialYear { Year = 2025 });
            await db.SaveChangesAsync();
            Arrange.Enterprise(db, "91330381MA00000A3X", A);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        });

        (await ReadAsync()).ShouldBe(new Dictionary<string, int> { ["A"] = 2, ["B"] = 2, ["city"] = 4, ["province"] = 4 });
        _computed["B"].ShouldBe(1);
    }

    [Fact]
    public async Task A_bulk_load_which_writes_past_change_tracking_retires_the_regions_of_its_files()
    {
        await ReadAsync();
        await using var examples = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "examples", "two-enterprises.json"));
        var rows = ProfileReader.Read(examples).Select(r => new BulkRow(r.Ordinal, r.Locator, r.Profile! with { RegionCode = A })).ToList();
        rows.Count.ShouldBe(2);
        var result = await _host.AsSystemAsync(sp =>
            new BulkLoader(sp.GetRequiredService<TiduDbContext>(), sp.GetRequiredService<Evaluator>(), RegionTree.Shipped, _host.Clock)
                .LoadAsync(rows, new BulkOptions(UseCaseHost.Today, "two-enterprises.json", "测试名单")));
        result.Created.ShouldBe(2);

        (await ReadAsync()).ShouldBe(new Dictionary<string, int> { ["A"] = 3, ["B"] = 2, ["city"] = 5, ["province"] = 5 });
        _computed.ShouldBe(new Dictionary<string, int> { ["A"] = 2, ["B"] = 1, ["city"] = 2, ["province"] = 2 });
    }

    [Fact]
    public void Only_a_region_officers_scope_keys_on_its_region_every_other_scope_on_every_file_write()
    {
        CountCache.WriteRegion(TestActors.County(A).Scope).ShouldBe(A);
        CountCache.WriteRegion(TestActors.City("330300").Scope).ShouldBe("330300");
        CountCache.WriteRegion(Tidu.Data.Scoping.RegionScope.Everything("system:test")).ShouldBe(CommittedWrites.Everywhere);
        CountCache.WriteRegion(TestActors.Enterprise("91330381MA00000A1X").Scope).ShouldBe(CommittedWrites.Everywhere);
        CountCache.WriteRegion(Tidu.Data.Scoping.RegionScope.Expert("expert:1", "1")).ShouldBe(CommittedWrites.Everywhere);
    }

    [Fact]
    public async Task A_write_of_anything_but_enterprise_files_moves_the_generation_that_retires_every_count()
    {
        var generation = CommittedWrites.Generation;
        await _host.ArrangeAsync(async db =>
        {
            Arrange.Round(db);
            await db.SaveChangesAsync();
        });
        CommittedWrites.Generation.ShouldBeGreaterThan(generation);
    }

    /// <summary>A shared generation nobody moves: only the regions' counters retire this test's counts.</summary>
    private sealed class StillGeneration : IWriteGeneration
    {
        public ValueTask<WriteStamp> CurrentAsync(CancellationToken ct = default) => ValueTask.FromResult(new WriteStamp(Guid.Empty, 0));

        public ValueTask AdvanceAsync(CancellationToken ct = default) => ValueTask.CompletedTask;
    }
}
