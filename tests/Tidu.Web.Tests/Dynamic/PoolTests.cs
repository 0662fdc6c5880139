using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Tidu.Data.Registry;
using Tidu.Data.Scoping;
using Tidu.Rules.Evaluation;
using Tidu.Web.Tests.Infrastructure;
using Xunit;
using static Tidu.Web.Tests.Dynamic.DynamicHarness;

namespace Tidu.Web.Tests.Dynamic;

/// <summary>
/// Cultivation pools (储备/培育/提升, 浙江省2024年《关于进一步促进专精特新中小企业高质量发展的若干意见》as reported: “储备一批、培育一批、提升一批”, 有进有出): entry and exit with who, when and
/// why; a move closes the old stay; movement per month; and screening's reserve proposals equal the near misses
/// computed independently (full evaluation of each file, decisive failures counted by Explanations).
/// </summary>
public abstract class PoolTests(TiduAppFixture app)
{
    private const string Tier = "little-giant";
    private static readonly string Haishu = KnownEnterprises.Haishu.CreditCode;

    [Fact]
    public async Task An_enterprise_enters_moves_and_leaves_with_reasons_and_the_movement_counts_each_month()
    {
        var march = new DateOnly(Today.Year + 7, 3, 10);
        var april = march.AddMonths(1);
        // Ningbo's enterprise: a Hangzhou officer cannot enter it.
        (await AtAsync(app, march, "hz-city", c => Enter(c, Haishu, "nurture", "重点培育"))).Status.ShouldBe(HttpStatusCode.NotFound);
        var noReason = await AtAsync(app, march, "zj-province", c => Enter(c, Haishu, "nurture", " "));
        noReason.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, noReason.Text);

        var entered = await AtAsync(app, march, "zj-province", c => Enter(c, Haishu, "nurture", "列入年度培育计划"));
        entered.Status.ShouldBe(HttpStatusCode.Created, entered.Text);
        (await AtAsync(app, march, "zj-province", c => Enter(c, Haishu, "nurture", "重复"))).Status.ShouldBe(HttpStatusCode.Conflict);
        var moved = await AtAsync(app, april, "zj-province", c => Enter(c, Haishu, "elevate", "已具备申报条件"));
        moved.Status.ShouldBe(HttpStatusCode.Created, moved.Text);
        var stay = moved.Json!["id"]!.GetValue<long>();
        (await AtAsync(app, april, "zj-province", c => c.PostJsonAsync($"/api/v1/pools/{stay}/exit", new JsonObject { ["reason"] = "" }))).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var left = await AtAsync(app, april.AddDays(5), "zj-province", c => c.PostJsonAsync($"/api/v1/pools/{stay}/exit", new JsonObject { ["reason"] = "已认定为小巨人" }));
        left.Status.ShouldBe(HttpStatusCode.OK, left.Text);

        var (_, list, _) = await AtAsync(app, april.AddDays(5), "zj-province", c => c.GetJsonAsync($"/api/v1/pools?tier={Tier}"));
        var mine = list!.AsArray().Where(x => x!["creditCode"]!.GetValue<string>() == Haishu).ToList();
        mine.Select(x => $"{x!["pool"]}|{x["enteredOn"]}|{x["enteredBy"]}|{x["entryReason"]}|{x["exitedOn"]}|{x["exitedBy"]}|{x["exitReason"]}").ShouldBe(
        [
            $"nurture|{Iso(march)}|zj-province|列入年度培育计划|{Iso(april)}|zj-province|转入提升库：已具备申报条件",
            $"elevate|{Iso(april)}|zj-province|已具备申报条件|{Iso(april.AddDays(5))}|zj-province|已认定为小巨人",
        ]);

        var (_, movement, text) = await AtAsync(app, april, "zj-province", c => c.GetJsonAsync(
            $"/api/v1/pools/movement?tier={Tier}&from={Iso(march.AddDays(-9))}&to={Iso(new DateOnly(april.Year, april.Month, 1).AddMonths(1).AddDays(-1))}"));
        movement.ShouldNotBeNull(text);
        movement["months"]!.AsArray().Select(m => m!.GetValue<string>()).ShouldBe([$"{march:yyyy-MM}", $"{april:yyyy-MM}"]);
        var series = movement["series"]!.AsArray().ToDictionary(s => s!["pool"]!.GetValue<string>());
        Counts(series["nurture"]!["entries"]).ShouldBe([1, 0]);
        Counts(series["nurture"]!["exits"]).ShouldBe([0, 1]);
        Counts(series["elevate"]!["entries"]).ShouldBe([0, 1]);
        Counts(series["elevate"]!["exits"]).ShouldBe([0, 1]);
        Counts(series["reserve"]!["entries"]).ShouldBe([0, 0]);
    }

    [Fact]
    public async Task Reserve_proposals_are_the_independently_computed_near_misses_and_accepting_one_enters_it_with_the_screening_source()
    {
        const string tier = "specialized-sme";
        using var officer = await Sessions.LoginAsync(app, "zj-province");
        var (status, json, text) = await officer.GetJsonAsync($"/api/v1/pools/proposals?tier={tier}");
        status.ShouldBe(HttpStatusCode.OK, text);
        var proposed = json!["items"]!.AsArray().Select(i => i!["creditCode"]!.GetValue<string>()).Order().ToList();

        var expected = await ExpectedNearMissesAsync(tier, "330000");
        proposed.ShouldBe(expected);
        proposed.ShouldNotBeEmpty("the demo data of Zhejiang should hold near misses of the specialized SME");

        var pick = proposed[0];
        (await officer.PostJsonAsync("/api/v1/pools/proposals/accept", new JsonObject { ["tier"] = tier, ["creditCodes"] = new JsonArray(KnownEnterprises.Jiang_an.CreditCode) }))
            .Status.ShouldBe(HttpStatusCode.UnprocessableEntity); // another province's enterprise is no proposal of this officer
        var accepted = await officer.PostJsonAsync("/api/v1/pools/proposals/accept", new JsonObject { ["tier"] = tier, ["creditCodes"] = new JsonArray(pick) });
        accepted.Status.ShouldBe(HttpStatusCode.OK, accepted.Text);
        var (_, after, _) = await officer.GetJsonAsync($"/api/v1/pools/proposals?tier={tier}");
        after!["items"]!.AsArray().Select(i => i!["creditCode"]!.GetValue<string>()).ShouldNotContain(pick);
        var (_, pools, _) = await officer.GetJsonAsync($"/api/v1/pools?tier={tier}&pool=reserve&open=true");
        var row = pools!.AsArray().Single(x => x!["creditCode"]!.GetValue<string>() == pick)!;
        $"{row["source"]}|{row["enteredBy"]}".ShouldBe("screening|zj-province");
    }

    /// <summary>Near misses by a full evaluation of each file on its stored date: not qualified, exactly one decisive failure; minus open pool stays.</summary>
    private Task<List<string>> ExpectedNearMissesAsync(string tier, string province) =>
        app.WithDbAsync(async db =>
        {
            var evaluator = app.App.Services.GetRequiredService<Evaluator>();
            var pooled = await db.PoolMemberships.Where(m => m.Tier == tier && m.ExitedOn == null).Select(m => m.EnterpriseId).ToListAsync();
            var files = await db.Enterprises.AsNoTracking().Where(e => e.ProvinceCode == province).Include(e => e.Financials).Include(e => e.Recognitions)
                .Include(e => e.Honors).AsSplitQuery().ToListAsync();
            return files.Where(e => !pooled.Contains(e.Id) && e.Evaluation is not null && ProfileMapping.ToProfile(e).Profile is { } p
                    && evaluator.Evaluate(p, e.Evaluation.AsOf, EvaluationDetail.Full).Tiers.SingleOrDefault(t => t.Tier == tier) is { Qualified: false } r
                    && Explanations.DecisiveFailures(r.Checks).Count == 1)
                .Select(e => e.CreditCode).Order().ToList();
        }, RegionScope.Region("test", province));

    private static int[] Counts(JsonNode? node) => [.. node!.AsArray().Select(n => n!.GetValue<int>())];

    private static Task<(HttpStatusCode, JsonNode?, string)> Enter(HttpClient c, string code, string pool, string reason) =>
        c.PostJsonAsync("/api/v1/pools/entries", new JsonObject { ["creditCode"] = code, ["tier"] = Tier, ["pool"] = pool, ["reason"] = reason });
}

[Collection(SqliteApp.Name)]
public sealed class SqlitePoolTests(SqliteAppFixture app) : PoolTests(app);

[Collection(PostgresApp.Name)]
public sealed class PostgresPoolTests(PostgresAppFixture app) : PoolTests(app);
