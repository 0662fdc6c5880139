using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Tidu.Application.Monitoring;
using Tidu.Application.Screening;
using Tidu.Data.Entities.Monitoring;
using Tidu.Data.Registry;
using Tidu.Data.Scoping;
using Tidu.Domain.Exchange;
using Tidu.Domain.Regions;
using Tidu.Rules.Evaluation;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Monitoring;

/// <summary>
/// The dashboard's qualified counts are those of the date asked for. Files are written on two days of a fresh database;
/// the expected counts come from the files the test wrote: <see cref="Profiles.Qualifying"/> files meet the
/// specialized-SME criteria, <see cref="Profiles.Minimal"/> files meet none, and a file whose last year has 2,000 staff
/// and 100,000 万元 of revenue is a large enterprise — above both of the industrial SME bounds (fewer than 1,000 staff
/// or less than 40,000 万元 of revenue, 中小企业划型标准规定, 工信部联企业〔2011〕300号) — so it qualifies for no SME tier.
/// After every write the roll-up the dashboard reads must equal a recount of the stored evaluation history, and the
/// industry × size-class counts a count of the stored files.
/// </summary>
public abstract class DatedCountsTests(TiduAppFixture app)
{
    private const string Tier = "specialized-sme";
    private static readonly DateOnly Before = new(2025, 12, 31);
    private static readonly DateOnly First = new(2026, 3, 31);
    private static readonly DateOnly Between = new(2026, 6, 30);
    private static readonly DateOnly Second = TestClock.Today;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_past_dates_dashboard_counts_that_dates_qualified_files()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(app);
        await SeedRegionsAsync(scratch, "330102", "330105");
        var q = Enumerable.Range(1, 3).Select(i => CreditCodes.For("330102", 7100 + i)).ToList();
        var m = Enumerable.Range(1, 2).Select(i => CreditCodes.For("330105", 7200 + i)).ToList();
        var q2 = Enumerable.Range(1, 2).Select(i => CreditCodes.For("330105", 7300 + i)).ToList();

        // First day: three qualifying files in 上城区, two qualifying and two that qualify for nothing in 拱墅区.
        await WriteAsync(scratch, First, [
            .. q.Select(c => Profiles.Qualifying(c, "测试上城" + c[^4..], "330102", First)),
            .. q2.Select(c => Profiles.Qualifying(c, "测试拱墅" + c[^4..], "330105", First)),
            .. m.Select(c => Profiles.Minimal(c, "测试拱墅" + c[^4..], "330105"))]);
        // Second day: one 上城区 file becomes a large enterprise, one 拱墅区 file now meets the criteria.
        var large = Profiles.Qualifying(q[0], "测试上城" + q[0][^4..], "330102", Second);
        foreach (var year in large["financials"]!.AsArray())
        {
            year!["employees"] = 2000;
            year["operatingRevenue"] = 100000m;
        }
        await WriteAsync(scratch, Second, [large, Profiles.Qualifying(m[0], "测试拱墅" + m[0][^4..], "330105", Second)]);

        var expected = new Dictionary<DateOnly, Dictionary<string, int>>
        {
            [Before] = [],
            [First] = new() { ["330102"] = 3, ["330105"] = 2 },
            [Between] = new() { ["330102"] = 3, ["330105"] = 2 },
            [Second] = new() { ["330102"] = 2, ["330105"] = 3 },
        };
        foreach (var (day, counties) in expected)
        {
            var city = await CountAsync(scratch, RegionScope.Region("test:dated", "330100"), day);
            city.Where(c => c.Tier == Tier && c.Qualified > 0).ToDictionary(c => c.RegionCode, c => c.Qualified).ShouldBe(counties, ignoreOrder: true, $"on {day}");
            var province = await CountAsync(scratch, RegionScope.Region("test:dated", "330000"), day);
            province.Where(c => c.Tier == Tier).Sum(c => c.Qualified).ShouldBe(counties.Values.Sum(), $"on {day}");
        }
        await RollupEqualsRecountAsync(scratch);
    }

    [Fact]
    public async Task After_writes_on_dates_in_any_order_the_rollup_equals_a_recount_of_the_history()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(app);
        await SeedRegionsAsync(scratch, "330102", "330105", "330203");
        var regions = new[] { "330102", "330105", "330203" };
        var dates = new[] { Before, First, Between, Second };
        var random = new Random(21);
        for (var step = 0; step < 12; step++)
        {
            // A random file of six, a random region (a move when it differs), qualifying or not, on a random date —
            // also before dates already written (a load of last year's figures).
            var serial = random.Next(6);
            var code = CreditCodes.For("330102", 7400 + serial);
            var region = regions[random.Next(regions.Length)];
            var day = dates[random.Next(dates.Length)];
            var json = random.Next(2) == 0 ? Profiles.Qualifying(code, "测试" + serial, region, day) : Profiles.Minimal(code, "测试" + serial, region, 5000m + step);
            await WriteAsync(scratch, day, [json]);
            await RollupEqualsRecountAsync(scratch);
        }
        // And the daily re-evaluation of every file on a date.
        await using (var db = scratch.Context("test:reevaluate"))
        {
            await Registry(db, new FakeTimeProvider(TestClock.At(Between))).ReevaluateAsync(Between, ct: _ct);
        }
        await RollupEqualsRecountAsync(scratch);
    }

    [Fact]
    public async Task Valid_recognitions_count_each_enterprise_once_per_tier_through_renewals_withdrawals_and_moves()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(app);
        await SeedRegionsAsync(scratch, "330102", "330105");
        var a = CreditCodes.For("330102", 7501);
        var b = CreditCodes.For("330102", 7502);
        // Each file comes with an innovative-SME recognition valid from a year before First to two years after it.
        await WriteAsync(scratch, First, [Profiles.Qualifying(a, "测试认定甲", "330102", First), Profiles.Qualifying(b, "测试认定乙", "330102", First)]);
        await RollupEqualsRecountAsync(scratch);

        // A renewal before expiry (overlapping), added without loading the file's other recognitions: 甲 still counts once.
        var renewedUntil = First.AddYears(4);
        await ChangeRecognitionsAsync(scratch, async db =>
        {
            var id = await db.Enterprises.Where(e => e.CreditCode == a).Select(e => e.Id).SingleAsync(_ct);
            db.Recognitions.Add(new Tidu.Data.Entities.EnterpriseRecognition { EnterpriseId = id, Tier = "innovative-sme", RecognizedOn = First.AddYears(1), ValidUntil = renewedUntil });
            var other = await db.Enterprises.Where(e => e.CreditCode == b).Select(e => e.Id).SingleAsync(_ct);
            db.Recognitions.Add(new Tidu.Data.Entities.EnterpriseRecognition { EnterpriseId = other, Tier = Tier, RecognizedOn = Between });
        });
        await RollupEqualsRecountAsync(scratch);
        (await RecognizedAsync(scratch, First.AddYears(1).AddDays(10))).ShouldBe(new Dictionary<string, int> { ["innovative-sme"] = 2, [Tier] = 1 });
        (await RecognizedAsync(scratch, First.AddYears(3))).ShouldBe(new Dictionary<string, int> { ["innovative-sme"] = 1, [Tier] = 1 });

        // The first recognition withdrawn: 甲 is counted from the renewal's first day only.
        await ChangeRecognitionsAsync(scratch, async db =>
        {
            var first = await db.Recognitions.Where(r => r.Enterprise.CreditCode == a && r.ValidUntil != renewedUntil).SingleAsync(_ct);
            db.Recognitions.Remove(first);
        });
        await RollupEqualsRecountAsync(scratch);
        (await RecognizedAsync(scratch, First)).ShouldBe(new Dictionary<string, int> { ["innovative-sme"] = 1 });

        // 乙 moves to 拱墅区: its recognitions count there, on every date.
        await ChangeRecognitionsAsync(scratch, async db =>
        {
            var file = await db.Enterprises.Where(e => e.CreditCode == b).SingleAsync(_ct);
            file.RegionCode = "330105";
        });
        await RollupEqualsRecountAsync(scratch);
        var county = await CountAsync(scratch, RegionScope.Region("test:dated", "330105"), Second);
        county.Where(c => c.Recognized > 0).ToDictionary(c => c.Tier, c => c.Recognized).ShouldBe(new Dictionary<string, int> { ["innovative-sme"] = 1, [Tier] = 1 });
    }

    private async Task ChangeRecognitionsAsync(ScratchDatabase scratch, Func<Tidu.Data.TiduDbContext, Task> change)
    {
        await using var db = scratch.Context("test:recognitions", new FakeTimeProvider(TestClock.At(Second)));
        db.RecognitionBasis = "official-list:test";
        await change(db);
        await db.SaveChangesAsync(_ct);
    }

    /// <summary>The province's valid recognitions per tier on <paramref name="day"/>, as the dashboard counts them.</summary>
    private async Task<Dictionary<string, int>> RecognizedAsync(ScratchDatabase scratch, DateOnly day) =>
        (await CountAsync(scratch, RegionScope.Region("test:dated", "330000"), day))
            .Where(c => c.Recognized > 0).GroupBy(c => c.Tier).ToDictionary(g => g.Key, g => g.Sum(c => c.Recognized));

    /// <summary>The roll-up's sums on each day equal a count, per region and tier, of the history rows in force that day.</summary>
    private async Task RollupEqualsRecountAsync(ScratchDatabase scratch)
    {
        await using var db = scratch.Context();
        var history = await db.OutcomeHistory.AsNoTracking().ToListAsync(_ct);
        var counts = await db.TierDayCounts.AsNoTracking().ToListAsync(_ct);
        foreach (var day in history.Select(h => h.AsOf).Append(Before.AddDays(-1)).Distinct())
        {
            var recount = history.GroupBy(h => (h.EnterpriseId, h.Tier))
                .Select(g => g.Where(h => h.AsOf <= day).MaxBy(h => h.AsOf))
                .Where(h => h is not null && (h.Qualified || h.NearMiss))
                .GroupBy(h => (h!.RegionCode, h.Tier))
                .Select(g => (g.Key, Q: g.Count(h => h!.Qualified), N: g.Count(h => !h!.Qualified)))
                .OrderBy(x => x.Key).ToList();
            var rolled = counts.Where(c => c.Day <= day).GroupBy(c => (c.RegionCode, c.Tier))
                .Select(g => (g.Key, Q: g.Sum(c => c.Qualified), N: g.Sum(c => c.NearMisses)))
                .Where(x => x.Q != 0 || x.N != 0)
                .OrderBy(x => x.Key).ToList();
            rolled.ShouldBe(recount, $"on {day}");
        }
        // The history agrees with each file's stored evaluation on that evaluation's date.
        var files = await db.Enterprises.AsNoTracking().Include(e => e.TierOutcomes).ToListAsync(_ct);
        // The industry × size-class counts equal a count of the stored files by region, section and latest size class.
        var mix = (await db.FileMixCounts.AsNoTracking().Where(c => c.Files != 0).ToListAsync(_ct))
            .Select(c => (Key: (c.RegionCode, c.Section, c.SizeClass), c.Files)).OrderBy(x => x.Key).ToList();
        mix.ShouldBe([.. files.GroupBy(e => (e.RegionCode, e.IndustryCode[..1], e.Evaluation?.SizeClass ?? FileMixCount.NoSizeClass))
            .Select(g => (Key: g.Key, Files: g.Count())).OrderBy(x => x.Key)]);
        // Valid recognitions: on every day where a recognition starts or ends (and the days around), the roll-up holds the
        // number of enterprises with one or more valid recognitions of the tier, by the region each file is in now.
        var recognitions = await db.Recognitions.AsNoTracking().ToListAsync(_ct);
        var regionOf = files.ToDictionary(e => e.Id, e => e.RegionCode);
        var edges = recognitions.SelectMany(r => new[] { r.RecognizedOn.AddDays(-1), r.RecognizedOn }
            .Concat(r.ValidUntil is { } u ? [u, u.AddDays(1)] : []));
        foreach (var day in edges.Append(Before).Distinct())
        {
            var valid = recognitions.Where(r => r.RecognizedOn <= day && (r.ValidUntil == null || r.ValidUntil >= day))
                .Select(r => (r.EnterpriseId, r.Tier)).Distinct()
                .GroupBy(x => (Region: regionOf[x.EnterpriseId], x.Tier))
                .Select(g => (g.Key, N: g.Count())).OrderBy(x => x.Key).ToList();
            var rolled = counts.Where(c => c.Day <= day).GroupBy(c => (Region: c.RegionCode, c.Tier))
                .Select(g => (g.Key, N: g.Sum(c => c.Recognized))).Where(x => x.N != 0)
                .OrderBy(x => x.Key).ToList();
            rolled.ShouldBe(valid, $"recognitions on {day}");
        }
        foreach (var e in files)
        {
            foreach (var t in e.TierOutcomes)
            {
                var row = history.Where(h => h.EnterpriseId == e.Id && h.Tier == t.Tier && h.AsOf <= e.Evaluation!.AsOf).MaxBy(h => h.AsOf);
                row.ShouldNotBeNull();
                (row.Qualified, row.NearMiss).ShouldBe((t.Qualified, t.NearMiss), $"{e.CreditCode} {t.Tier}");
            }
        }
    }

    private async Task<IReadOnlyList<RegionTierCount>> CountAsync(ScratchDatabase scratch, RegionScope scope, DateOnly day)
    {
        await using var db = scratch.Context(scope);
        using var memory = new MemoryCache(new MemoryCacheOptions());
        return await new RegionRollup(db, RegionTree.Shipped, new CountCache(memory, new Tidu.Data.Changes.LocalWriteGeneration())).CountAsync(day, _ct);
    }

    /// <summary>Creates or updates the files through the registry on <paramref name="day"/> (evaluated as of that day).</summary>
    private async Task WriteAsync(ScratchDatabase scratch, DateOnly day, IReadOnlyList<JsonObject> files)
    {
        var clock = new FakeTimeProvider(TestClock.At(day));
        await using var db = scratch.Context("test:dated", clock);
        var profiles = files.Select(j => ProfileReader.Parse(new RawRecord(1, (string)j["creditCode"]!, JsonSerializer.SerializeToUtf8Bytes(j))).Profile
            ?? throw new InvalidOperationException("test profile invalid")).ToList();
        var result = await Registry(db, clock).UpsertAsync(profiles, RecognitionWrites.Official, ct: _ct);
        result.Refused.ShouldBeEmpty();
    }

    private EnterpriseRegistry Registry(Tidu.Data.TiduDbContext db, TimeProvider clock) =>
        new(db, app.App.Services.GetRequiredService<Evaluator>(), RegionTree.Shipped, clock);

    private async Task SeedRegionsAsync(ScratchDatabase scratch, params string[] codes)
    {
        await using var db = scratch.Context();
        var tree = RegionTree.Shipped;
        var seen = new HashSet<string>();
        foreach (var code in codes)
        {
            for (var r = tree.Find(code); r is not null && seen.Add(r.Code); r = r.Parent is { } parent ? tree.Find(parent) : null)
            {
                db.Regions.Add(new Tidu.Data.Entities.Region { Code = r.Code, Name = r.Name, ParentCode = r.Parent, Level = r.Level });
            }
        }
        await db.SaveChangesAsync(_ct);
    }
}

[Collection(SqliteApp.Name)]
public sealed class SqliteDatedCountsTests(SqliteAppFixture app) : DatedCountsTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresDatedCountsTests(PostgresAppFixture app) : DatedCountsTests(app);
