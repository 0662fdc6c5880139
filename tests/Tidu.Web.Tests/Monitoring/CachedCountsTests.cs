using Microsoft.EntityFrameworkCore;
using Shouldly;
using Tidu.Data.Entities;
using Tidu.Web.Tests.Infrastructure;
using Xunit;

namespace Tidu.Web.Tests.Monitoring;

/// <summary>
/// The dashboard's counts are cached (a province's roll-up reads 100k+ rows). A write committed after a view must
/// show on the next view: a plain save, and a save inside an outer transaction (as an import's), which readers see
/// only at the commit — a count computed between the save and the commit must not outlive the commit.
/// </summary>
public abstract class CachedCountsTests(TiduAppFixture app)
{
    private const string County = "330102";
    private const string Tier = "little-giant";

    /// <summary>A day long before the demo's recognitions, so the counts are made by this test's rows alone.</summary>
    private static readonly DateOnly Day = new(2011, 3, 15);

    [Fact]
    public async Task A_committed_recognition_shows_on_the_next_view_of_the_cached_rollup()
    {
        var ct = TestContext.Current.CancellationToken;
        var ids = await app.WithDbAsync(db => db.Enterprises.Where(e => e.RegionCode == County)
            .Where(e => !e.Recognitions.Any(r => r.Tier == Tier && r.RecognizedOn <= Day && (r.ValidUntil == null || r.ValidUntil >= Day)))
            .OrderBy(e => e.Id).Select(e => e.Id).Take(2).ToListAsync(ct));
        ids.Count.ShouldBe(2, "the demo data has two enterprises in 上城区 without a little-giant recognition valid on the day");
        using var officer = await Sessions.LoginAsync(app, "hz-city");
        var before = await RecognizedAsync(officer);
        (await RecognizedAsync(officer)).ShouldBe(before, "the second view of an unchanged database");
        var added = new List<EnterpriseRecognition>();
        try
        {
            // A plain save.
            await app.WithDbAsync(async db =>
            {
                var r = Recognition(ids[0]);
                db.Recognitions.Add(r);
                await db.SaveChangesAsync(ct);
                added.Add(r);
            });
            (await RecognizedAsync(officer)).ShouldBe(before + 1);

            // A save inside an outer transaction: a view before the commit does not see it; the view after does.
            await app.WithDbAsync(async db =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var r = Recognition(ids[1]);
                db.Recognitions.Add(r);
                await db.SaveChangesAsync(ct);
                added.Add(r);
                (await RecognizedAsync(officer)).ShouldBe(before + 1, "the row is not committed yet");
                await transaction.CommitAsync(ct);
            });
            (await RecognizedAsync(officer)).ShouldBe(before + 2);
        }
        finally
        {
            await app.WithDbAsync(async db =>
            {
                var keys = added.Select(a => a.Id).ToList();
                db.Recognitions.RemoveRange(await db.Recognitions.Where(r => keys.Contains(r.Id)).ToListAsync(ct));
                await db.SaveChangesAsync(ct);
            });
        }
        (await RecognizedAsync(officer)).ShouldBe(before, "the removal is a committed write too");
    }

    private static EnterpriseRecognition Recognition(long enterpriseId) =>
        new() { EnterpriseId = enterpriseId, Tier = Tier, RecognizedOn = Day, ValidUntil = Day };

    /// <summary>上城区's valid little-giant recognitions on the day, as the city officer's roll-up API reports them (0 when absent).</summary>
    private static async Task<int> RecognizedAsync(HttpClient officer)
    {
        var rollup = await officer.GetJsonAsync($"/api/v1/monitoring/rollup?on={Day:yyyy-MM-dd}");
        rollup.Status.ShouldBe(System.Net.HttpStatusCode.OK, rollup.Text);
        return rollup.Json!["counts"]!.AsArray()
            .Where(c => c!["regionCode"]!.GetValue<string>() == County && c["tier"]!.GetValue<string>() == Tier)
            .Select(c => c!["recognized"]!.GetValue<int>())
            .SingleOrDefault();
    }
}

[Collection(SqliteApp.Name)]
public sealed class SqliteCachedCountsTests(SqliteAppFixture app) : CachedCountsTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresCachedCountsTests(PostgresAppFixture app) : CachedCountsTests(app);
